// The retention purge on a real MongoDB-wire server (FerretDB has no TTL indexes), with the
// injected clock: what has aged out goes, page by page; everything younger stays.
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Database } from "../../src/db/database.js";
import {
  DELIVERY_RETENTION_DAYS,
  FAILED_JOB_RETENTION_DAYS,
  type PurgeCounts,
  RetentionService,
} from "../../src/domain/retention.js";
import { testMongoUri, uniqueName } from "../support/isolation.js";
import { TestClock } from "../support/test-clock.js";

const DAY_MS = 24 * 3600 * 1000;
const clock = new TestClock(new Date("2026-11-23T12:00:00Z"));
const daysAgo = (days: number) => new Date(clock.now().getTime() - days * DAY_MS);

const uri = testMongoUri(uniqueName("retention"));
let db: Database;
let raw: mongoose.mongo.MongoClient;
beforeAll(async () => {
  db = await Database.connect(uri);
  raw = await mongoose.mongo.MongoClient.connect(uri);
});
afterAll(async () => {
  await db.close();
  await raw.close();
});

/** A failed collection fails the test, unless the test listens for it. */
const rethrow = (_collection: string, error: unknown): void => {
  throw error;
};

const retention = (
  pageSize: number,
  maxPages?: number,
  { auditDays = 365, onFailure = rethrow } = {},
) =>
  new RetentionService({
    audit: db.audit,
    deliveries: db.deliveries,
    failedJobs: db.failedJobs,
    tallyMarks: db.tallies,
    kickoffClears: db.kickoffs.clears,
    kickoffClaims: db.kickoffs.claims,
    milestoneDones: db.milestoneDones,
    relationshipChanges: db.relationshipChanges,
    clock,
    onFailure,
    policy: {
      auditDays,
      deliveryDays: DELIVERY_RETENTION_DAYS,
      failedJobDays: FAILED_JOB_RETENTION_DAYS,
    },
    pageSize,
    ...(maxPages ? { maxPages } : {}),
  });

async function seed(prefix: string): Promise<void> {
  // Audit: 5 past a year, 3 within it (one a day short of the limit).
  for (const days of [366, 367, 400, 500, 900, 364, 10, 0]) {
    await db.audit.record({
      at: daysAgo(days),
      actorId: "system",
      action: "test.seeded",
      entityType: "test",
      entityId: `${prefix}-audit-${days}`,
      details: {},
    });
  }
  // Ledger: 4 sent over 30 days ago, 2 sent within them, and a claim never marked sent.
  for (const days of [31, 45, 60, 365, 29, 1]) {
    const key = `${prefix}-sent-${days}`;
    await db.deliveries.claim(key, daysAgo(days), 60_000);
    await db.deliveries.markSent(key, { channel: "D1", ts: `${days}.0` }, daysAgo(days));
  }
  await db.deliveries.claim(`${prefix}-claimed`, daysAgo(40), 60_000);
  // Failed jobs: 3 over 90 days old, 2 younger.
  for (const days of [91, 120, 400, 89, 5]) {
    await db.failedJobs.record({
      queue: "notifications",
      name: "checkins.send",
      jobId: `${prefix}-job-${days}`,
      data: {},
      reason: "test",
      attempts: 6,
      failedAt: daysAgo(days),
    });
  }
  // Program tally marks: 2 of events over 30 days old, 1 younger.
  for (const days of [31, 45, 10]) {
    await db.tallies.record({
      kind: "checkin_sent",
      sourceId: `${prefix}-checkin-${days}`,
      relationshipId: `${prefix}-pair`,
      at: daysAgo(days),
    });
  }
  // Kickoff work recorded done: 2 of work due over 30 days ago, 1 younger, and 1 recorded
  // before records had a time (spent: the sweep settles a kickoff within a minute).
  for (const days of [31, 45, 10]) {
    await db.kickoffs.clears.record(`${prefix}-kickoff`, "mentorInviteAt", daysAgo(days));
  }
  await raw
    .db()
    .collection<{ _id: string; kickoffId: string; field: string; work: string }>("kickoff_clears")
    .insertOne({
      _id: `${prefix}-kickoff:menteeInviteAt:legacy`,
      kickoffId: `${prefix}-kickoff`,
      field: "menteeInviteAt",
      work: daysAgo(2).toISOString(),
    });
  // "Done" records: 1 over a day old, 1 of today.
  for (const days of [2, 0]) {
    await db.milestoneDones.recordDone({
      _id: `${prefix}-done-${days}`,
      doneAt: daysAgo(days),
      doneBy: "U1",
      at: daysAgo(days),
    });
  }
  // People's changes to pairs: 2 over a day old, 2 younger.
  for (const days of [1.5, 3, 0.5, 0]) {
    const set = { checkinsPaused: true, nextCheckinAt: null };
    await db.relationshipChanges.record(`${prefix}-pair`, { when: {}, set }, daysAgo(days));
  }
}

