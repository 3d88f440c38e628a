// A mentor with two new mentees, paired at the same moment: each pair's kickoff is planned by its
// own job, on two replicas or two of one worker's jobs at once. Each reads the mentor's other
// kickoffs before either is written, so both took the same half hour: the mentor had two
// kickoffs at once (8 of 10 mentors on the old code; two moves by hand to one time both stood
// for 10 of 10). A person's kickoff time is now claimed by a unique insert, which FerretDB
// arbitrates; a moved kickoff, or one of a pair that ended, gives its time back.
import mongoose from "mongoose";
import { afterAll, describe, expect, it } from "vitest";
import { Database } from "../../src/db/database.js";
import type { PersonCalendar } from "../../src/domain/calendars.js";
import type { KickoffStore } from "../../src/domain/kickoff.js";
import { KickoffScheduleService } from "../../src/domain/kickoff.service.js";
import {
  DEFAULT_WORKING_HOURS,
  defaultCalendar,
  type WorkingHours,
} from "../../src/domain/working-hours.js";
import { testMongoUri, uniqueName } from "../support/isolation.js";
import { createActivePair } from "../support/relationships.js";
import { TestClock } from "../support/test-clock.js";

const MENTORS = 10;
/** Moves by hand each plan two kickoffs first: fewer mentors, and every one failed on the old code. */
const MOVING_MENTORS = 5;
// Monday 09:00 in London: both people working, invited at once, the kickoff a day on.
const now = new Date("2026-11-30T09:00:00Z");
const TUESDAY_9 = new Date("2026-12-01T09:00:00Z");
const TUESDAY_930 = new Date("2026-12-01T09:30:00Z");

const name = uniqueName("kickoffclaims");
const web = await Database.connect(testMongoUri(name));
const worker = await Database.connect(testMongoUri(name));
/** The collections as stored, to leave a kickoff as an older version did. */
const raw = await mongoose.createConnection(testMongoUri(name)).asPromise();
afterAll(async () => {
  await raw.close();
  await worker.close();
  await web.close();
});

/** Everyone works London's default hours, but those who changed theirs. */
const changedHours = new Map<string, WorkingHours>();
const calendars = {
  ofMany: async (ids: readonly string[]) =>
    new Map(ids.map((userId) => [userId, calendarOf(userId)])),
};
const calendarOf = (userId: string): PersonCalendar => {
  const london = defaultCalendar("Europe/London");
  return {
    ...london,
    hours: changedHours.get(userId) ?? london.hours,
    userId,
    ownHours: null,
    away: null,
  };
};

/** The worker's kickoffs, but `method` fails as MongoDB going away would (nothing written). */
const failingOnce = (method: "createOnce" | "reschedule"): KickoffStore =>
  Object.create(worker.kickoffs, {
    [method]: {
      value: async () => {
        throw new Error("MongoDB went away");
      },
    },
  });

/** The planning service of one replica: its jobs and messages go nowhere (planning is all). */
const plannerOn = (db: Database, kickoffs: KickoffStore = db.kickoffs) =>
  new KickoffScheduleService({
    access: {
      target: (_actor: string, target: { relationshipId: string }) =>
        db.relationships.findById(target.relationshipId),
    },
    relationships: db.relationships,
    kickoffs,
    calendars,
    notifier: { invite: async () => {} },
    jobs: { enqueue: async () => {} },
    audit: { record: async () => {} },
    clock: new TestClock(now),
  } as unknown as ConstructorParameters<typeof KickoffScheduleService>[0]);
const planners = [plannerOn(web), plannerOn(worker)];

async function kickoffAt(relationshipId: string): Promise<Date | null> {
  return (await worker.kickoffs.findByRelationship(relationshipId))?.at ?? null;
}

const pairWith = (mentorId: string) =>
  createActivePair(worker.relationships, now, {
    mentorId,
    menteeId: uniqueName("e").toUpperCase(),
  });

