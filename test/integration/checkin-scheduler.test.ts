// CheckinScheduler.sweep on the real MongoDB-wire server (and real Redis where job loss matters),
// with an injected clock: planning, exactly-once per slot (also with two racing sweeps), pause,
// skip, catch-up after downtime, recovery of lost jobs, reminders, misses and missed streaks.
import type { WebClient } from "@slack/web-api";
import { Redis } from "ioredis";
import mongoose from "mongoose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Database } from "../../src/db/database.js";
import { NO_HOLIDAYS } from "../../src/domain/availability.js";
import { Calendars } from "../../src/domain/calendars.js";
import type { Checkin } from "../../src/domain/checkin.js";
import { CheckinService } from "../../src/domain/checkin.service.js";
import { ANNOUNCE_AGAIN_AFTER_MS } from "../../src/domain/checkin-follow-up-index.js";
import { CheckinScheduler, type SweepPaging } from "../../src/domain/checkin-scheduler.js";
import { bucketOf, PARKED } from "../../src/domain/due-index.js";
import type { JobEnqueuer, JobName, JobPayloads, JobRequest } from "../../src/domain/jobs.js";
import type { MilestoneProgressService } from "../../src/domain/milestone-progress.service.js";
import type { Person, UserDirectory } from "../../src/domain/people.js";
import type { Relationship, ScheduleStore } from "../../src/domain/relationship.js";
import { JobQueues } from "../../src/jobs/job-queues.js";
import { jobIdFor } from "../../src/jobs/registry.js";
import type { DirectMessenger } from "../../src/slack/direct-messenger.js";
import { SlackCheckinNotifier } from "../../src/slack/notifiers/checkin.notifier.js";
import { testMongoUri, testRedisUrl, uniqueName } from "../support/isolation.js";
import { createActivePair } from "../support/relationships.js";
import { TestClock } from "../support/test-clock.js";

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

const NEW_YORK = "America/New_York";
const MENTOR = "UMENTOR01";
const BOT_ADMIN = "UBOTADMIN1";

/** Slack's "ok: false" answer as the WebClient throws it: one no retry changes. */
const refusedForGood = (error: string) =>
  Object.assign(new Error(`An API error occurred: ${error}`), {
    code: "slack_webapi_platform_error",
    data: { ok: false, error },
  });

// Wed 25 Nov 2026, 10:00 in New York. The default cadence is Monday 10:00 mentee time:
const START = new Date("2026-11-25T15:00:00Z");
const SLOT_1 = new Date("2026-11-30T15:00:00Z"); // Mon 30 Nov, 10:00 EST
const SLOT_2 = new Date("2026-12-07T15:00:00Z");
const SLOT_3 = new Date("2026-12-14T15:00:00Z");
const SLOT_4 = new Date("2026-12-21T15:00:00Z");
const SLOT_5 = new Date("2026-12-28T15:00:00Z");

const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

/** Records what would be enqueued; `jobIds` dedupes by the deterministic id, as BullMQ does. */
class RecordingJobs implements JobEnqueuer {
  readonly calls: { name: JobName; payload: unknown; jobId: string }[] = [];

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N]): Promise<void> {
    this.calls.push({ name, payload, jobId: jobIdFor(name, payload) });
  }

  async enqueueMany(jobs: readonly JobRequest[]): Promise<void> {
    for (const job of jobs) await this.enqueue(job.name, job.payload as never);
  }

  /** Nothing is held: what a queue that lost its jobs (or ran them all) answers. */
  async alreadyQueued(jobs: readonly JobRequest[]): Promise<boolean[]> {
    return jobs.map(() => false);
  }

  named(name: JobName): unknown[] {
    return this.calls.filter((call) => call.name === name).map((call) => call.payload);
  }

  jobIds(name: JobName): string[] {
    return [...new Set(this.calls.filter((call) => call.name === name).map((call) => call.jobId))];
  }
}

/** A tiny in-test user directory: Slack profiles with a time zone, no server behind it. */
class FakeDirectory implements UserDirectory {
  readonly zones = new Map<string, string>();

  async lookup(slackUserId: string): Promise<Person | null> {
    return {
      slackUserId,
      displayName: slackUserId.toLowerCase(),
      realName: slackUserId,
      timezone: this.zones.get(slackUserId) ?? null,
      isBot: false,
      deleted: false,
      refreshedAt: START,
    };
  }
}

// A fresh database per test: the sweep looks at every relationship and check-in it can see.
let dbName: string;
let db: Database;
let raw: mongoose.Connection;
let clock: TestClock;
let jobs: RecordingJobs;
let directory: FakeDirectory;

beforeEach(async () => {
  dbName = uniqueName("ckinsched");
  db = await Database.connect(testMongoUri(dbName));
  raw = await mongoose.createConnection(testMongoUri(dbName)).asPromise();
  clock = new TestClock(START);
  jobs = new RecordingJobs();
  directory = new FakeDirectory();
});

afterEach(async () => {
  await raw?.dropDatabase().catch(() => undefined);
  await raw?.close();
  await db?.close();
});

function schedulerOn(
  database: Database,
  options: {
    jobs?: JobEnqueuer;
    clock?: TestClock;
    relationships?: Schedules;
    paging?: Partial<SweepPaging>;
  } = {},
): CheckinScheduler {
  return new CheckinScheduler(
    {
      relationships: options.relationships ?? database.relationships,
      marks: database.sweepMarks,
      checkins: database.checkins,
      tally: database.tallies,
      calendars: new Calendars({
        directory,
        availability: database.availability,
        holidays: NO_HOLIDAYS,
        defaultZone: "UTC",
        clock: options.clock ?? clock,
      }),
      jobs: options.jobs ?? jobs,
      clock: options.clock ?? clock,
    },
    options.paging,
  );
}

type Schedules = Pick<ScheduleStore, "findById" | "listInBucket" | "bucketsHeld" | "advanceMany">;

let menteeCounter = 0;

async function activePair(zone: string | null = NEW_YORK): Promise<Relationship> {
  menteeCounter++;
  const menteeId = `UMENTEE${String(menteeCounter).padStart(3, "0")}`;
  if (zone) directory.zones.set(menteeId, zone);
  return createActivePair(db.relationships, START, { mentorId: MENTOR, menteeId });
}

async function reload(id: string): Promise<Relationship> {
  const relationship = await db.relationships.findById(id);
  if (!relationship) throw new Error(`relationship ${id} vanished`);
  return relationship;
}

async function checkinsOf(relationshipId: string): Promise<Checkin[]> {
  return db.checkins.recent(relationshipId, 100);
}

/** Documents in the collection, counted by the server (not through the repository). */
async function countCheckins(relationshipId: string): Promise<number> {
  return raw.collection("checkins").countDocuments({ relationshipId });
}

/** Plans the first check-in (the sweep right after activation) and returns the pair. */
async function plannedPair(zone: string | null = NEW_YORK): Promise<Relationship> {
  const relationship = await activePair(zone);
  clock.set(START);
  await schedulerOn(db).sweep();
  return reload(relationship.id);
}

