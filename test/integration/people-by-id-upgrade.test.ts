// The upgrade to people keyed by their Slack user id, on a real MongoDB-wire server: FerretDB
// serves `_id` from its index, also for a sweep page's `$in`, and scans for any other field. The
// people cached before are keyed again once, keeping what was cached (a departure above all);
// one cached later under the old key (an older replica still running) is found by a refresh.
import mongoose, { Types } from "mongoose";
import { afterAll, describe, expect, it } from "vitest";
import { Database } from "../../src/db/database.js";
import type { Person } from "../../src/domain/people.js";
import { testMongoUri, uniqueName } from "../support/isolation.js";
import { TestClock } from "../support/test-clock.js";

const cachedAt = new Date("2026-11-01T00:00:00Z");
const clock = new TestClock(new Date("2026-11-28T12:00:00Z"));
const opened: Array<{ close(): Promise<unknown> }> = [];
afterAll(async () => {
  for (const one of opened.reverse()) await one.close();
});

/** A person as a replica from before the upgrade cached them: under an ObjectId. */
const oldKeyed = (slackUserId: string, deleted = false) => ({
  _id: new Types.ObjectId(),
  slackUserId,
  displayName: slackUserId.toLowerCase(),
  realName: `Person ${slackUserId}`,
  timezone: "Europe/Berlin",
  isBot: false,
  deleted,
  status: null,
  refreshedAt: cachedAt,
});

const refreshed = (slackUserId: string): Person => ({
  slackUserId,
  displayName: slackUserId.toLowerCase(),
  realName: `Person ${slackUserId}`,
  timezone: "Asia/Tokyo",
  isBot: false,
  deleted: false,
  status: null,
  refreshedAt: clock.now(),
});

describe("people cached before they were keyed by their Slack user id", () => {
  it("are keyed by it on the first start, and one cached later the old way is keyed by its refresh", async () => {
    const uri = testMongoUri(uniqueName("people_by_id"));
    const raw = await mongoose.createConnection(uri).asPromise();
    opened.push(raw);
    const people = raw.collection<{ _id: unknown; slackUserId: string }>("people");
    await people.insertMany([oldKeyed("UPK1"), oldKeyed("UPK2", true), oldKeyed("UPK3")]);

    const db = await Database.connect(uri, clock);
    opened.push(db);
    const bySlackId = (a: Person, b: Person) => a.slackUserId.localeCompare(b.slackUserId);
    const found = (await db.people.findMany(["UPK1", "UPK2", "UPK3"])).sort(bySlackId);
    expect(found.map((p) => [p.slackUserId, p.deleted, p.timezone, p.refreshedAt])).toEqual([
      ["UPK1", false, "Europe/Berlin", cachedAt],
      ["UPK2", true, "Europe/Berlin", cachedAt],
      ["UPK3", false, "Europe/Berlin", cachedAt],
    ]);
    expect((await people.find({}).toArray()).map((doc) => doc._id).sort()).toEqual([
      "UPK1",
      "UPK2",
      "UPK3",
    ]);

    // An older replica, still running, caches three more people the old way.
    await people.insertMany([oldKeyed("UPK4"), oldKeyed("UPK5"), oldKeyed("UPK6")]);
    opened.push(await Database.connect(uri, clock)); // Keyed once: a second start leaves them.
    expect(await db.people.findMany(["UPK4", "UPK5", "UPK6"])).toEqual([]);
    // Not found, so refreshed from Slack: cached under the new key, the old copy gone.
    await db.people.upsert(refreshed("UPK4"));
    await db.people.upsertMany([refreshed("UPK5"), refreshed("UPK6")]);
    const again = (await db.people.findMany(["UPK4", "UPK5", "UPK6"])).sort(bySlackId);
    expect(again.map((p) => [p.slackUserId, p.timezone])).toEqual([
      ["UPK4", "Asia/Tokyo"],
      ["UPK5", "Asia/Tokyo"],
      ["UPK6", "Asia/Tokyo"],
    ]);
    const stored = await people.find({ slackUserId: { $in: ["UPK4", "UPK5", "UPK6"] } }).toArray();
    expect(stored.map((doc) => doc._id).sort()).toEqual(["UPK4", "UPK5", "UPK6"]);
  });
});
