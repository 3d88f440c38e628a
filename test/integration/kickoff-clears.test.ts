// The mentor's and the mentee's kickoff invitations (and reminders) go at the same minute, in
// jobs that run at once, on two workers or two of one worker's 20. FerretDB writes back the
// whole kickoff an update read, so one clear can undo the other; the field left set kept the
// kickoff due for good (its job id, done already, dedupes every retry) and in the sweep's page.
// Each race is run many times: it shows up only sometimes.
import { afterAll, describe, expect, it } from "vitest";
import { Database } from "../../src/db/database.js";
import type { JobEnqueuer, JobName } from "../../src/domain/jobs.js";
import type { Kickoff } from "../../src/domain/kickoff.js";
import { KickoffScheduleService } from "../../src/domain/kickoff.service.js";
import { testMongoUri, uniqueName } from "../support/isolation.js";
import { kickoffTimes, plannedKickoff as plannedKickoffIn } from "../support/kickoffs.js";
import { TestClock } from "../support/test-clock.js";

const TRIALS = 40;
const MINUTE = 60_000;
const now = new Date("2026-11-30T09:00:00Z");
const at = (minutes: number) => new Date(now.getTime() + minutes * MINUTE);
const { starts: STARTS, remind: REMIND, confirm: CONFIRM } = kickoffTimes(now);

const name = uniqueName("kickoffclears");
const worker = await Database.connect(testMongoUri(name));
const other = await Database.connect(testMongoUri(name));
afterAll(async () => {
  await other.close();
  await worker.close();
});

const clock = new TestClock(now);
const enqueued: JobName[] = [];
const jobs: JobEnqueuer = {
  enqueue: async (jobName) => void enqueued.push(jobName),
  enqueueMany: async (requests) => void enqueued.push(...requests.map((r) => r.name)),
  alreadyQueued: async (requests) => requests.map(() => false),
};
/** The kickoff sweep, which only reads kickoffs and enqueues their jobs. */
const sweeper = new KickoffScheduleService({
  kickoffs: worker.kickoffs,
  jobs,
  clock,
} as unknown as ConstructorParameters<typeof KickoffScheduleService>[0]);

const plannedKickoff = () => plannedKickoffIn(worker, now);

/** What the sweep at `sweepAt` enqueues, counted by job name; and what is then still due. */
async function sweepAt(when: Date): Promise<{ enqueued: Record<string, number>; due: number }> {
  clock.set(when);
  enqueued.length = 0;
  await sweeper.sweep();
  const counts: Record<string, number> = {};
  for (const job of enqueued) counts[job] = (counts[job] ?? 0) + 1;
  return { enqueued: counts, due: (await worker.kickoffs.listDue(when, 500)).length };
}

describe("two clears of one kickoff at once", () => {
  const kickoffs: Kickoff[] = [];

  it(`the two invitations (${TRIALS} times): nothing is stuck due, each reminder goes when due`, async () => {
    for (let i = 0; i < TRIALS; i++) {
      const kickoff = await plannedKickoff();
      kickoffs.push(kickoff);
      await Promise.all([
        worker.kickoffs.clearInvite(kickoff.id, "mentor", now),
        other.kickoffs.clearInvite(kickoff.id, "mentee", now),
      ]);
    }
    expect(await sweepAt(at(1))).toEqual({ enqueued: {}, due: 0 });
    expect(await sweepAt(REMIND)).toEqual({
      enqueued: { "kickoff.remind": 2 * TRIALS },
      due: TRIALS,
    });
  });

  it(`then the two reminders (${TRIALS} times): nothing is stuck due, the confirmation goes when due`, async () => {
    for (const kickoff of kickoffs) {
      await Promise.all([
        worker.kickoffs.clearReminder(kickoff.id, "mentor", STARTS),
        other.kickoffs.clearReminder(kickoff.id, "mentee", STARTS),
      ]);
    }
    expect(await sweepAt(at(24 * 60 + 1))).toEqual({ enqueued: {}, due: 0 });
    expect(await sweepAt(CONFIRM)).toEqual({
      enqueued: { "kickoff.confirm": TRIALS },
      due: TRIALS,
    });
  });
});