describe("planning", () => {
  it("the first sweep plans nextCheckinAt at Monday 10:00 mentee time, and creates no check-in", async () => {
    const relationship = await activePair();
    expect(relationship.nextCheckinAt).toBeNull();

    const result = await schedulerOn(db).sweep();

    expect(result).toMatchObject({ scheduled: 1, created: 0, resent: 0 });
    expect((await reload(relationship.id)).nextCheckinAt).toEqual(SLOT_1);
    expect(await countCheckins(relationship.id)).toBe(0);
    expect(jobs.calls).toEqual([]);
  });

  it("uses the mentee's time zone, and the default zone when Slack has none", async () => {
    const kolkata = await activePair("Asia/Kolkata");
    const unknown = await activePair(null);

    await schedulerOn(db).sweep();

    // Mon 30 Nov 10:00 IST = 04:30 UTC; Mon 30 Nov 10:00 in the default zone (UTC).
    expect((await reload(kolkata.id)).nextCheckinAt).toEqual(new Date("2026-11-30T04:30:00Z"));
    expect((await reload(unknown.id)).nextCheckinAt).toEqual(new Date("2026-11-30T10:00:00Z"));
  });

  it("does not send or move anything before the slot", async () => {
    const relationship = await plannedPair();
    clock.set(at(SLOT_1, -1));

    const result = await schedulerOn(db).sweep();

    expect(result).toMatchObject({ scheduled: 0, created: 0 });
    expect((await reload(relationship.id)).nextCheckinAt).toEqual(SLOT_1);
    expect(await countCheckins(relationship.id)).toBe(0);
  });
});

describe("at the slot", () => {
  it("creates exactly one check-in, enqueues checkins.send with its id, advances one week", async () => {
    const relationship = await plannedPair();
    clock.set(SLOT_1);

    const result = await schedulerOn(db).sweep();

    expect(result.created).toBe(1);
    const [checkin, ...others] = await checkinsOf(relationship.id);
    expect(others).toEqual([]);
    expect(checkin).toMatchObject({
      relationshipId: relationship.id,
      mentorId: MENTOR,
      menteeId: relationship.menteeId,
      slot: SLOT_1.toISOString(),
      scheduledFor: SLOT_1,
      sequence: 1,
      status: "scheduled",
    });
    expect(jobs.named("checkins.send")).toContainEqual({ checkinId: checkin?.id });
    expect(jobs.jobIds("checkins.send")).toEqual([`checkins.send|${checkin?.id}`]);
    expect((await reload(relationship.id)).nextCheckinAt).toEqual(SLOT_2);
  });

  it("a second sweep at the same time creates nothing new and does not advance twice", async () => {
    const relationship = await plannedPair();
    clock.set(SLOT_1);
    const scheduler = schedulerOn(db);
    await scheduler.sweep();

    const again = await scheduler.sweep();

    expect(again.created).toBe(0);
    expect(again.scheduled).toBe(0);
    expect(await countCheckins(relationship.id)).toBe(1);
    expect((await reload(relationship.id)).nextCheckinAt).toEqual(SLOT_2);
    // Re-enqueued at most under the same deterministic id: one job in BullMQ.
    expect(jobs.jobIds("checkins.send")).toHaveLength(1);
  });

  it("keeps Monday 10:00 local across the spring-forward week (UTC slot moves by one hour)", async () => {
    const relationship = await activePair();
    clock.set("2026-02-26T12:00:00Z");
    const scheduler = schedulerOn(db);
    await scheduler.sweep();
    const before = new Date("2026-03-02T15:00:00Z"); // 10:00 EST
    expect((await reload(relationship.id)).nextCheckinAt).toEqual(before);

    clock.set(before);
    await scheduler.sweep();

    expect((await reload(relationship.id)).nextCheckinAt).toEqual(
      new Date("2026-03-09T14:00:00Z"), // 10:00 EDT, 7×24h − 1h later
    );
    expect(await countCheckins(relationship.id)).toBe(1);
  });

  it("weekly slots follow one another: four weeks, four check-ins, sequences 1..4", async () => {
    const relationship = await plannedPair();
    const scheduler = schedulerOn(db);
    for (const slot of [SLOT_1, SLOT_2, SLOT_3, SLOT_4]) {
      clock.set(slot);
      await scheduler.sweep();
      clock.set(at(slot, 5 * 60_000));
      await scheduler.sweep();
    }

    const checkins = await checkinsOf(relationship.id);
    expect(checkins.map((c) => c.scheduledFor.toISOString()).reverse()).toEqual(
      [SLOT_1, SLOT_2, SLOT_3, SLOT_4].map((d) => d.toISOString()),
    );
    expect(checkins.map((c) => c.sequence).reverse()).toEqual([1, 2, 3, 4]);
    expect((await reload(relationship.id)).nextCheckinAt).toEqual(SLOT_5);
  });
});

describe("numbering", () => {
  it("a check-in asked for in between takes the next number; the next slot's takes the one after", async () => {
    const relationship = await plannedPair();
    clock.set(SLOT_1);
    await schedulerOn(db).sweep();
    await db.checkins.createForSlot({
      relationshipId: relationship.id,
      mentorId: MENTOR,
      menteeId: relationship.menteeId,
      slot: `now:${at(SLOT_1, DAY).getTime()}`,
      scheduledFor: at(SLOT_1, DAY),
      now: at(SLOT_1, DAY),
    });

    clock.set(SLOT_2);
    await schedulerOn(db).sweep();

    const numbers = (await checkinsOf(relationship.id)).map((c) => [c.slot, c.sequence]);
    expect(numbers.reverse()).toEqual([
      [SLOT_1.toISOString(), 1],
      [`now:${at(SLOT_1, DAY).getTime()}`, 2],
      [SLOT_2.toISOString(), 3],
    ]);
  });

  it("a pair stored before the sweep kept its last number still numbers on from its check-ins", async () => {
    const relationship = await plannedPair();
    clock.set(SLOT_1);
    await schedulerOn(db).sweep();
    await raw
      .collection("relationships")
      .updateOne(
        { _id: new mongoose.Types.ObjectId(relationship.id) },
        { $unset: { checkinSequence: "" } },
      );

    for (const slot of [SLOT_2, SLOT_3]) {
      clock.set(slot);
      await schedulerOn(db).sweep();
    }

    expect((await checkinsOf(relationship.id)).map((c) => c.sequence)).toEqual([3, 2, 1]);
  });
});