/** The kickoff work still recorded done for the seed's kickoff, oldest first. */
async function clearsLeft(prefix: string): Promise<string[]> {
  const docs = await raw
    .db()
    .collection<{ _id: string; work: string }>("kickoff_clears")
    .find({ kickoffId: `${prefix}-kickoff` })
    .toArray();
  return docs.map((d) => d.work).sort();
}

/** A sweep's counts: those given, and nothing purged from every other collection. */
const purgedOnly = (counts: Partial<PurgeCounts>): PurgeCounts => ({
  audit: 0,
  deliveries: 0,
  failedJobs: 0,
  tallyMarks: 0,
  kickoffClears: 0,
  kickoffClaims: 0,
  milestoneDones: 0,
  relationshipChanges: 0,
  ...counts,
});

async function sentReceipts(prefix: string, days: number[]): Promise<string[]> {
  const kept: string[] = [];
  for (const d of days) if (await db.deliveries.receipt(`${prefix}-sent-${d}`)) kept.push(`${d}`);
  return kept;
}

describe("RetentionService", () => {
  it('purges audit entries past AUDIT_RETENTION_DAYS, ledger entries 30 days after sending, failed jobs after 90 days, "done" records and pair changes after a day', async () => {
    await seed("a");
    // Pages of 2: the 5 old audit entries take three round trips.
    const purged = await retention(2).sweep();
    expect(purged).toEqual({
      audit: 5,
      deliveries: 4,
      failedJobs: 3,
      tallyMarks: 2,
      kickoffClears: 3,
      kickoffClaims: 0,
      milestoneDones: 1,
      relationshipChanges: 2,
    });
    expect(await clearsLeft("a")).toEqual([daysAgo(10).toISOString()]);

    const kept = await db.audit.listFor("a-audit-364");
    expect(kept).toHaveLength(1);
    for (const days of [366, 900]) expect(await db.audit.listFor(`a-audit-${days}`)).toEqual([]);
    expect(await sentReceipts("a", [31, 45, 60, 365, 29, 1])).toEqual(["29", "1"]);
    // An unsent claim is someone's send in progress (or a lease to take over): kept, so at
    // its own time it is still busy.
    expect(await db.deliveries.claim("a-claimed", daysAgo(40), 60_000)).toMatchObject({
      outcome: "busy",
    });
    const failed = await db.failedJobs.latest(100);
    expect(failed.map((f) => f.jobId).sort()).toEqual(["a-job-5", "a-job-89"]);

    // Nothing left to purge: a second sweep deletes nothing.
    expect(await retention(2).sweep()).toEqual(purgedOnly({}));
  });

  it("bounds one sweep to maxPages pages per collection; the next sweep carries on", async () => {
    await seed("b");
    const counts = [];
    for (let sweep = 0; sweep < 3; sweep++) counts.push(await retention(2, 1).sweep());
    expect(counts).toEqual([
      {
        audit: 2,
        deliveries: 2,
        failedJobs: 2,
        tallyMarks: 2,
        kickoffClears: 2,
        kickoffClaims: 0,
        milestoneDones: 1,
        relationshipChanges: 2,
      },
      purgedOnly({ audit: 2, deliveries: 2, failedJobs: 1, kickoffClears: 1 }),
      purgedOnly({ audit: 1 }),
    ]);
  });

  it("moves with the clock: a year later the rest of the audit log has aged out too", async () => {
    clock.advance(366 * DAY_MS);
    const purged = await retention(500).sweep();
    // Left from the two seeds: 3 + 3 audit entries, 2 + 2 sent deliveries, 2 + 2 failed jobs,
    // 1 + 1 tally marks, 1 + 1 kickoff clears (the upgrade's one-off claim has no age and stays),
    // 1 + 1 "done" records, 2 + 2 changes to pairs.
    expect(purged).toEqual({
      audit: 6,
      deliveries: 4,
      failedJobs: 4,
      tallyMarks: 2,
      kickoffClears: 2,
      kickoffClaims: 0,
      milestoneDones: 2,
      relationshipChanges: 4,
    });
  });
});

