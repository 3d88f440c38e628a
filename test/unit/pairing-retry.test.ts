// A pairing is written before its introductions are queued. When queuing fails, the admin is told
// to try again; the retry must send what the first attempt could not, not just "already paired".
import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/domain/errors.js";
import type { JobEnqueuer, JobName, JobRequest } from "../../src/domain/jobs.js";
import { PairingService } from "../../src/domain/pairing.service.js";
import type { Person } from "../../src/domain/people.js";
import type { NewRelationship, PairingStore, Relationship } from "../../src/domain/relationship.js";

const NOW = new Date("2026-11-23T15:00:00Z");
const [ADMIN, MENTOR, MENTEE] = ["UADMIN", "UMENTOR", "UMENTEE"];

/** One pair at most, kept in memory. */
function memoryStore(): PairingStore {
  const pairs: Relationship[] = [];
  const open = (a: string, b: string) =>
    pairs.find(
      (r) =>
        r.status !== "ended" && [r.mentorId, r.menteeId].sort().join() === [a, b].sort().join(),
    ) ?? null;
  return {
    async create(input: NewRelationship) {
      if (open(input.mentorId, input.menteeId)) throw new DomainError("already_paired");
      const relationship: Relationship = {
        id: `r${pairs.length + 1}`,
        mentorId: input.mentorId,
        menteeId: input.menteeId,
        status: input.status,
        createdBy: input.createdBy,
        requestedBy: input.requestedBy,
        awaitingUserId: input.awaitingUserId,
        endReason: null,
        goal: null,
        cadence: null,
        nextCheckinAt: null,
        checkinsPaused: false,
        skipNextCheckin: false,
        settings: {},
        reflections: [],
        createdAt: input.now,
        updatedAt: input.now,
        activatedAt: input.status === "active" ? input.now : null,
        endedAt: null,
      };
      pairs.push(relationship);
      return relationship;
    },
    findById: async (id) => pairs.find((r) => r.id === id) ?? null,
    findOpenBetween: async (a, b) => open(a, b),
    activate: async () => null,
    end: async () => null,
    pendingFor: async () => [],
    countPendingRequestedBy: async () => 0,
    declinedSince: async () => false,
  };
}

/** A queue whose first enqueue fails, as Redis would when it is briefly unreachable. */
function queueFailingOnce(): JobEnqueuer & { queued: string[] } {
  let failed = false;
  const queued: string[] = [];
  return {
    queued,
    async enqueue(name: JobName, payload: object) {
      await this.enqueueMany([{ name, payload } as JobRequest]);
    },
    async enqueueMany(jobs: readonly JobRequest[]) {
      if (!failed) {
        failed = true;
        throw new Error("Connection is closed.");
      }
      for (const { name, payload } of jobs) queued.push(`${name} ${JSON.stringify(payload)}`);
    },
    alreadyQueued: async (jobs) => jobs.map(() => false),
  };
}

const person = (slackUserId: string): Person => ({
  slackUserId,
  displayName: slackUserId,
  realName: slackUserId,
  timezone: "UTC",
  isBot: false,
  deleted: false,
  refreshedAt: NOW,
});

function pairing(jobs: JobEnqueuer, now = () => NOW) {
  return new PairingService({
    relationships: memoryStore(),
    directory: { lookup: async (id) => person(id) },
    audit: { record: async () => undefined },
    jobs,
    clock: { now },
    admins: { isAdmin: async (id) => id === ADMIN, list: async () => [] },
    blocks: { hasBlocked: async () => false },
  });
}

describe("an admin's pairing whose introductions could not be queued", () => {
  it("is finished by the admin's retry, which still answers 'already paired'", async () => {
    const jobs = queueFailingOnce();
    const service = pairing(jobs);
    await expect(service.pair(ADMIN, MENTOR, MENTEE)).rejects.toThrow("Connection is closed.");
    expect(jobs.queued).toEqual([]);

    await expect(service.pair(ADMIN, MENTOR, MENTEE)).rejects.toMatchObject({
      code: "already_paired",
    });
    expect(jobs.queued).toEqual([
      'pairing.introduce {"relationshipId":"r1"}',
      'kickoff.plan {"relationshipId":"r1"}',
    ]);
  });

  it("is left alone by a retry days later: the pairing is old news by then", async () => {
    const jobs = queueFailingOnce();
    let now = NOW;
    const service = pairing(jobs, () => now);
    await expect(service.pair(ADMIN, MENTOR, MENTEE)).rejects.toThrow("Connection is closed.");
    now = new Date(NOW.getTime() + 3 * 24 * 3600 * 1000);
    await expect(service.pair(ADMIN, MENTOR, MENTEE)).rejects.toMatchObject({
      code: "already_paired",
    });
    expect(jobs.queued).toEqual([]);
  });
});
