// The upgrade to the due index, on a real MongoDB-wire server: pairs from before it get their
// bucket once (parked, the hour of a slot ahead, or looked at now), and the sweep then finds them.
import mongoose, { Types } from "mongoose";
import { afterAll, describe, expect, it } from "vitest";
import { Database } from "../../src/db/database.js";
import { BUCKET_MS, bucketOf, LOOK_NOW, PARKED } from "../../src/domain/due-index.js";
import { testMongoUri, uniqueName } from "../support/isolation.js";
import { TestClock } from "../support/test-clock.js";

const NOW = new Date("2026-11-28T12:00:00Z");
const clock = new TestClock(NOW);
const opened: Database[] = [];
afterAll(async () => {
  for (const db of opened) await db.close();
});

let n = 0;
const pair = (
  status: string,
  nextCheckinAt: Date | null,
  checkinsPaused = false,
): Record<string, unknown> => {
  n++;
  const [mentorId, menteeId] = [`UMUP${n}`, `UEUP${n}`];
  return {
    _id: new Types.ObjectId(),
    mentorId,
    menteeId,
    status,
    pairKey: status === "ended" ? `ended:${n}` : `${mentorId}:${menteeId}`,
    createdBy: "UADMIN",
    nextCheckinAt,
    checkinsPaused,
    createdAt: new Date("2026-01-01T00:00:00Z"),
    updatedAt: new Date("2026-01-01T00:00:00Z"),
  };
};

describe("the due index on upgrade", () => {
  it("gives every pair from before it a bucket, once", async () => {
    const ahead = new Date("2026-11-30T15:00:00Z");
    const pairs = {
      unplanned: pair("active", null),
      planned: pair("active", ahead),
      overdue: pair("active", new Date("2026-11-28T11:00:00Z")),
      withinTheHour: pair("active", new Date(NOW.getTime() + BUCKET_MS / 2)),
      paused: pair("active", ahead, true),
      ended: pair("ended", ahead),
      pending: pair("pending", null),
    };
    const uri = testMongoUri(uniqueName("due_upgrade"));
    const raw = await mongoose.createConnection(uri).asPromise();
    try {
      await raw.collection("relationships").insertMany(Object.values(pairs));

      opened.push(await Database.connect(uri, clock));

      const bucketOfPair = async (doc: Record<string, unknown>) =>
        (await raw.collection("relationships").findOne({ _id: doc._id as Types.ObjectId }))
          ?.dueBucket;
      expect(await bucketOfPair(pairs.unplanned)).toBe(LOOK_NOW);
      expect(await bucketOfPair(pairs.planned)).toBe(bucketOf(ahead));
      expect(await bucketOfPair(pairs.overdue)).toBe(LOOK_NOW);
      expect(await bucketOfPair(pairs.withinTheHour)).toBe(LOOK_NOW);
      expect(await bucketOfPair(pairs.paused)).toBe(PARKED);
      expect(await bucketOfPair(pairs.ended)).toBe(PARKED);
      expect(await bucketOfPair(pairs.pending)).toBe(PARKED);

      // Once: a later start (or another replica) leaves what the sweep wrote since.
      await raw
        .collection("relationships")
        .updateOne({ _id: pairs.unplanned._id as Types.ObjectId }, { $set: { dueBucket: 7 } });
      opened.push(await Database.connect(uri, clock));
      expect(await bucketOfPair(pairs.unplanned)).toBe(7);
    } finally {
      await raw.dropDatabase().catch(() => undefined);
      await raw.close();
    }
  });

  it("fills the missing ones a page at a time, and finds none the second time", async () => {
    const uri = testMongoUri(uniqueName("due_upgrade_pages"));
    const db = await Database.connect(uri, clock);
    opened.push(db);
    const raw = await mongoose.createConnection(uri).asPromise();
    try {
      await raw
        .collection("relationships")
        .insertMany(Array.from({ length: 23 }, () => pair("active", null)));

      expect(await db.relationships.fillDueBuckets(NOW, 5)).toBe(23);

      expect(await raw.collection("relationships").countDocuments({ dueBucket: LOOK_NOW })).toBe(
        23,
      );
      expect(await db.relationships.fillDueBuckets(NOW, 5)).toBe(0);
    } finally {
      await raw.dropDatabase().catch(() => undefined);
      await raw.close();
    }
  });
});