describe("the due index: every write keeps a pair findable", () => {
  const bucketOfPair = async (id: string) =>
    (
      await raw
        .collection("relationships")
        .findOne({ _id: new mongoose.Types.ObjectId(id) }, { projection: { dueBucket: 1 } })
    )?.dueBucket;

  it("puts a planned pair in the hour of its slot, and moves the mark on as hours pass", async () => {
    const relationship = await plannedPair();
    expect(await bucketOfPair(relationship.id)).toBe(bucketOf(SLOT_1));

    clock.set(SLOT_1);
    await schedulerOn(db).sweep();

    expect(await bucketOfPair(relationship.id)).toBe(bucketOf(SLOT_2));
    // At 10:00 the 09:00 hour ended moments ago: a lagging replica may still write there.
    expect(await db.sweepMarks.read("checkins", 0)).toBe(bucketOf(SLOT_1) - 1);
    clock.set(at(SLOT_1, 2 * HOUR));
    await schedulerOn(db).sweep();
    expect(await db.sweepMarks.read("checkins", 0)).toBe(bucketOf(SLOT_1) + 1);
  });

  it("pause parks the pair; resume brings it back, and its next slot is sent", async () => {
    const relationship = await plannedPair();
    await db.relationships.updateSchedule(
      relationship.id,
      { checkinsPaused: true, nextCheckinAt: null },
      START,
    );
    expect(await bucketOfPair(relationship.id)).toBe(PARKED);
    clock.set(SLOT_1);
    expect((await schedulerOn(db).sweep()).created).toBe(0);

    await db.relationships.updateSchedule(
      relationship.id,
      { checkinsPaused: false, nextCheckinAt: SLOT_2 },
      at(SLOT_1, HOUR),
    );
    clock.set(at(SLOT_1, HOUR));
    await schedulerOn(db).sweep();
    expect(await bucketOfPair(relationship.id)).toBe(bucketOf(SLOT_2));
    clock.set(SLOT_2);
    expect((await schedulerOn(db).sweep()).created).toBe(1);
    expect((await checkinsOf(relationship.id)).map((c) => c.slot)).toEqual([SLOT_2.toISOString()]);
  });

  it("a cadence change moves the pair to its new slot's hour (the old hour finds nothing)", async () => {
    const relationship = await plannedPair();
    const wednesday = new Date("2026-12-02T15:00:00Z");
    await db.relationships.updateSchedule(
      relationship.id,
      {
        cadence: { frequency: "weekly", weekday: 3, time: "10:00", anchorDate: null },
        nextCheckinAt: wednesday,
      },
      START,
    );
    await schedulerOn(db).sweep();
    expect(await bucketOfPair(relationship.id)).toBe(bucketOf(wednesday));

    clock.set(SLOT_1);
    expect((await schedulerOn(db).sweep()).created).toBe(0);
    clock.set(wednesday);
    expect((await schedulerOn(db).sweep()).created).toBe(1);
  });

  it("a reassigned pair keeps its place; an ended one is parked and never swept", async () => {
    const moved = await plannedPair();
    const ended = await plannedPair();
    await db.relationships.reassign(moved, "UMENTOR02", START);
    await db.relationships.end(ended.id, "active", "done", START);
    expect(await bucketOfPair(ended.id)).toBe(PARKED);

    clock.set(SLOT_1);
    await schedulerOn(db).sweep();

    expect(await checkinsOf(moved.id)).toHaveLength(1);
    expect(await checkinsOf(ended.id)).toHaveLength(0);
  });

  it("a pair made while the mark is days ahead of it is still planned and checked in", async () => {
    await db.sweepMarks.raise("checkins", bucketOf(SLOT_1) + 48);
    const relationship = await activePair();

    await schedulerOn(db).sweep();
    expect((await reload(relationship.id)).nextCheckinAt).toEqual(SLOT_1);

    clock.set(SLOT_1);
    expect((await schedulerOn(db).sweep()).created).toBe(1);
  });

  it("a pair a writer left paused in its hour is parked by the sweep once the hour is past", async () => {
    const relationship = await plannedPair();
    await raw
      .collection("relationships")
      .updateOne(
        { _id: new mongoose.Types.ObjectId(relationship.id) },
        { $set: { checkinsPaused: true } },
      );

    clock.set(at(SLOT_1, 2 * HOUR));
    expect((await schedulerOn(db).sweep()).created).toBe(0);
    expect(await bucketOfPair(relationship.id)).toBe(PARKED);
  });
});

describe("the follow-up index: every write keeps a check-in findable", () => {
  const bucketOfCheckin = async (id: string) =>
    (
      await raw
        .collection("checkins")
        .findOne({ _id: new mongoose.Types.ObjectId(id) }, { projection: { followUpBucket: 1 } })
    )?.followUpBucket;

  /** A check-in of the pair for `slot`, made at `now` and due at `scheduledFor`. */
  async function madeCheckin(
    relationship: Relationship,
    slot: Date,
    scheduledFor: Date,
    now = clock.now(),
  ): Promise<Checkin> {
    const { checkin } = await db.checkins.createForSlot({
      relationshipId: relationship.id,
      mentorId: relationship.mentorId,
      menteeId: relationship.menteeId,
      slot: slot.toISOString(),
      scheduledFor,
      now,
    });
    return checkin;
  }

  const sendJobs = () => jobs.named("checkins.send");
  const THURSDAY = new Date("2026-11-26T15:00:00Z"); // 10:00 in New York
  const FRIDAY = new Date("2026-11-27T15:00:00Z");

  it("a deferred check-in waits in the hour it is due, goes out then, and moves when deferred again", async () => {
    const relationship = await plannedPair();
    const checkin = await madeCheckin(relationship, START, THURSDAY);
    expect(await bucketOfCheckin(checkin.id)).toBe(bucketOf(THURSDAY));

    clock.set(at(THURSDAY, -HOUR));
    expect((await schedulerOn(db).sweep()).resent).toBe(0);
    clock.set(THURSDAY);
    expect((await schedulerOn(db).sweep()).resent).toBe(1);
    expect(sendJobs()).toEqual([{ checkinId: checkin.id }]);

    // Deferred once more (the mentee went away before it went out): due on Friday now.
    await db.checkins.transition(checkin.id, ["scheduled"], "scheduled", { scheduledFor: FRIDAY });
    expect(await bucketOfCheckin(checkin.id)).toBe(bucketOf(FRIDAY));
    clock.set(at(THURSDAY, 2 * HOUR));
    expect((await schedulerOn(db).sweep()).resent).toBe(0);
    clock.set(FRIDAY);
    expect((await schedulerOn(db).sweep()).resent).toBe(1);
  });

  it("a snoozed one is reminded at its new time; a reminded one becomes a miss; an answered one leaves the index once announced", async () => {
    const relationship = await plannedPair();
    const snoozed = await madeCheckin(relationship, START, START);
    const answered = await madeCheckin(relationship, at(START, 1), START);
    const remindAt = at(START, DAY);
    for (const checkin of [snoozed, answered]) {
      await db.checkins.transition(checkin.id, ["scheduled"], "sent", { sentAt: START, remindAt });
      expect(await bucketOfCheckin(checkin.id)).toBe(bucketOf(remindAt));
    }
    await db.checkins.snooze(snoozed.id, FRIDAY);
    expect(await bucketOfCheckin(snoozed.id)).toBe(bucketOf(FRIDAY));
    await db.checkins.answer(answered.id, {
      kind: "on_track",
      note: "",
      milestoneTitles: [],
      by: relationship.menteeId,
      at: START,
    });
    // Answered: found again a few minutes on, should its announcement not be recorded by then.
    expect(await bucketOfCheckin(answered.id)).toBe(bucketOf(at(START, ANNOUNCE_AGAIN_AFTER_MS)));
    await db.checkins.markAnnounced(answered.id, START);
    expect(await bucketOfCheckin(answered.id)).toBe(PARKED);

    clock.set(remindAt);
    expect((await schedulerOn(db).sweep()).reminders).toBe(0);
    clock.set(FRIDAY);
    expect((await schedulerOn(db).sweep()).reminders).toBe(1);
    expect(jobs.named("checkins.remind")).toEqual([
      { checkinId: snoozed.id, remindAt: FRIDAY.toISOString() },
    ]);

    const missAt = at(FRIDAY, DAY);
    await db.checkins.markReminded(snoozed.id, FRIDAY, missAt);
    expect(await bucketOfCheckin(snoozed.id)).toBe(bucketOf(missAt));
    clock.set(at(missAt, -1));
    expect((await schedulerOn(db).sweep()).missed).toBe(0);
    // Saturday: the mentee has had a working day since the reminder only on Monday at 10:00.
    clock.set(missAt);
    expect((await schedulerOn(db).sweep()).missed).toBe(0);
    const monday = new Date("2026-11-30T15:00:00Z");
    expect((await db.checkins.findById(snoozed.id))?.missAt).toEqual(monday);
    clock.set(monday);
    expect((await schedulerOn(db).sweep()).missed).toBe(1);
    expect((await db.checkins.findById(snoozed.id))?.status).toBe("missed");
    expect(await bucketOfCheckin(snoozed.id)).toBe(PARKED);
  });

  it("a reminder put off until the mentee's working hours is found when they start", async () => {
    const relationship = await plannedPair();
    const checkin = await madeCheckin(relationship, START, START);
    const night = new Date("2026-11-26T08:00:00Z"); // 03:00 in New York
    await db.checkins.transition(checkin.id, ["scheduled"], "sent", {
      sentAt: START,
      remindAt: night,
    });

    clock.set(night);
    expect((await schedulerOn(db).sweep()).reminders).toBe(0);
    const putOff = (await db.checkins.findById(checkin.id))?.remindAt;
    expect(putOff?.getTime()).toBeGreaterThan(night.getTime());
    // The write could not tell whether it had been reminded: the next pass puts it in its hour.
    clock.advance(60_000);
    await schedulerOn(db).sweep();
    expect(await bucketOfCheckin(checkin.id)).toBe(bucketOf(putOff ?? night));

    clock.set(putOff ?? night);
    expect((await schedulerOn(db).sweep()).reminders).toBe(1);
    expect(jobs.named("checkins.remind")).toEqual([
      { checkinId: checkin.id, remindAt: putOff?.toISOString() },
    ]);
  });

  it("the check-ins of a mentee back from time off are due in the current hour", async () => {
    const relationship = await plannedPair();
    const checkin = await madeCheckin(relationship, START, FRIDAY);
    clock.set(THURSDAY);

    await db.checkins.bringForward(relationship.menteeId, THURSDAY);

    expect(await bucketOfCheckin(checkin.id)).toBe(bucketOf(THURSDAY));
    expect((await schedulerOn(db).sweep()).resent).toBe(1);
    expect(sendJobs()).toEqual([{ checkinId: checkin.id }]);
  });

  it("the mark does not skip a check-in made for an hour it already passed", async () => {
    const relationship = await plannedPair();
    clock.set(at(THURSDAY, 3 * HOUR));
    await schedulerOn(db).sweep();
    expect(await db.sweepMarks.read("checkin-follow-ups", 0)).toBeGreaterThan(bucketOf(THURSDAY));

    const late = await madeCheckin(relationship, THURSDAY, THURSDAY);

    expect((await schedulerOn(db).sweep()).resent).toBe(1);
    expect(sendJobs()).toEqual([{ checkinId: late.id }]);
  });

  it("one whose job never finishes is sent again each pass, and holds the mark back a day at most", async () => {
    const relationship = await plannedPair();
    const checkin = await madeCheckin(relationship, START, THURSDAY);
    clock.set(THURSDAY);
    await schedulerOn(db).sweep();
    clock.set(at(THURSDAY, 6 * HOUR));
    await schedulerOn(db).sweep();
    // Still waiting on its job: the mark stays at its hour.
    expect(await db.sweepMarks.read("checkin-follow-ups", 0)).toBe(bucketOf(THURSDAY));

    const later = at(THURSDAY, DAY + 5 * HOUR); // Friday 15:00 in New York, 29 hours on
    clock.set(later);
    await schedulerOn(db).sweep();
    expect(await bucketOfCheckin(checkin.id)).toBe(bucketOf(later));
    clock.advance(2 * HOUR);
    expect((await schedulerOn(db).sweep()).resent).toBe(1);
    expect(await db.sweepMarks.read("checkin-follow-ups", 0)).toBe(bucketOf(later));
    expect(sendJobs()).toHaveLength(4);
  });
});