describe("a person's kickoff time, claimed", () => {
  it(`two pairs of one mentor planned at once get different times (${MENTORS} mentors)`, async () => {
    const times: Array<[Date | null, Date | null]> = [];
    for (let i = 0; i < MENTORS; i++) {
      const mentorId = uniqueName("m").toUpperCase();
      const [first, second] = [await pairWith(mentorId), await pairWith(mentorId)];
      await Promise.all([planners[0]?.plan(first.id), planners[1]?.plan(second.id)]);
      times.push([await kickoffAt(first.id), await kickoffAt(second.id)]);
    }
    const sorted = times.map((pair) => pair.map((t) => t?.toISOString()).sort());
    expect(sorted).toEqual(times.map(() => [TUESDAY_9.toISOString(), TUESDAY_930.toISOString()]));
  });

  it(`two pairs of one mentor moved by hand to the same time at once: one is refused (${MOVING_MENTORS} mentors)`, async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < MOVING_MENTORS; i++) {
      const mentorId = uniqueName("m").toUpperCase();
      const pairs = [await pairWith(mentorId), await pairWith(mentorId)];
      for (const pair of pairs) await planners[0]?.plan(pair.id);
      const moves = await Promise.allSettled(
        pairs.map((pair, p) =>
          planners[p]?.reschedule(
            pair.menteeId,
            { relationshipId: pair.id },
            "2026-12-02",
            "10:00",
          ),
        ),
      );
      const refused = moves.filter((m) => m.status === "rejected").map((m) => m.reason.code);
      const times = await Promise.all(pairs.map((pair) => kickoffAt(pair.id)));
      const atTen = times.filter((t) => t?.toISOString() === "2026-12-02T10:00:00.000Z");
      outcomes.push(`${atTen.length} at 10:00, refused: ${refused.join(",")}`);
    }
    expect(outcomes).toEqual(outcomes.map(() => "1 at 10:00, refused: kickoff_slot_taken"));
  });

  it("a kickoff moved away gives its time to the mentor's next pair", async () => {
    const mentorId = uniqueName("m").toUpperCase();
    const first = await pairWith(mentorId);
    await planners[0]?.plan(first.id);
    expect(await kickoffAt(first.id)).toEqual(TUESDAY_9);
    // `/mentor kickoff at 2026-12-02 10:00` (London is on UTC in December).
    await planners[1]?.reschedule(mentorId, { relationshipId: first.id }, "2026-12-02", "10:00");
    const wednesday = new Date("2026-12-02T10:00:00Z");
    expect(await kickoffAt(first.id)).toEqual(wednesday);
    const second = await pairWith(mentorId);
    await planners[1]?.plan(second.id);
    expect(await kickoffAt(second.id)).toEqual(TUESDAY_9);
    // The time it moved to is the first one's now: the next pair steps over it.
    expect(
      await web.kickoffs.claim("another-pair", [{ userId: mentorId, start: wednesday }]),
    ).toEqual({
      userId: mentorId,
      start: wednesday,
    });
  });

  it("a kickoff planned again for changed hours gives its old time to the mentor's next pair", async () => {
    const mentorId = uniqueName("m").toUpperCase();
    const first = await pairWith(mentorId);
    await planners[0]?.plan(first.id);
    expect(await kickoffAt(first.id)).toEqual(TUESDAY_9);
    // The mentee now starts at 13:00: job `kickoff.refit` plans it again.
    changedHours.set(first.menteeId, { ...DEFAULT_WORKING_HOURS, start: "13:00" });
    await planners[1]?.refit(first.menteeId);
    expect(await kickoffAt(first.id)).toEqual(new Date("2026-12-01T13:00:00Z"));
    const second = await pairWith(mentorId);
    await planners[0]?.plan(second.id);
    expect(await kickoffAt(second.id)).toEqual(TUESDAY_9);
  });

  it("a kickoff that follows its pair to a new mentor gives the old mentor's time back", async () => {
    const mentorId = uniqueName("m").toUpperCase();
    const first = await pairWith(mentorId);
    await planners[0]?.plan(first.id);
    const newMentorId = uniqueName("m").toUpperCase();
    await worker.relationships.reassign(first, newMentorId, now);
    await planners[1]?.followReassignment(first.id);
    expect(await worker.kickoffs.findByRelationship(first.id)).toMatchObject({
      mentorId: newMentorId,
      at: TUESDAY_9,
    });
    const second = await pairWith(mentorId);
    await planners[0]?.plan(second.id);
    expect(await kickoffAt(second.id)).toEqual(TUESDAY_9);
  });

  it("a pair that ended gives its kickoff time to the mentor's next pair", async () => {
    const mentorId = uniqueName("m").toUpperCase();
    const first = await pairWith(mentorId);
    await planners[0]?.plan(first.id);
    expect(await kickoffAt(first.id)).toEqual(TUESDAY_9);
    await web.kickoffs.closeOpenFor(first.id, now);
    const second = await pairWith(mentorId);
    await planners[1]?.plan(second.id);
    expect(await kickoffAt(second.id)).toEqual(TUESDAY_9);
  });

  it("a person forgotten leaves no claim: the other person's time is free again", async () => {
    const mentorId = uniqueName("m").toUpperCase();
    const first = await pairWith(mentorId);
    await planners[0]?.plan(first.id);
    await web.kickoffs.forgetPerson(first.menteeId);
    const slot = { userId: mentorId, start: TUESDAY_9 };
    expect(await web.kickoffs.claim("another-pair", [slot])).toBeNull();
  });

  it("a kickoff from before claims (none stored) is still stepped over", async () => {
    const mentorId = uniqueName("m").toUpperCase();
    const first = await pairWith(mentorId);
    await planners[0]?.plan(first.id);
    // As an older version left it: the kickoff, no claim.
    await raw.collection("kickoff_claims").deleteMany({ relationshipId: first.id });
    const second = await pairWith(mentorId);
    await planners[1]?.plan(second.id);
    expect(await kickoffAt(second.id)).toEqual(TUESDAY_930);
  });

  it("a kickoff whose first create failed, planned at another time by its retry, gives the first time back", async () => {
    const mentorId = uniqueName("m").toUpperCase();
    const first = await pairWith(mentorId);
    // The job's first try claims Tuesday 09:00, and its create fails.
    await expect(plannerOn(worker, failingOnce("createOnce")).plan(first.id)).rejects.toThrow(
      "MongoDB went away",
    );
    // By its retry the mentee starts at 13:00: planned then.
    changedHours.set(first.menteeId, { ...DEFAULT_WORKING_HOURS, start: "13:00" });
    await planners[1]?.plan(first.id);
    expect(await kickoffAt(first.id)).toEqual(new Date("2026-12-01T13:00:00Z"));
    const second = await pairWith(mentorId);
    await planners[0]?.plan(second.id);
    expect(await kickoffAt(second.id)).toEqual(TUESDAY_9);
  });

  it("a move that failed after claiming its time gives that time back; the kickoff keeps its own", async () => {
    const mentorId = uniqueName("m").toUpperCase();
    const first = await pairWith(mentorId);
    await planners[0]?.plan(first.id);
    const moving = plannerOn(worker, failingOnce("reschedule"));
    await expect(
      moving.reschedule(mentorId, { relationshipId: first.id }, "2026-12-02", "10:00"),
    ).rejects.toThrow("MongoDB went away");
    expect(await kickoffAt(first.id)).toEqual(TUESDAY_9);
    const wednesday = { userId: mentorId, start: new Date("2026-12-02T10:00:00Z") };
    expect(await web.kickoffs.claim("another-pair", [wednesday])).toBeNull();
    const tuesday = { userId: mentorId, start: TUESDAY_9 };
    expect(await web.kickoffs.claim("another-pair", [tuesday])).toEqual(tuesday);
  });
});