describe("a milestone reached, reopened and reached again", () => {
  it("counts once, even after the retention purge has run in between", async () => {
    const reached = (at: Date) =>
      db.tallies.record({
        kind: "milestone_reached",
        sourceId: "m-once",
        relationshipId: "m-pair",
        at,
      });
    await reached(daysAgo(45));
    await retention(500).sweep();
    await reached(daysAgo(5));
    const tally = (await db.tallies.forPairs(["m-pair"])).get("m-pair");
    const total = Object.values(tally?.days ?? {}).reduce(
      (sum, day) => sum + (day.milestonesReached ?? 0),
      0,
    );
    expect(total).toBe(1);
  });
});

describe("a collection whose purge fails", () => {
  it("is reported, and the sweep still purges every other collection", async () => {
    await seed("f");
    const failed: string[] = [];
    // So many days that the cutoff is no Date at all: the database refuses the audit purge.
    const purged = await retention(500, undefined, {
      auditDays: 999_999_999,
      onFailure: (collection) => {
        failed.push(collection);
      },
    }).sweep();
    expect(failed).toEqual(["audit"]);
    expect(purged).toEqual(
      purgedOnly({
        deliveries: 4,
        failedJobs: 3,
        tallyMarks: 2,
        kickoffClears: 3,
        milestoneDones: 1,
        relationshipChanges: 2,
      }),
    );
    expect(await db.audit.listFor("f-audit-900")).toHaveLength(1);
  });

  it("not at the largest AUDIT_RETENTION_DAYS config takes: keeping entries for good works", async () => {
    const failed: string[] = [];
    const onFailure = (collection: string) => {
      failed.push(collection);
    };
    for (const auditDays of [99_999, 1_000_000]) {
      const purged = await retention(500, undefined, { auditDays, onFailure }).sweep();
      expect(purged.audit).toBe(0);
    }
    expect(failed).toEqual([]);
    expect(await db.audit.listFor("f-audit-900")).toHaveLength(1);
  });
});

describe("people's kickoff times claimed", () => {
  it("are given back 30 days after the time, and a time to come is kept", async () => {
    const past = { userId: "UCLAIM01", start: daysAgo(DELIVERY_RETENTION_DAYS + 1) };
    const recent = { userId: "UCLAIM01", start: daysAgo(DELIVERY_RETENTION_DAYS - 1) };
    const coming = { userId: "UCLAIM01", start: daysAgo(-2) };
    expect(await db.kickoffs.claims.claim("claims-old", [past])).toBeNull();
    expect(await db.kickoffs.claims.claim("claims-recent", [recent])).toBeNull();
    expect(await db.kickoffs.claims.claim("claims-coming", [coming])).toBeNull();

    const purged = await retention(500).sweep();
    // A half hour claims each five minutes it touches: six, or seven when it starts mid-stretch.
    expect(purged.kickoffClaims).toBeGreaterThanOrEqual(6);
    expect(purged.kickoffClaims).toBeLessThanOrEqual(7);
    // The past time is free again for another pair; the others are still held.
    expect(await db.kickoffs.claims.claim("claims-other", [past])).toBeNull();
    expect(await db.kickoffs.claims.claim("claims-other", [recent])).toEqual(recent);
    expect(await db.kickoffs.claims.claim("claims-other", [coming])).toEqual(coming);
  });
});