describe("two replicas sweeping at once", () => {
  it("still yields exactly one check-in record per slot, and advances once", async () => {
    const replica = await Database.connect(testMongoUri(dbName));
    try {
      const pairs = [];
      for (let i = 0; i < 5; i++) pairs.push(await activePair());
      const clockB = new TestClock(START);
      const a = schedulerOn(db);
      const b = schedulerOn(replica, { clock: clockB });

      // Planning races too. (Only the stored state is asserted, not the `scheduled` counters:
      // FerretDB, unlike MongoDB, lets both racing compare-and-set updates report a match.)
      await Promise.all([a.sweep(), b.sweep()]);
      for (const pair of pairs) expect((await reload(pair.id)).nextCheckinAt).toEqual(SLOT_1);

      for (const [slot, next] of [
        [SLOT_1, SLOT_2],
        [SLOT_2, SLOT_3],
      ] as const) {
        clock.set(slot);
        clockB.set(slot);
        const results = await Promise.all([a.sweep(), b.sweep(), a.sweep(), b.sweep()]);

        expect(results.reduce((sum, r) => sum + r.created, 0)).toBe(pairs.length);
        for (const pair of pairs) {
          expect(
            await raw
              .collection("checkins")
              .countDocuments({ relationshipId: pair.id, slot: slot.toISOString() }),
          ).toBe(1);
          expect((await reload(pair.id)).nextCheckinAt).toEqual(next);
        }
      }
      for (const pair of pairs) expect(await countCheckins(pair.id)).toBe(2);
      expect(jobs.jobIds("checkins.send")).toHaveLength(2 * pairs.length);
    } finally {
      await replica.close();
    }
  });
});

describe("a sweep of many pages", () => {
  it("goes on while its pages come back full, up to its pages a sweep; the next sweep takes the rest", async () => {
    const pairs = [];
    for (let n = 0; n < 5; n++) pairs.push(await activePair());
    const paging = { pageSize: 2, pagesPerSweep: 2 };
    // Planning: two pages of two, then the fifth pair in the next sweep.
    expect((await schedulerOn(db, { paging }).sweep()).scheduled).toBe(4);
    expect((await schedulerOn(db, { paging }).sweep()).scheduled).toBe(1);

    clock.set(SLOT_1);
    const first = await schedulerOn(db, { paging }).sweep();
    const second = await schedulerOn(db, { paging }).sweep();

    expect([first.created, second.created]).toEqual([4, 1]);
    expect(jobs.jobIds("checkins.send")).toHaveLength(5);
    for (const pair of pairs) {
      expect(await countCheckins(pair.id)).toBe(1);
      expect((await reload(pair.id)).nextCheckinAt).toEqual(SLOT_2);
    }
  });

  it("with room for them all, one sweep plans and checks in every due pair", async () => {
    for (let n = 0; n < 5; n++) await activePair();
    const paging = { pageSize: 2, pagesPerSweep: 3 };

    expect((await schedulerOn(db, { paging }).sweep()).scheduled).toBe(5);
    clock.set(SLOT_1);
    expect((await schedulerOn(db, { paging }).sweep()).created).toBe(5);
    expect(jobs.jobIds("checkins.send")).toHaveLength(5);
  });
});

