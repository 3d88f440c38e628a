// What a person does to a kickoff while a job of the same kickoff is writing it: the mentee
// sends the kickoff answers just as the mentor's invitation (or a reminder) is recorded sent, on
// another replica. FerretDB writes back the whole kickoff an update read, so the job's write
// could put back the kickoff as it was before the person's: the answers gone (the mentor never
// hears of them), a confirmation or a milestone suggestion forgotten. What the person did must
// stand. Each race is run many times: it shows up only sometimes.
import mongoose from "mongoose";
import { afterAll, describe, expect, it } from "vitest";
import { Database } from "../../src/db/database.js";
import { FORMER_MEMBER } from "../../src/domain/forgetting.js";
import type { Kickoff, KickoffAnswers } from "../../src/domain/kickoff.js";
import { testMongoUri, uniqueName } from "../support/isolation.js";
import { kickoffTimes, plannedKickoff as plannedKickoffIn } from "../support/kickoffs.js";

const TRIALS = 40;
const RACES_TIMEOUT_MS = 120_000;
const MINUTE = 60_000;
const now = new Date("2026-11-30T09:00:00Z");
const at = (minutes: number) => new Date(now.getTime() + minutes * MINUTE);
const { starts: STARTS, confirm: CONFIRM } = kickoffTimes(now);

const name = uniqueName("kickoffwrites");
const web = await Database.connect(testMongoUri(name));
const worker = await Database.connect(testMongoUri(name));
/** The collections as stored, to write a kickoff as an older version did. */
const raw = await mongoose.createConnection(testMongoUri(name)).asPromise();
afterAll(async () => {
  await raw.close();
  await worker.close();
  await web.close();
});

const plannedKickoff = () => plannedKickoffIn(worker, now);

/** The plan of a kickoff moved to `minutes` after now: reminders an hour before, as the service plans. */
function movedTo(minutes: number) {
  const starts = at(minutes);
  const remind = new Date(starts.getTime() - 60 * MINUTE);
  return {
    at: starts,
    mentorStartsAt: starts,
    menteeStartsAt: starts,
    mentorRemindAt: remind,
    menteeRemindAt: remind,
    confirmAt: new Date(starts.getTime() + 30 * MINUTE),
  };
}

/** A kickoff for each trial, ten made at a time. */
function trialKickoffs(): Promise<Kickoff[]> {
  return tenAtATime(Array.from({ length: TRIALS }), plannedKickoff);
}

/**
 * `each` of the items, ten at a time: each trial's writes race each other, and the machine (its
 * two cores shared with the rest of the suite) is not also given four hundred writes at once.
 */
async function tenAtATime<T, R>(items: T[], each: (item: T, i: number) => Promise<R>) {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += 10) {
    const batch = items.slice(start, start + 10);
    results.push(...(await Promise.all(batch.map((item, i) => each(item, start + i)))));
  }
  return results;
}

const answersOf = (i: number): KickoffAnswers => ({
  aspiration: `Lead a team ${i}`,
  targetDate: "2027-12-31",
  skills: "System design",
  challenges: "Time",
  support: "Reviews",
  offer: "",
  at: at(1),
});

describe("a person's kickoff step racing a job's write of the kickoff", () => {
  it(
    `answers sent as the mentor's invitation is recorded sent (${TRIALS} times): the answers stay`,
    async () => {
      const kickoffs = await trialKickoffs();
      await tenAtATime(kickoffs, (kickoff, i) =>
        Promise.all([
          worker.kickoffs.clearInvite(kickoff.id, "mentor", now),
          web.kickoffs.saveAnswers(kickoff, answersOf(i)),
        ]),
      );
      const stored = await tenAtATime(kickoffs, (k) => web.kickoffs.findById(k.id));
      expect(stored.map((k) => k?.answers?.aspiration)).toEqual(
        kickoffs.map((_, i) => answersOf(i).aspiration),
      );
      // The job's own write stands too.
      expect(stored.filter((k) => k?.mentorInviteAt !== null)).toEqual([]);
    },
    RACES_TIMEOUT_MS,
  );

  it(
    `the confirmation as it is recorded asked, and the suggestion as a reminder goes (${TRIALS} times): both stay`,
    async () => {
      const kickoffs = await trialKickoffs();
      await tenAtATime(kickoffs, (kickoff) =>
        Promise.all([
          worker.kickoffs.clearConfirm(kickoff.id, CONFIRM),
          web.kickoffs.markConfirmed(kickoff, at(5)),
          worker.kickoffs.clearReminder(kickoff.id, "mentee", STARTS),
          web.kickoffs.markSuggested(kickoff, "senior-engineer", at(5)),
        ]),
      );
      const stored = await tenAtATime(kickoffs, (k) => web.kickoffs.findById(k.id));
      const steps = stored.map((k) => [k?.confirmedAt, k?.suggestedAt, k?.suggestedTemplate]);
      expect(steps).toEqual(kickoffs.map(() => [at(5), at(5), "senior-engineer"]));
    },
    RACES_TIMEOUT_MS,
  );
});

