import { describe, expect, it } from "vitest";
import type { PairingNotifier, Relationship } from "../../src/domain/relationship.js";
import { pairingJobHandlers } from "../../src/jobs/handlers/pairing.jobs.js";

const base: Relationship = {
  id: "r1",
  mentorId: "UMENTOR",
  menteeId: "UMENTEE",
  status: "active",
  createdBy: "UADMIN",
  requestedBy: null,
  awaitingUserId: null,
  endReason: null,
  goal: null,
  cadence: null,
  nextCheckinAt: null,
  checkinsPaused: false,
  skipNextCheckin: false,
  settings: {},
  reflections: [],
  createdAt: new Date("2026-03-01T09:00:00Z"),
  updatedAt: new Date("2026-03-01T09:00:00Z"),
  activatedAt: new Date("2026-03-01T09:00:00Z"),
  endedAt: null,
};

/** The handlers against one stored relationship and a notifier that writes down what it was asked. */
function handlersFor(relationship: Relationship | null) {
  const told: string[] = [];
  const notifier: PairingNotifier = {
    introduce: async (r, userId) => void told.push(`introduce ${r.id} to ${userId}`),
    askInvitee: async (r, inviteeId) => void told.push(`ask ${inviteeId} about ${r.id}`),
    tellDeclined: async (r, requesterId) => void told.push(`declined ${r.id} to ${requesterId}`),
  };
  const handlers = pairingJobHandlers({
    relationships: { findById: async (id) => (relationship?.id === id ? relationship : null) },
    notifier,
  });
  return { handlers, told };
}

describe("pairing jobs", () => {
  it("introduces both people of an active pair to each other", async () => {
    const { handlers, told } = handlersFor(base);
    await handlers["pairing.introduce"]({ relationshipId: "r1" }, undefined as never);
    expect(told).toEqual(["introduce r1 to UMENTOR", "introduce r1 to UMENTEE"]);
  });

  it("introduces nobody once the pair has ended, or when it is gone", async () => {
    for (const relationship of [{ ...base, status: "ended" as const }, null]) {
      const { handlers, told } = handlersFor(relationship);
      await handlers["pairing.introduce"]({ relationshipId: "r1" }, undefined as never);
      expect(told).toEqual([]);
    }
  });

  it("asks the invitee of a pending request, and nobody after it was answered", async () => {
    const pending = { ...base, status: "pending" as const, awaitingUserId: "UMENTOR" };
    const asked = handlersFor(pending);
    await asked.handlers["pairing.ask"]({ relationshipId: "r1" }, undefined as never);
    expect(asked.told).toEqual(["ask UMENTOR about r1"]);

    const answered = handlersFor({ ...pending, status: "active" });
    await answered.handlers["pairing.ask"]({ relationshipId: "r1" }, undefined as never);
    expect(answered.told).toEqual([]);
  });

  it("introduces both people of an accepted request, and tells a declined one only when it is so", async () => {
    const accepted = handlersFor({ ...base, requestedBy: "UMENTEE" });
    await accepted.handlers["pairing.accepted"]({ relationshipId: "r1" }, undefined as never);
    await accepted.handlers["pairing.declined"]({ relationshipId: "r1" }, undefined as never);
    expect(accepted.told).toEqual(["introduce r1 to UMENTOR", "introduce r1 to UMENTEE"]);

    const declined = handlersFor({
      ...base,
      status: "ended",
      requestedBy: "UMENTEE",
      activatedAt: null,
      endReason: "declined",
    });
    await declined.handlers["pairing.accepted"]({ relationshipId: "r1" }, undefined as never);
    await declined.handlers["pairing.declined"]({ relationshipId: "r1" }, undefined as never);
    expect(declined.told).toEqual(["declined r1 to UMENTEE"]);
  });
});