describe("a page's schedules, written together", () => {
  const BERLIN_SLOT_1 = new Date("2026-11-30T09:00:00Z"); // Mon 30 Nov, 10:00 CET
  const BERLIN_SLOT_2 = new Date("2026-12-07T09:00:00Z");

  /** The store, but `meanwhile` runs just before the sweep writes the slots' advances. */
  function writerInBetween(meanwhile: () => Promise<unknown>): Schedules {
    let done = false;
    return {
      findById: (id) => db.relationships.findById(id),
      listInBucket: (...args) => db.relationships.listInBucket(...args),
      bucketsHeld: (...args) => db.relationships.bucketsHeld(...args),
      advanceMany: async (advances) => {
        if (!done && advances.length > 0) {
          done = true;
          await meanwhile();
        }
        return db.relationships.advanceMany(advances);
      },
    };
  }

  it("pairs with different slots in one page each move on to their own next slot, numbered on", async () => {
    const newYork = [await activePair(), await activePair()];
    const berlin = await activePair("Europe/Berlin");
    await schedulerOn(db).sweep();
    for (const pair of newYork) expect((await reload(pair.id)).nextCheckinAt).toEqual(SLOT_1);
    expect((await reload(berlin.id)).nextCheckinAt).toEqual(BERLIN_SLOT_1);

    clock.set(SLOT_1);
    expect((await schedulerOn(db).sweep()).created).toBe(3);

    for (const pair of newYork) expect((await reload(pair.id)).nextCheckinAt).toEqual(SLOT_2);
    expect((await reload(berlin.id)).nextCheckinAt).toEqual(BERLIN_SLOT_2);
    clock.set(SLOT_2);
    expect((await schedulerOn(db).sweep()).created).toBe(3);
    for (const pair of [...newYork, berlin]) {
      expect((await checkinsOf(pair.id)).map((c) => c.sequence).sort()).toEqual([1, 2]);
    }
  });

  it("a pair whose schedule a person changed between the read and the write keeps their change", async () => {
    const [kept, changed, alsoKept] = [await activePair(), await activePair(), await activePair()];
    await schedulerOn(db).sweep();
    const wednesday = new Date("2026-12-02T15:00:00Z");
    clock.set(SLOT_1);

    const relationships = writerInBetween(() =>
      db.relationships.updateSchedule(
        changed.id,
        {
          cadence: { frequency: "weekly", weekday: 3, time: "10:00", anchorDate: null },
          nextCheckinAt: wednesday,
        },
        SLOT_1,
      ),
    );
    await schedulerOn(db, { relationships }).sweep();

    expect((await reload(kept.id)).nextCheckinAt).toEqual(SLOT_2);
    expect((await reload(alsoKept.id)).nextCheckinAt).toEqual(SLOT_2);
    expect((await reload(changed.id)).nextCheckinAt).toEqual(wednesday);
    clock.set(wednesday);
    await schedulerOn(db).sweep();
    expect((await checkinsOf(changed.id)).map((c) => c.slot)).toContain(wednesday.toISOString());
  });

  it("a pair paused between the read and the write stays paused and parked", async () => {
    const [paused, other] = [await activePair(), await activePair()];
    await schedulerOn(db).sweep();
    clock.set(SLOT_1);

    const relationships = writerInBetween(() =>
      db.relationships.updateSchedule(paused.id, { checkinsPaused: true }, SLOT_1),
    );
    await schedulerOn(db, { relationships }).sweep();

    expect((await reload(other.id)).nextCheckinAt).toEqual(SLOT_2);
    const after = await raw
      .collection("relationships")
      .findOne({ _id: new mongoose.Types.ObjectId(paused.id) });
    expect(after).toMatchObject({ checkinsPaused: true, dueBucket: PARKED });
    clock.set(SLOT_2);
    await schedulerOn(db).sweep();
    expect(await checkinsOf(paused.id)).toHaveLength(1);
  });

  it("a page where every pair has its own slot still moves every pair on", async () => {
    const pairs = [];
    for (let minute = 0; minute < 30; minute++) {
      const pair = await activePair();
      const time = `10:${String(minute).padStart(2, "0")}`;
      await db.relationships.updateSchedule(
        pair.id,
        { cadence: { frequency: "weekly", weekday: 1, time, anchorDate: null } },
        START,
      );
      pairs.push({ pair, slot: at(SLOT_1, minute * 60_000) });
    }
    expect((await schedulerOn(db).sweep()).scheduled).toBe(30);

    clock.set(at(SLOT_1, 30 * 60_000));
    expect((await schedulerOn(db).sweep()).created).toBe(30);

    for (const { pair, slot } of pairs) {
      expect((await checkinsOf(pair.id)).map((c) => c.slot)).toEqual([slot.toISOString()]);
      expect((await reload(pair.id)).nextCheckinAt).toEqual(at(slot, 7 * DAY));
    }
  });
});

describe("pause, end, skip", () => {
  it("ignores paused (checkinsPaused or status 'paused') and ended relationships", async () => {
    const pausedCheckins = await plannedPair();
    const pausedStatus = await plannedPair();
    const ended = await plannedPair();
    const neverPlanned = await activePair();
    await db.relationships.updateSchedule(pausedCheckins.id, { checkinsPaused: true }, START);
    await db.relationships.updateSchedule(neverPlanned.id, { checkinsPaused: true }, START);
    await raw
      .collection("relationships")
      .updateOne(
        { _id: new mongoose.Types.ObjectId(pausedStatus.id) },
        { $set: { status: "paused" } },
      );
    expect(await db.relationships.end(ended.id, "active", "finished", START)).not.toBeNull();
    clock.set(at(SLOT_1, HOUR));

    const result = await schedulerOn(db).sweep();

    expect(result).toMatchObject({ scheduled: 0, created: 0, skipped: 0, caughtUp: 0 });
    for (const pair of [pausedCheckins, pausedStatus, ended]) {
      expect(await countCheckins(pair.id)).toBe(0);
      expect((await reload(pair.id)).nextCheckinAt).toEqual(SLOT_1);
    }
    expect((await reload(neverPlanned.id)).nextCheckinAt).toBeNull();
    expect(jobs.calls).toEqual([]);

    // Resumed: back in the sweep.
    await db.relationships.updateSchedule(pausedCheckins.id, { checkinsPaused: false }, START);
    expect((await schedulerOn(db).sweep()).created).toBe(1);
    expect(await countCheckins(pausedCheckins.id)).toBe(1);
  });

  it("skipNextCheckin skips exactly one slot", async () => {
    const relationship = await plannedPair();
    await db.relationships.updateSchedule(relationship.id, { skipNextCheckin: true }, START);
    const scheduler = schedulerOn(db);
    clock.set(SLOT_1);

    const skipped = await scheduler.sweep();

    expect(skipped).toMatchObject({ skipped: 1, created: 0 });
    expect(await countCheckins(relationship.id)).toBe(0);
    const afterSkip = await reload(relationship.id);
    expect(afterSkip.nextCheckinAt).toEqual(SLOT_2);
    expect(afterSkip.skipNextCheckin).toBe(false);
    expect(jobs.named("checkins.send")).toEqual([]);

    // The one after is sent as usual.
    clock.set(SLOT_2);
    expect((await scheduler.sweep()).created).toBe(1);
    const [checkin] = await checkinsOf(relationship.id);
    expect(checkin?.slot).toBe(SLOT_2.toISOString());
    expect((await reload(relationship.id)).nextCheckinAt).toEqual(SLOT_3);
  });
});

describe("catch-up after downtime", () => {
  it("3 weeks late: no check-in for history, the next slot is in the future", async () => {
    const relationship = await plannedPair();
    const now = at(SLOT_4, 2 * HOUR); // three weeks and two hours after SLOT_1
    clock.set(now);

    const result = await schedulerOn(db).sweep();

    expect(result).toMatchObject({ caughtUp: 1, created: 0 });
    expect(await countCheckins(relationship.id)).toBe(0);
    const next = (await reload(relationship.id)).nextCheckinAt;
    expect(next).toEqual(SLOT_5);
    expect(next?.getTime()).toBeGreaterThan(now.getTime());
    expect(jobs.named("checkins.send")).toEqual([]);
    // And it stays quiet until then.
    expect((await schedulerOn(db).sweep()).created).toBe(0);
  });

  it("2 days late: exactly one check-in for the missed slot, then the next future slot", async () => {
    const relationship = await plannedPair();
    clock.set(at(SLOT_1, 2 * DAY));
    const scheduler = schedulerOn(db);

    const result = await scheduler.sweep();

    expect(result.created).toBe(1);
    const checkins = await checkinsOf(relationship.id);
    expect(checkins.map((c) => c.slot)).toEqual([SLOT_1.toISOString()]);
    expect(jobs.jobIds("checkins.send")).toEqual([`checkins.send|${checkins[0]?.id}`]);
    expect((await reload(relationship.id)).nextCheckinAt).toEqual(SLOT_2);

    clock.advance(HOUR);
    expect((await scheduler.sweep()).created).toBe(0);
    expect(await countCheckins(relationship.id)).toBe(1);
  });

  it("6 days late (less than one period): one check-in, not one per sweep", async () => {
    const relationship = await plannedPair();
    clock.set(at(SLOT_1, 6 * DAY));
    const scheduler = schedulerOn(db);
    await scheduler.sweep();
    await scheduler.sweep();

    expect(await countCheckins(relationship.id)).toBe(1);
    expect((await reload(relationship.id)).nextCheckinAt).toEqual(SLOT_2);
  });
});