describe("a move or a reassignment racing a job's write of the kickoff", () => {
  const movedPlan = movedTo(4 * 24 * 60);
  const MOVED = movedPlan.at;

  it(
    `moved as the mentor's invitation is recorded sent (${TRIALS} times): the new time stands, and the invitation stays sent`,
    async () => {
      const kickoffs = await trialKickoffs();
      await tenAtATime(kickoffs, (kickoff) =>
        Promise.all([
          worker.kickoffs.clearInvite(kickoff.id, "mentor", now),
          web.kickoffs.reschedule(kickoff, movedPlan, kickoff.menteeId, at(5)),
        ]),
      );
      const stored = await tenAtATime(kickoffs, (k) => web.kickoffs.findById(k.id));
      expect(stored.map((k) => [k?.at, k?.scheduledBy, k?.mentorInviteAt])).toEqual(
        kickoffs.map((k) => [MOVED, k.menteeId, null]),
      );
      // Still due: the mentee's invitation, not yet sent.
      expect(stored.map((k) => k?.dueAt)).toEqual(kickoffs.map(() => now));
    },
    RACES_TIMEOUT_MS,
  );

  it(
    `reassigned as a reminder is recorded sent (${TRIALS} times): the kickoff names the new mentor`,
    async () => {
      const kickoffs = await trialKickoffs();
      await tenAtATime(kickoffs, (kickoff) =>
        Promise.all([
          worker.kickoffs.clearReminder(kickoff.id, "mentee", STARTS),
          web.kickoffs.moveToMentor(kickoff, "UNEWMENTOR", null, at(5)),
        ]),
      );
      const stored = await tenAtATime(kickoffs, (k) => web.kickoffs.findById(k.id));
      expect(stored.map((k) => [k?.mentorId, k?.menteeRemindAt])).toEqual(
        kickoffs.map(() => ["UNEWMENTOR", null]),
      );
    },
    RACES_TIMEOUT_MS,
  );
});

describe("a move written again from its step, as a newer move lands", () => {
  it("leaves the newer move: the settling reads the kickoff again after writing an older one", async () => {
    const kickoff = await plannedKickoff();
    const first = movedTo(4 * 24 * 60);
    const second = movedTo(5 * 24 * 60);
    await web.kickoffs.reschedule(kickoff, first, kickoff.menteeId, at(5));
    // A job's write of that moment put the kickoff back as it was before the move.
    await raw
      .collection("kickoffs")
      .updateOne(
        { relationshipId: kickoff.relationshipId },
        { $set: { at: STARTS, mentorStartsAt: STARTS, menteeStartsAt: STARTS, scheduledBy: null } },
      );
    // The next job's settling reads the first move's step; the second move lands before it writes.
    const clears = worker.kickoffs.clears;
    const undone = clears.undone.bind(clears);
    let landing: (() => Promise<unknown>) | null = () =>
      web.kickoffs.reschedule(kickoff, second, kickoff.mentorId, at(6));
    clears.undone = async (read: Kickoff) => {
      const result = await undone(read);
      const move = landing;
      landing = null;
      await move?.();
      return result;
    };
    try {
      await worker.kickoffs.clearInvite(kickoff.id, "mentor", now);
    } finally {
      clears.undone = undone;
    }
    expect(await web.kickoffs.findById(kickoff.id)).toMatchObject({
      at: second.at,
      scheduledBy: kickoff.mentorId,
      mentorInviteAt: null,
    });
  });
});

