// The upgrade to the check-ins' follow-up index, on a real MongoDB-wire server: open check-ins
// from before it get the hour of their next step once (never below the current hour, which the
// pass's mark may have reached), closed ones stay out, and the hourly repair finds stragglers.
import mongoose, { Types } from "mongoose";
import { afterAll, describe, expect, it } from "vitest";
import { Database } from "../../src/db/database.js";
import { bucketOf } from "../../src/domain/due-index.js";
import { testMongoUri, uniqueName } from "../support/isolation.js";
import { TestClock } from "../support/test-clock.js";

const NOW = new Date("2026-11-28T12:00:00Z");
const TOMORROW = new Date("2026-11-29T15:00:00Z");
const clock = new TestClock(NOW);
const opened: Database[] = [];
afterAll(async () => {
  for (const db of opened) await db.close();
});

let n = 0;
const checkin = (status: string, times: Record<string, Date | null>): Record<string, unknown> => {
  n++;
  return {
    _id: new Types.ObjectId(),
    relationshipId: `pair-${n}`,
    mentorId: `UMFU${n}`,
    menteeId: `UEFU${n}`,
    slot: `2026-11-2${n % 10}T15:00:00.000Z`,
    sequence: n,
    status,
    scheduledFor: new Date("2026-11-27T15:00:00Z"),
    remindAt: null,
    remindedAt: null,
    missAt: null,
    ...times,
  };
};

describe("the follow-up index on upgrade", () => {
  it("gives each open check-in the hour of its next step, once, and leaves closed ones out", async () => {
    const rows = {
      dueLater: checkin("scheduled", { scheduledFor: TOMORROW }),
      overdue: checkin("scheduled", { scheduledFor: new Date("2026-11-27T15:00:00Z") }),
      toRemind: checkin("sent", { remindAt: TOMORROW }),
      reminded: checkin("sent", {
        remindAt: new Date("2026-11-27T15:00:00Z"),
        remindedAt: new Date("2026-11-27T15:00:00Z"),
        missAt: TOMORROW,
      }),
      answered: checkin("answered", {}),
    };
    const uri = testMongoUri(uniqueName("follow_upgrade"));
    const raw = await mongoose.createConnection(uri).asPromise();
    try {
      await raw.collection("checkins").insertMany(Object.values(rows));
      const db = await Database.connect(uri, clock);
      opened.push(db);

      const bucketOfRow = async (doc: Record<string, unknown>) =>
        (await raw.collection("checkins").findOne({ _id: doc._id as Types.ObjectId }))
          ?.followUpBucket;
      expect(await bucketOfRow(rows.dueLater)).toBe(bucketOf(TOMORROW));
      // Due already: the current hour, which the pass reads next.
      expect(await bucketOfRow(rows.overdue)).toBe(bucketOf(NOW));
      expect(await bucketOfRow(rows.toRemind)).toBe(bucketOf(TOMORROW));
      expect(await bucketOfRow(rows.reminded)).toBe(bucketOf(TOMORROW));
      expect(await bucketOfRow(rows.answered)).toBeUndefined();

      // Once: a second start leaves what was written since; the hourly repair finds a straggler
      // that a replica of the old version wrote afterwards.
      await raw
        .collection("checkins")
        .updateOne({ _id: rows.dueLater._id as Types.ObjectId }, { $set: { followUpBucket: 7 } });
      const straggler = checkin("scheduled", { scheduledFor: TOMORROW });
      await raw.collection("checkins").insertOne(straggler);
      opened.push(await Database.connect(uri, clock));
      expect(await bucketOfRow(rows.dueLater)).toBe(7);
      expect(await bucketOfRow(straggler)).toBeUndefined();

      expect(await db.checkins.fillFollowUpBuckets(NOW)).toBe(1);
      expect(await bucketOfRow(straggler)).toBe(bucketOf(TOMORROW));
      expect(await db.checkins.fillFollowUpBuckets(NOW)).toBe(0);
    } finally {
      await raw.close();
    }
  });
});