describe("a check-in whose job was lost in Redis", () => {
  let redis: Redis;
  let prefix: string;
  let queues: JobQueues;

  beforeEach(() => {
    redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
    prefix = uniqueName("ckq");
    queues = new JobQueues(redis, prefix);
  });

  afterEach(async () => {
    await deletePrefixKeys();
    await queues.close();
    await redis.quit();
  });

  /** Only this test's keys: other test files share the Redis server (never FLUSHALL). */
  async function deletePrefixKeys(): Promise<number> {
    let deleted = 0;
    let cursor = "0";
    do {
      const [nextCursor, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
      cursor = nextCursor;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== "0");
    return deleted;
  }

  it("is enqueued again by the next sweep, under the same job id", async () => {
    const relationship = await plannedPair();
    const scheduler = schedulerOn(db, { jobs: queues });
    clock.set(SLOT_1);
    await scheduler.sweep();
    const [checkin] = await checkinsOf(relationship.id);
    const jobId = `checkins.send|${checkin?.id}`;
    const notifications = queues.queue("notifications");
    expect((await notifications.getJob(jobId))?.data).toEqual({ checkinId: checkin?.id });

    // Redis loses everything of this bot.
    expect(await deletePrefixKeys()).toBeGreaterThan(0);
    expect(await notifications.getJob(jobId)).toBeUndefined();

    clock.advance(60_000);
    const result = await scheduler.sweep();

    expect(result).toMatchObject({ created: 0, resent: 1 });
    const job = await notifications.getJob(jobId);
    expect(job?.name).toBe("checkins.send");
    expect(job?.data).toEqual({ checkinId: checkin?.id });
    expect(await notifications.getJobCounts("waiting", "delayed", "prioritized")).toMatchObject({
      waiting: 1,
    });
    // Still one check-in, and the schedule did not move again.
    expect(await countCheckins(relationship.id)).toBe(1);
    expect((await reload(relationship.id)).nextCheckinAt).toEqual(SLOT_2);
  });

  it("a sweep stopped after moving the schedule on, before its jobs went: the next sweep sends the check-in", async () => {
    const relationship = await plannedPair();
    const redisAway: JobEnqueuer = {
      enqueue: async () => {
        throw new Error("Redis away");
      },
      enqueueMany: async () => {
        throw new Error("Redis away");
      },
      alreadyQueued: async () => {
        throw new Error("Redis away");
      },
    };
    clock.set(SLOT_1);
    await expect(schedulerOn(db, { jobs: redisAway }).sweep()).rejects.toThrow("Redis away");
    const [checkin] = await checkinsOf(relationship.id);
    expect(checkin?.status).toBe("scheduled");
    expect((await reload(relationship.id)).nextCheckinAt).toEqual(SLOT_2);

    clock.advance(60_000);
    expect(await schedulerOn(db).sweep()).toMatchObject({ created: 0, resent: 1 });
    expect(jobs.named("checkins.send")).toEqual([{ checkinId: checkin?.id }]);
    expect(await countCheckins(relationship.id)).toBe(1);
  });

  it("a repeated sweep with the job still queued leaves exactly one job", async () => {
    await plannedPair();
    const scheduler = schedulerOn(db, { jobs: queues });
    clock.set(SLOT_1);
    await scheduler.sweep();
    await scheduler.sweep();
    clock.advance(60_000);
    // The check-in is due and still scheduled, but its job waits in the queue: not sent again.
    expect(await scheduler.sweep()).toMatchObject({ created: 0, resent: 0 });

    const counts = await queues
      .queue("notifications")
      .getJobCounts("waiting", "delayed", "prioritized", "active");
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(1);
  });
});

describe("the first sweep after days of downtime", () => {
  /**
   * Database commands by kind ("distinct checkins"), counted by the driver's monitoring; a read
   * of one bucket of a due index counts as "bucket relationships" or "bucket checkins".
   */
  async function countedDatabase(): Promise<{ database: Database; counts: Map<string, number> }> {
    const uri = testMongoUri(dbName);
    const database = await Database.connect(
      `${uri}${uri.includes("?") ? "&" : "?"}monitorCommands=true`,
      clock,
    );
    const counts = new Map<string, number>();
    // Only the connection asked to monitor its commands reports them.
    for (const connection of mongoose.connections) {
      if (connection.name !== dbName) continue;
      connection.getClient().on("commandStarted", (event) => {
        const collection = String(event.command[event.commandName]);
        const filter = event.command.filter ?? {};
        const bucketRead =
          event.commandName === "find" && ("dueBucket" in filter || "followUpBucket" in filter);
        const kind = `${bucketRead ? "bucket" : event.commandName} ${collection}`;
        counts.set(kind, (counts.get(kind) ?? 0) + 1);
      });
    }
    return { database, counts };
  }

  it("reads the hours that hold something, not every hour since: every due pair and follow-up is found", async () => {
    const tokyo = await plannedPair("Asia/Tokyo"); // Mon 30 Nov 10:00 in Tokyo is 01:00Z
    const berlin = await plannedPair("Europe/Berlin"); // 09:00Z
    const newYork = await plannedPair(); // 15:00Z
    // Put in an hour of the gap the way another replica's sweep writes it: due on Friday.
    const friday = new Date("2026-11-27T15:00:00Z");
    const written = await plannedPair();
    await raw
      .collection("relationships")
      .updateOne(
        { _id: new mongoose.Types.ObjectId(written.id) },
        { $set: { nextCheckinAt: friday, dueBucket: bucketOf(friday) } },
      );
    // A check-in sent on Wednesday whose reminder came due on Thursday, in the gap.
    const reminded = await plannedPair();
    const { checkin: sent } = await db.checkins.createForSlot({
      relationshipId: reminded.id,
      mentorId: reminded.mentorId,
      menteeId: reminded.menteeId,
      slot: START.toISOString(),
      scheduledFor: START,
      now: START,
    });
    await db.checkins.transition(sent.id, ["scheduled"], "sent", {
      sentAt: START,
      remindAt: at(START, DAY),
    });

    const { database, counts } = await countedDatabase();
    try {
      // Monday 17:00Z, five days (122 hours) after the last sweep.
      clock.set(at(SLOT_1, 2 * HOUR));
      const scheduler = schedulerOn(database);
      const result = await scheduler.sweep();

      expect(result).toMatchObject({ created: 5, reminders: 1 });
      for (const pair of [tokyo, berlin, newYork, written, reminded]) {
        expect(await countCheckins(pair.id)).toBe(pair === reminded ? 2 : 1);
      }
      expect(jobs.named("checkins.remind")).toEqual([
        { checkinId: sent.id, remindAt: at(START, DAY).toISOString() },
      ]);
      // Each index: LOOK_NOW, one question which hours hold anything, those hours (relationships:
      // Friday, Tokyo's, Berlin's and New York's slots; check-ins: Thursday's reminder), and the
      // two hours still within the skew. It was a read for each of the 122 hours, for each.
      const queries = (collection: string) =>
        (counts.get(`bucket ${collection}`) ?? 0) + (counts.get(`distinct ${collection}`) ?? 0);
      expect(queries("relationships")).toBeLessThanOrEqual(1 + 1 + 4 + 2);
      expect(queries("checkins")).toBeLessThanOrEqual(1 + 1 + 1 + 2);

      // The next sweep asks nothing again and reads no hour the first one emptied.
      counts.clear();
      clock.advance(60_000);
      expect((await scheduler.sweep()).created).toBe(0);
      expect(queries("relationships")).toBeLessThanOrEqual(3);
      expect(queries("checkins")).toBeLessThanOrEqual(3);
    } finally {
      await database.close();
    }
  });
});

describe("reminders and misses", () => {
  /** What the send job does: scheduled → sent, with the reminder a day later in working hours. */
  async function markSent(checkin: Checkin, sentAt: Date, remindAt: Date): Promise<Checkin> {
    const sent = await db.checkins.transition(checkin.id, ["scheduled"], "sent", {
      sentAt,
      remindAt,
    });
    if (!sent) throw new Error("could not mark sent");
    return sent;
  }

  /** Sweeps at the slot and returns the new check-in. */
  async function checkinAt(relationship: Relationship, slot: Date): Promise<Checkin> {
    clock.set(slot);
    await schedulerOn(db).sweep();
    const checkin = (await checkinsOf(relationship.id)).find((c) => c.slot === slot.toISOString());
    if (!checkin) throw new Error(`no check-in at ${slot.toISOString()}`);
    return checkin;
  }

  /** One week in which the mentee never answers: sent, reminded, then missed by the sweep. */
  async function missedWeek(relationship: Relationship, slot: Date): Promise<Checkin> {
    const checkin = await checkinAt(relationship, slot);
    await markSent(checkin, slot, at(slot, DAY));
    clock.set(at(slot, DAY));
    await schedulerOn(db).sweep();
    await db.checkins.markReminded(checkin.id, at(slot, DAY), at(slot, 2 * DAY));
    clock.set(at(slot, 2 * DAY));
    await schedulerOn(db).sweep();
    return checkin;
  }

  it("enqueues a due reminder with its remindAt, once it is due, and not after it was sent", async () => {
    const relationship = await plannedPair();
    const checkin = await checkinAt(relationship, SLOT_1);
    const remindAt = at(SLOT_1, DAY); // Tue 1 Dec 10:00 EST
    await markSent(checkin, SLOT_1, remindAt);
    const scheduler = schedulerOn(db);

    clock.set(at(remindAt, -1));
    expect((await scheduler.sweep()).reminders).toBe(0);
    expect(jobs.named("checkins.remind")).toEqual([]);

    clock.set(remindAt);
    expect((await scheduler.sweep()).reminders).toBe(1);
    expect(jobs.named("checkins.remind")).toEqual([
      { checkinId: checkin.id, remindAt: remindAt.toISOString() },
    ]);

    // The reminder job ran: no second reminder.
    await db.checkins.markReminded(checkin.id, remindAt, at(remindAt, DAY));
    clock.advance(HOUR);
    expect((await scheduler.sweep()).reminders).toBe(0);
    expect(jobs.named("checkins.remind")).toHaveLength(1);
  });

  it("a snoozed check-in gets a reminder with the new remindAt (a distinct job id)", async () => {
    const relationship = await plannedPair();
    const checkin = await checkinAt(relationship, SLOT_1);
    await markSent(checkin, SLOT_1, at(SLOT_1, DAY));
    const snoozedTo = at(SLOT_1, 2 * DAY);
    expect(await db.checkins.snooze(checkin.id, snoozedTo)).not.toBeNull();

    clock.set(at(SLOT_1, DAY));
    await schedulerOn(db).sweep();
    expect(jobs.named("checkins.remind")).toEqual([]);

    clock.set(snoozedTo);
    await schedulerOn(db).sweep();
    expect(jobs.named("checkins.remind")).toEqual([
      { checkinId: checkin.id, remindAt: snoozedTo.toISOString() },
    ]);
  });

  it("missAt due: the check-in becomes missed, once; an answered one never does", async () => {
    const relationship = await plannedPair();
    const checkin = await checkinAt(relationship, SLOT_1);
    await markSent(checkin, SLOT_1, at(SLOT_1, DAY));
    await db.checkins.markReminded(checkin.id, at(SLOT_1, DAY), at(SLOT_1, 2 * DAY));
    const scheduler = schedulerOn(db);

    clock.set(at(SLOT_1, 2 * DAY - 1));
    expect((await scheduler.sweep()).missed).toBe(0);
    expect((await db.checkins.findById(checkin.id))?.status).toBe("sent");

    clock.set(at(SLOT_1, 2 * DAY));
    expect((await scheduler.sweep()).missed).toBe(1);
    expect((await db.checkins.findById(checkin.id))?.status).toBe("missed");
    expect((await scheduler.sweep()).missed).toBe(0);
    expect(jobs.named("checkins.missed-streak")).toEqual([]);

    const other = await plannedPair();
    const answered = await checkinAt(other, SLOT_1);
    await markSent(answered, SLOT_1, at(SLOT_1, DAY));
    await db.checkins.markReminded(answered.id, at(SLOT_1, DAY), at(SLOT_1, 2 * DAY));
    await db.checkins.answer(answered.id, {
      kind: "on_track",
      note: "",
      milestoneTitles: [],
      by: other.menteeId,
      at: at(SLOT_1, DAY + HOUR),
    });
    clock.set(at(SLOT_1, 3 * DAY));
    await scheduler.sweep();
    expect((await db.checkins.findById(answered.id))?.status).toBe("answered");
  });

  it("the third miss in a row enqueues checkins.missed-streak exactly once", async () => {
    const relationship = await plannedPair();
    const first = await missedWeek(relationship, SLOT_1);
    const second = await missedWeek(relationship, SLOT_2);
    expect(jobs.named("checkins.missed-streak")).toEqual([]);

    // Week 3: sent and reminded, then two replicas sweep at once when it is missed.
    const third = await checkinAt(relationship, SLOT_3);
    await markSent(third, SLOT_3, at(SLOT_3, DAY));
    await db.checkins.markReminded(third.id, at(SLOT_3, DAY), at(SLOT_3, 2 * DAY));
    clock.set(at(SLOT_3, 2 * DAY));
    await Promise.all([schedulerOn(db).sweep(), schedulerOn(db).sweep()]);

    for (const c of [first, second, third]) {
      expect((await db.checkins.findById(c.id))?.status).toBe("missed");
    }
    // One job (deterministic id), for the third miss only.
    expect(jobs.jobIds("checkins.missed-streak")).toEqual([`checkins.missed-streak|${third.id}`]);
    const callsSoFar = jobs.named("checkins.missed-streak").length;
    // The alarm's job ran: after its DMs it marks the run checked.
    await db.checkins.markStreakChecked([third.id], clock.now());
    // Later sweeps do not tell anyone again.
    clock.advance(HOUR);
    await schedulerOn(db).sweep();
    clock.set(at(SLOT_4, -HOUR));
    await schedulerOn(db).sweep();
    expect(jobs.named("checkins.missed-streak")).toHaveLength(callsSoFar);
    expect(jobs.jobIds("checkins.missed-streak")).toHaveLength(1);
  });

  it("a streak alarm whose enqueue failed is enqueued by a later sweep, once", async () => {
    const relationship = await plannedPair();
    await missedWeek(relationship, SLOT_1);
    await missedWeek(relationship, SLOT_2);
    const third = await checkinAt(relationship, SLOT_3);
    await markSent(third, SLOT_3, at(SLOT_3, DAY));
    await db.checkins.markReminded(third.id, at(SLOT_3, DAY), at(SLOT_3, 2 * DAY));
    // Redis refuses the sweep's last batch, the one with the alarm, after the miss is written.
    let refused = 0;
    const flaky: JobEnqueuer = {
      enqueue: (name, payload) => jobs.enqueue(name, payload),
      alreadyQueued: (requests) => jobs.alreadyQueued(requests),
      enqueueMany: async (requests) => {
        if (refused === 0 && requests.some((r) => r.name === "checkins.missed-streak")) {
          refused++;
          throw new Error("Redis away");
        }
        await jobs.enqueueMany(requests);
      },
    };
    clock.set(at(SLOT_3, 2 * DAY));
    await expect(schedulerOn(db, { jobs: flaky }).sweep()).rejects.toThrow("Redis away");
    expect((await db.checkins.findById(third.id))?.status).toBe("missed");
    expect(jobs.named("checkins.missed-streak")).toEqual([]);

    clock.advance(60_000);
    await schedulerOn(db, { jobs: flaky }).sweep();
    expect(jobs.named("checkins.missed-streak")).toEqual([{ checkinId: third.id }]);
    await db.checkins.markStreakChecked([third.id], clock.now()); // its job ran
    clock.advance(HOUR);
    await schedulerOn(db).sweep();
    expect(jobs.named("checkins.missed-streak")).toHaveLength(1);
    const stored = await raw
      .collection("checkins")
      .findOne({ _id: new mongoose.Types.ObjectId(third.id) });
    expect(stored?.followUpBucket).toBe(PARKED);
  });

  it("a streak alarm lost with Redis before it ran is queued again, until its job marks the run", async () => {
    const relationship = await plannedPair();
    await missedWeek(relationship, SLOT_1);
    await missedWeek(relationship, SLOT_2);
    const third = await missedWeek(relationship, SLOT_3);
    expect(jobs.named("checkins.missed-streak")).toEqual([{ checkinId: third.id }]);

    // Redis lost the job before it ran (RecordingJobs holds nothing): the next pass queues it.
    clock.advance(HOUR);
    await schedulerOn(db).sweep();
    expect(jobs.named("checkins.missed-streak")).toHaveLength(2);
    expect(jobs.jobIds("checkins.missed-streak")).toEqual([`checkins.missed-streak|${third.id}`]);

    // Still waiting in the queue: left to it.
    const holding: JobEnqueuer = {
      enqueue: (name, payload) => jobs.enqueue(name, payload),
      enqueueMany: (requests) => jobs.enqueueMany(requests),
      alreadyQueued: async (requests) => requests.map(() => true),
    };
    clock.advance(HOUR);
    await schedulerOn(db, { jobs: holding }).sweep();
    expect(jobs.named("checkins.missed-streak")).toHaveLength(2);

    await db.checkins.markStreakChecked([third.id], clock.now()); // its job ran
    clock.advance(HOUR);
    await schedulerOn(db).sweep();
    expect(jobs.named("checkins.missed-streak")).toHaveLength(2);
  });

  it("a streak alarm Slack refuses for good for one admin still tells the pair, marks the run, and is not queued again", async () => {
    const relationship = await plannedPair();
    const first = await missedWeek(relationship, SLOT_1);
    const second = await missedWeek(relationship, SLOT_2);
    const third = await missedWeek(relationship, SLOT_3);
    expect(jobs.named("checkins.missed-streak")).toEqual([{ checkinId: third.id }]);

    // The alarm's job: the admin is a bot account, which Slack will never DM.
    const told: string[] = [];
    const audited: string[] = [];
    const messenger = {
      sendOnce: async (_key: string, userId: string) => {
        if (userId === BOT_ADMIN) throw refusedForGood("cannot_dm_bot");
        told.push(userId);
        return { channel: `D${userId}`, ts: "1.000001" };
      },
    } as unknown as DirectMessenger;
    const service = new CheckinService({
      relationships: db.relationships,
      checkins: db.checkins,
      milestones: db.milestones,
      milestoneProgress: {} as MilestoneProgressService,
      notifier: new SlackCheckinNotifier(messenger, {} as WebClient),
      calendars: new Calendars({
        directory,
        availability: db.availability,
        holidays: NO_HOLIDAYS,
        defaultZone: "UTC",
        clock,
      }),
      jobs,
      audit: { record: async (_actor, action) => void audited.push(action) },
      clock,
      admins: {
        isAdmin: async (id) => id === BOT_ADMIN,
        list: async () => [{ userId: BOT_ADMIN, bootstrap: true, addedBy: null, addedAt: null }],
      },
      tally: db.tallies,
    });
    await service.announceMissedStreak(third.id);
    expect(told).toEqual([relationship.menteeId, relationship.mentorId]);
    expect(audited).toEqual(["checkin.streak_unheard"]);
    for (const c of [first, second, third]) {
      expect((await db.checkins.findById(c.id))?.streakCheckedAt).toBeTruthy();
    }

    clock.advance(8 * DAY);
    await schedulerOn(db).sweep();
    expect(jobs.named("checkins.missed-streak")).toHaveLength(1);
  });

  it("a fourth miss in a row says nothing new", async () => {
    const relationship = await plannedPair();
    await missedWeek(relationship, SLOT_1);
    await missedWeek(relationship, SLOT_2);
    const third = await missedWeek(relationship, SLOT_3);
    const fourth = await missedWeek(relationship, SLOT_4);

    expect((await db.checkins.findById(fourth.id))?.status).toBe("missed");
    expect(jobs.jobIds("checkins.missed-streak")).toEqual([`checkins.missed-streak|${third.id}`]);
  });

  it("an answer in between breaks the streak", async () => {
    const relationship = await plannedPair();
    await missedWeek(relationship, SLOT_1);
    await missedWeek(relationship, SLOT_2);
    const answered = await checkinAt(relationship, SLOT_3);
    await markSent(answered, SLOT_3, at(SLOT_3, DAY));
    await db.checkins.answer(answered.id, {
      kind: "need_help",
      note: "stuck",
      milestoneTitles: [],
      by: relationship.menteeId,
      at: at(SLOT_3, HOUR),
    });
    await missedWeek(relationship, SLOT_4);
    await missedWeek(relationship, SLOT_5);
    expect(jobs.named("checkins.missed-streak")).toEqual([]);

    const third = await missedWeek(relationship, new Date("2027-01-04T15:00:00Z"));
    expect(jobs.named("checkins.missed-streak")).toEqual([{ checkinId: third.id }]);
  });

  // Regression (CheckinScheduler.checkMissedStreak): the streak used to be reported only
  // when the check-in just marked missed was the newest one (recent[0]). When an
  // older check-in becomes missed after a newer one (misses are processed in missAt order, and
  // a snoozed check-in's missAt moves later than the next week's), neither transition reports:
  // check-in 3 is missed while 2 is still "sent" (not a streak), then 2 is missed but is not
  // recent[0]. Three misses in a row, and nobody was told. Now: one checkins.missed-streak.
  it("reports three misses in a row even when the middle one is missed last (it was snoozed)", async () => {
    const relationship = await plannedPair();
    await missedWeek(relationship, SLOT_1);
    // Week 2: sent, the mentee snoozes it until after week 3's check-in has been missed.
    const second = await checkinAt(relationship, SLOT_2);
    await markSent(second, SLOT_2, at(SLOT_2, DAY));
    await db.checkins.snooze(second.id, at(SLOT_3, 3 * DAY));
    const third = await missedWeek(relationship, SLOT_3);
    expect((await db.checkins.findById(third.id))?.status).toBe("missed");
    // Week 2's snoozed reminder, then its miss.
    clock.set(at(SLOT_3, 3 * DAY));
    await schedulerOn(db).sweep();
    await db.checkins.markReminded(second.id, at(SLOT_3, 3 * DAY), at(SLOT_3, 4 * DAY));
    clock.set(at(SLOT_3, 4 * DAY));
    await schedulerOn(db).sweep();
    expect((await db.checkins.findById(second.id))?.status).toBe("missed");

    expect(jobs.named("checkins.missed-streak")).toHaveLength(1);
  });
});