describe("the mentor's suggestion sent twice at once, from two replicas", () => {
  it(`is taken once (${TRIALS} times)`, async () => {
    const kickoffs = await trialKickoffs();
    const taken = await tenAtATime(kickoffs, (kickoff) =>
      Promise.all([
        web.kickoffs.markSuggested(kickoff, "senior-engineer", at(5)),
        worker.kickoffs.markSuggested(kickoff, "public-speaking", at(5)),
      ]),
    );
    expect(taken.map((both) => both.filter(Boolean).length)).toEqual(kickoffs.map(() => 1));
    // Given back (its milestones refused), it can be sent again.
    const [first] = kickoffs;
    if (!first) throw new Error("no kickoff");
    await web.kickoffs.unmarkSuggested(first.id);
    expect((await web.kickoffs.findById(first.id))?.suggestedAt).toBeNull();
    expect(await worker.kickoffs.markSuggested(first, "public-speaking", at(6))).toMatchObject({
      suggestedAt: at(6),
      suggestedTemplate: "public-speaking",
    });
  });
});

describe("a kickoff's steps and the people in it", () => {
  it("the answers go with their mentee when the mentee is forgotten; the steps are in the export", async () => {
    const kickoff = await plannedKickoff();
    await web.kickoffs.saveAnswers(kickoff, answersOf(1));
    await web.kickoffs.markConfirmed(kickoff, at(5));
    const exported = await web.personalData.collect(kickoff.mentorId, at(6));
    expect(exported.kickoffSteps).toHaveLength(2);
    expect(exported.kickoffSteps).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          step: "answers",
          answers: expect.objectContaining({ aspiration: "Lead a team 1" }),
        }),
        expect.objectContaining({ step: "confirmed", at: at(5) }),
      ]),
    );

    expect(await web.kickoffs.forgetPerson(kickoff.mentorId)).toBeGreaterThan(0);
    expect((await web.kickoffs.findById(kickoff.id))?.answers?.aspiration).toBe("Lead a team 1");
    await web.kickoffs.reschedule(kickoff, { ...kickoff, at: at(99) }, kickoff.menteeId, at(6));
    await web.kickoffs.forgetPerson(kickoff.menteeId);
    const forgotten = await web.kickoffs.findById(kickoff.id);
    expect(forgotten?.answers).toBeNull();
    expect(forgotten?.confirmedAt).toEqual(at(5));
    expect(forgotten?.scheduledBy).toBe(FORMER_MEMBER);
    // Nothing left names them, and settling the kickoff does not put them back.
    const steps = await raw.collection("kickoff_steps").find({ kickoffId: kickoff.id }).toArray();
    expect(JSON.stringify(steps)).not.toContain(kickoff.menteeId);
    await worker.kickoffs.clearInvite(kickoff.id, "mentee", now);
    expect((await web.kickoffs.findById(kickoff.id))?.scheduledBy).toBe(FORMER_MEMBER);
  });
});

describe("a kickoff from before steps had documents of their own", () => {
  it("is read with the answers and steps it holds, and its mentee forgotten from it", async () => {
    const kickoff = await plannedKickoff();
    await raw.collection("kickoffs").updateOne(
      { relationshipId: kickoff.relationshipId },
      {
        $set: {
          answers: answersOf(7),
          confirmedAt: at(9),
          suggestedAt: at(8),
          suggestedTemplate: "x",
        },
      },
    );
    expect(await web.kickoffs.findById(kickoff.id)).toMatchObject({
      answers: { aspiration: "Lead a team 7" },
      suggestedAt: at(8),
      suggestedTemplate: "x",
      confirmedAt: at(9),
    });
    await web.kickoffs.forgetPerson(kickoff.menteeId);
    expect((await web.kickoffs.findById(kickoff.id))?.answers).toBeNull();
  });
});
