// An introduction is made (marked sent, counted in the program report) only when its message
// went out: one whose partner left between the command and its job went nowhere.
import { describe, expect, it } from "vitest";
import type { Introduction } from "../../src/domain/introduction.js";
import { IntroductionService } from "../../src/domain/introduction.service.js";
import type { TallyEvent } from "../../src/domain/program-tally.js";
import type { Relationship } from "../../src/domain/relationship.js";

const at = new Date("2026-03-02T09:00:00Z");

const pair = { id: "r1", status: "active", mentorId: "UMENTOR", menteeId: "UMENTEE" };

const intro: Introduction = {
  id: "i1",
  relationshipId: "r1",
  kind: "introduction",
  mentorId: "UMENTOR",
  menteeId: "UMENTEE",
  personId: "UOTHER",
  text: "Knows AWS",
  createdBy: "UMENTOR",
  createdAt: at,
  sentAt: null,
};

/** The service over one stored introduction, with a messenger that delivers or not. */
function deliveringIf(delivered: boolean) {
  const sent: string[] = [];
  const counted: TallyEvent[] = [];
  const service = new IntroductionService({
    access: {} as never,
    relationships: { findById: async () => pair as Relationship },
    introductions: {
      findById: async (id: string) => (id === intro.id ? intro : null),
      markSent: async (id: string) => void sent.push(id),
    } as never,
    directory: {} as never,
    notifier: { introduce: async () => delivered, askMentor: async () => delivered },
    jobs: {} as never,
    audit: { record: async () => {} },
    clock: { now: () => at },
    blocks: {} as never,
    tally: {
      record: async (event) => void counted.push(event),
      recordFirst: async (event) => void counted.push(event),
    },
  });
  return { service, sent, counted };
}

describe("delivering an introduction", () => {
  it("marks it sent and counts it once its message went out", async () => {
    const { service, sent, counted } = deliveringIf(true);
    await service.deliver(intro.id);
    expect(sent).toEqual([intro.id]);
    expect(counted.map((e) => [e.kind, e.sourceId])).toEqual([["introduction_made", intro.id]]);
  });

  it("neither marks nor counts one whose message went nowhere (someone left)", async () => {
    const { service, sent, counted } = deliveringIf(false);
    await service.deliver(intro.id);
    expect(sent).toEqual([]);
    expect(counted).toEqual([]);
  });
});
