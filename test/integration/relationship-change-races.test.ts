// A person's change to a pair (ending it, reassigning the mentee, pausing or resuming check-ins,
// setting the mentee's aspiration, changing the pair's settings) at the moment the sweep moves
// the pair's schedule on. FerretDB writes back the whole document an update read, so the sweep's
// advance can undo the change: the pair comes back active (its two people then cannot pair
// again) or unpaused, and is sent check-ins; an aspiration or settings just saved are gone. The
// people's changes from the web's connection, the sweep from the worker's, both writes started
// together. A race shows up only sometimes: each is run on many pairs, swept in one page (one
// write of their advances, as the sweep makes it), and the rarer ones week after week.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Database } from "../../src/db/database.js";
import { NO_HOLIDAYS } from "../../src/domain/availability.js";
import { Calendars } from "../../src/domain/calendars.js";
import type { CheckinNotifier } from "../../src/domain/checkin.js";
import { CheckinService } from "../../src/domain/checkin.service.js";
import { CheckinScheduler } from "../../src/domain/checkin-scheduler.js";
import type { JobEnqueuer, JobRequest } from "../../src/domain/jobs.js";
import type { MilestoneProgressService } from "../../src/domain/milestone-progress.service.js";
import type { Relationship, ScheduleStore } from "../../src/domain/relationship.js";
import { everyoneIn, noAdmins } from "../support/fixed-people.js";
import { testMongoUri, uniqueName } from "../support/isolation.js";
import { createActivePair } from "../support/relationships.js";
import { TestClock } from "../support/test-clock.js";

const TRIALS = 40;
// A change made at every weekly sweep (see raceWeekly).
const WEEKLY_PAIRS = 10;
const WEEKS = 10;
const WEEK = 7 * 24 * 3600_000;
// Monday 30 Nov 2026, 10:00 UTC (the mentees' zone and working hours): every pair's slot.
const SLOT = new Date("2026-11-30T10:00:00Z");
const NEXT_SLOT = new Date(SLOT.getTime() + WEEK);

const clock = new TestClock(SLOT);
const directory = everyoneIn("UTC", SLOT);

/** The two replicas, on one fresh database a test; the send jobs the sweeps enqueued. */
let worker: Database;
let web: Database;
let sends: string[];

beforeEach(async () => {
  const name = uniqueName("relraces");
  worker = await Database.connect(testMongoUri(name));
  web = await Database.connect(testMongoUri(name));
  sends = [];
  clock.set(SLOT);
});
afterEach(async () => {
  await web?.close();
  await worker?.close();
});

const calendars = () =>
  new Calendars({
    directory,
    availability: worker.availability,
    holidays: NO_HOLIDAYS,
    defaultZone: "UTC",
    clock,
  });

const jobs: JobEnqueuer = {
  enqueue: async () => {},
  enqueueMany: async (requests: JobRequest[]) => {
    for (const r of requests) if (r.name === "checkins.send") sends.push(r.payload.checkinId);
  },
  alreadyQueued: async (requests) => requests.map(() => false),
};

/**
 * The worker's sweep; with `meanwhile`, the people's writes start together with the sweep's
 * write of their pairs' advances.
 */
function sweep(meanwhile?: { pairs: readonly Relationship[]; write: () => Promise<unknown> }) {
  const store = worker.relationships;
  const ids = new Set(meanwhile?.pairs.map((p) => p.id));
  const relationships: Pick<
    ScheduleStore,
    "findById" | "listInBucket" | "bucketsHeld" | "advanceMany"
  > = {
    findById: (id) => store.findById(id),
    listInBucket: (...args) => store.listInBucket(...args),
    bucketsHeld: (...args) => store.bucketsHeld(...args),
    advanceMany: async (advances) => {
      if (!meanwhile || !advances.some((a) => ids.has(a.id))) return store.advanceMany(advances);
      const [moved] = await Promise.all([store.advanceMany(advances), meanwhile.write()]);
      return moved;
    },
  };
  return new CheckinScheduler({
    relationships,
    marks: worker.sweepMarks,
    checkins: worker.checkins,
    tally: worker.tallies,
    calendars: calendars(),
    jobs,
    clock,
  }).sweep();
}

