// A mentee's answer at the moment another write of the same check-in lands: the worker's sent
// save (the answer may come while the DM's save waits in its group commit) or the reminder's
// save. FerretDB writes back the whole document an update read, so either can take the answer
// off the check-in. What the mentee and the mentor see must still be the answer: the mentor
// told, no reminder, never counted missed. Two replicas: the answer from the web's connection,
// the rest from the worker's. A race shows up only sometimes: each is run many times.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Database } from "../../src/db/database.js";
import { NO_HOLIDAYS } from "../../src/domain/availability.js";
import { Calendars } from "../../src/domain/calendars.js";
import type { Checkin, CheckinAnswer, CheckinNotifier } from "../../src/domain/checkin.js";
import { CheckinService } from "../../src/domain/checkin.service.js";
import { CheckinScheduler } from "../../src/domain/checkin-scheduler.js";
import type { JobEnqueuer } from "../../src/domain/jobs.js";
import type { MilestoneProgressService } from "../../src/domain/milestone-progress.service.js";
import { everyoneIn, noAdmins } from "../support/fixed-people.js";
import { testMongoUri, uniqueName } from "../support/isolation.js";
import { createActivePair } from "../support/relationships.js";
import { TestClock } from "../support/test-clock.js";

const TRIALS = 40;
const HOUR = 3600_000;
const DAY = 24 * HOUR;
// Monday 30 Nov 2026, 10:00 UTC (the mentees' zone): reminded a day later, missed a day after.
const SLOT = new Date("2026-11-30T10:00:00Z");
const REMIND_AT = new Date(SLOT.getTime() + DAY);
const MISS_AT = new Date(SLOT.getTime() + 2 * DAY);

const clock = new TestClock(SLOT);
const noJobs: JobEnqueuer = {
  enqueue: async () => {},
  enqueueMany: async () => {},
  alreadyQueued: async (requests) => requests.map(() => false),
};
const directory = everyoneIn("UTC", SLOT);

/** What the worker's jobs told people. */
let told: { mentor: Set<string>; reminded: Set<string> };
/** The two replicas, on one fresh database a test (the sweep reads every check-in). */
let worker: Database;
let web: Database;

beforeEach(async () => {
  const name = uniqueName("answerraces");
  worker = await Database.connect(testMongoUri(name));
  web = await Database.connect(testMongoUri(name));
  told = { mentor: new Set(), reminded: new Set() };
  clock.set(SLOT);
});
afterEach(async () => {
  await web?.close();
  await worker?.close();
});

const calendarsOf = (db: Database) =>
  new Calendars({
    directory,
    availability: db.availability,
    holidays: NO_HOLIDAYS,
    defaultZone: "UTC",
    clock,
  });

/** The worker's check-in jobs (announce the answer, remind), on the worker's connection. */
function jobsOfWorker(): CheckinService {
  const notifier: CheckinNotifier = {
    sendCheckin: async () => null,
    sendReflectionPrompt: async () => {},
    sendReminder: async (checkin) => void told.reminded.add(checkin.id),
    showAnswered: async () => {},
    tellMentor: async (checkin) => void told.mentor.add(checkin.id),
    tellMissedStreak: async () => [],
    tellAdminsHelpUnheard: async () => {},
  };
  return new CheckinService({
    relationships: worker.relationships,
    checkins: worker.checkins,
    milestones: worker.milestones,
    milestoneProgress: {} as MilestoneProgressService,
    notifier,
    calendars: calendarsOf(worker),
    jobs: noJobs,
    audit: { record: async () => {} },
    clock,
    admins: noAdmins,
    tally: worker.tallies,
  });
}

/** The worker's sweep: what is still unanswered a day after its reminder counts as missed. */
const sweep = () =>
  new CheckinScheduler({
    relationships: worker.relationships,
    marks: worker.sweepMarks,
    checkins: worker.checkins,
    tally: worker.tallies,
    calendars: calendarsOf(worker),
    jobs: noJobs,
    clock,
  }).sweep();

const answerOf = (checkin: Checkin, i: number): CheckinAnswer => ({
  kind: i % 2 === 0 ? "on_track" : "need_help",
  note: `answer ${i}`,
  milestoneTitles: [],
  by: checkin.menteeId,
  at: new Date(SLOT.getTime() + 5_000),
});

/** A pair's check-in for SLOT, still scheduled (its DM about to be saved as sent). */
async function scheduledCheckin(): Promise<Checkin> {
  const pair = await createActivePair(worker.relationships, SLOT);
  const { checkin } = await worker.checkins.createForSlot({
    relationshipId: pair.id,
    mentorId: pair.mentorId,
    menteeId: pair.menteeId,
    slot: SLOT.toISOString(),
    scheduledFor: SLOT,
    now: SLOT,
  });
  return checkin;
}

/** Every check-in answered as its mentee answered, and the sweep at MISS_AT counting none missed. */
async function expectAllAnswered(checkins: readonly Checkin[]): Promise<void> {
  clock.set(MISS_AT);
  expect((await sweep()).missed).toBe(0);
  const stored = await Promise.all(checkins.map((c) => worker.checkins.findById(c.id)));
  expect(stored.map((c) => `${c?.status} ${c?.answer?.note}`)).toEqual(
    checkins.map((_, i) => `answered answer ${i}`),
  );
}

describe("an answer racing another write of its check-in", () => {
  it(`at the sent save (${TRIALS} times): the mentor hears it, nobody is reminded, none is missed`, async () => {
    const checkins: Checkin[] = [];
    for (let i = 0; i < TRIALS; i++) {
      const checkin = await scheduledCheckin();
      checkins.push(checkin);
      const message = { channel: `D${i}`, ts: `1700000000.${i}` };
      const [, answered] = await Promise.all([
        worker.checkins.saveSent(checkin, { sentAt: SLOT, message, remindAt: REMIND_AT }),
        web.checkins.answer(checkin.id, answerOf(checkin, i)),
      ]);
      expect(answered).not.toBeNull();
    }
    // The jobs that follow, as the worker runs them: the answer's, then the reminder's.
    const jobs = jobsOfWorker();
    clock.set(new Date(SLOT.getTime() + 10_000));
    for (const checkin of checkins) await jobs.announceAnswer(checkin.id);
    clock.set(REMIND_AT);
    for (const checkin of checkins) await jobs.remind(checkin.id, REMIND_AT.toISOString());

    expect(told.mentor.size).toBe(TRIALS);
    expect(told.reminded.size).toBe(0);
    await expectAllAnswered(checkins);
  });

  it(`at the reminder's save (${TRIALS} times): none is missed`, async () => {
    const checkins: Checkin[] = [];
    for (let i = 0; i < TRIALS; i++) {
      const checkin = await scheduledCheckin();
      checkins.push(checkin);
      await worker.checkins.transition(checkin.id, ["scheduled"], "sent", {
        sentAt: SLOT,
        remindAt: REMIND_AT,
      });
      const [, answered] = await Promise.all([
        worker.checkins.markReminded(checkin.id, REMIND_AT, MISS_AT),
        web.checkins.answer(checkin.id, answerOf(checkin, i)),
      ]);
      expect(answered).not.toBeNull();
    }
    await expectAllAnswered(checkins);
  });
});