/** Runs the send jobs the sweeps enqueued, as the worker does; returns the pairs sent a DM. */
async function runSends(): Promise<Set<string>> {
  const sentTo = new Set<string>();
  const notifier: CheckinNotifier = {
    sendCheckin: async (checkin) => {
      sentTo.add(checkin.relationshipId);
      return null;
    },
    sendReflectionPrompt: async () => {},
    sendReminder: async () => {},
    showAnswered: async () => {},
    tellMentor: async () => {},
    tellMissedStreak: async () => [],
    tellAdminsHelpUnheard: async () => {},
  };
  const service = new CheckinService({
    relationships: worker.relationships,
    checkins: worker.checkins,
    milestones: worker.milestones,
    milestoneProgress: {} as MilestoneProgressService,
    notifier,
    calendars: calendars(),
    jobs,
    audit: { record: async () => {} },
    clock,
    admins: noAdmins,
    tally: worker.tallies,
  });
  for (const id of sends.splice(0)) await service.deliver(id);
  return sentTo;
}

/**
 * `TRIALS` pairs due at SLOT, swept together: the sweep's one write of their advances starts
 * with `write` changing each of them from the web's connection. Returns the pairs.
 */
async function raceEach(write: (pair: Relationship) => Promise<unknown>): Promise<Relationship[]> {
  const pairs = await duePairs();
  const result = await sweep({ pairs, write: () => Promise.all(pairs.map(write)) });
  expect(result.created).toBe(TRIALS);
  return pairs;
}

async function duePairs(n = TRIALS): Promise<Relationship[]> {
  const pairs: Relationship[] = [];
  for (let i = 0; i < n; i++) {
    const pair = await createActivePair(worker.relationships, SLOT);
    await worker.relationships.updateSchedule(pair.id, { nextCheckinAt: SLOT }, SLOT);
    pairs.push(pair);
  }
  return pairs;
}

/**
 * A change made to each of `WEEKLY_PAIRS` pairs at each of `WEEKS` weekly sweeps, as the sweep
 * writes their advances. The people's writes, all started at once, meet only the first few
 * advances of the page (before the fix: 0 to 3 of 40 aspirations lost a sweep, 2 to 9 of 100
 * here), so one sweep may lose none: the weeks add up. Returns how many changes were not kept.
 */
async function raceWeekly(
  write: (pair: Relationship, week: number) => Promise<unknown>,
  kept: (pair: Relationship, week: number) => boolean,
): Promise<number> {
  const pairs = await duePairs(WEEKLY_PAIRS);
  let lost = 0;
  for (let week = 0; week < WEEKS; week++) {
    clock.set(new Date(SLOT.getTime() + week * WEEK));
    await sweep({ pairs, write: () => Promise.all(pairs.map((pair) => write(pair, week))) });
    lost += count(await reload(pairs), (p) => !kept(p, week));
  }
  return lost;
}

const count = (pairs: readonly Relationship[], which: (p: Relationship) => boolean) =>
  pairs.filter(which).length;
const reload = (pairs: readonly Relationship[]) =>
  Promise.all(pairs.map(async (p) => (await web.relationships.findById(p.id)) as Relationship));

describe("a person's change racing the sweep's advance of the pair's schedule", () => {
  it(`ending (${TRIALS} pairs at once): the pair stays ended, is sent nothing, and the two may pair again`, async () => {
    const pairs = await raceEach((pair) => web.relationships.end(pair.id, "active", "done", SLOT));
    const after = await reload(pairs);
    expect.soft(count(after, (p) => p.status !== "ended")).toBe(0);
    expect.soft((await runSends()).size).toBe(0);
    let refused = 0;
    for (const pair of pairs) {
      const again = await web.relationships
        .create({
          mentorId: pair.mentorId,
          menteeId: pair.menteeId,
          status: "pending",
          createdBy: pair.menteeId,
          requestedBy: pair.menteeId,
          awaitingUserId: pair.mentorId,
          now: SLOT,
        })
        .catch(() => null);
      if (!again) refused++;
    }
    expect.soft(refused).toBe(0);
    clock.set(NEXT_SLOT);
    expect.soft((await sweep()).created).toBe(0);
  });

  it(`reassigning (${TRIALS} pairs at once): the mentee keeps the new mentor, the old two may pair again`, async () => {
    const newMentor = (pair: Relationship) => `${pair.mentorId}NEW`;
    const pairs = await raceEach((pair) => web.relationships.reassign(pair, newMentor(pair), SLOT));
    const after = await reload(pairs);
    expect
      .soft(after.filter((p, i) => p.mentorId !== newMentor(pairs[i] as Relationship)).length)
      .toBe(0);
    const free = await Promise.all(
      pairs.map((p) => web.relationships.findOpenBetween(p.mentorId, p.menteeId)),
    );
    expect.soft(free.filter((open) => open !== null).length).toBe(0);
  });

  it(`pausing (${TRIALS} pairs at once): the pair stays paused and is sent nothing, now or a week later`, async () => {
    const pairs = await raceEach((pair) =>
      web.relationships.updateSchedule(
        pair.id,
        { checkinsPaused: true, nextCheckinAt: null },
        SLOT,
      ),
    );
    const after = await reload(pairs);
    expect.soft(count(after, (p) => !p.checkinsPaused)).toBe(0);
    expect.soft((await runSends()).size).toBe(0);
    clock.set(NEXT_SLOT);
    expect.soft((await sweep()).created).toBe(0);
  });

  it(`pausing then resuming (${TRIALS} pairs at once): the pair is resumed and its next check-in comes`, async () => {
    const pairs = await raceEach(async (pair) => {
      await web.relationships.updateSchedule(
        pair.id,
        { checkinsPaused: true, nextCheckinAt: null },
        SLOT,
      );
      await web.relationships.updateSchedule(
        pair.id,
        { checkinsPaused: false, nextCheckinAt: NEXT_SLOT },
        SLOT,
      );
    });
    const after = await reload(pairs);
    expect.soft(count(after, (p) => p.checkinsPaused)).toBe(0);
    clock.set(NEXT_SLOT);
    expect.soft((await sweep()).created).toBe(TRIALS);
  });

  it(`setting the aspiration (${WEEKLY_PAIRS} pairs, ${WEEKS} weeks): the pair keeps it`, async () => {
    const aspiration = (pair: Relationship, week: number) => `Lead a team (${pair.id}, ${week})`;
    const lost = await raceWeekly(
      (pair, week) =>
        web.relationships.setGoal(pair.id, {
          aspiration: aspiration(pair, week),
          targetDate: "2027-06-30",
          updatedAt: clock.now(),
          updatedBy: pair.menteeId,
        }),
      (pair, week) => pair.goal?.aspiration === aspiration(pair, week),
    );
    expect(lost).toBe(0);
  });

  it(`changing settings (${WEEKLY_PAIRS} pairs, ${WEEKS} weeks): the pair keeps them`, async () => {
    const publicly = (week: number) => week % 2 === 0;
    const lost = await raceWeekly(
      (pair, week) =>
        web.relationships.updateSettings(
          pair.id,
          { celebrate: publicly(week) ? "public" : "private", shareAspiration: publicly(week) },
          clock.now(),
        ),
      (pair, week) =>
        pair.settings.celebrate === (publicly(week) ? "public" : "private") &&
        pair.settings.shareAspiration === publicly(week),
    );
    expect(lost).toBe(0);
  });
});
