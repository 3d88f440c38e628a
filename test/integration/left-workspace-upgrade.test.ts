// The upgrade to pairs that know who of them left the workspace, on a real MongoDB-wire server:
// the pairs of people already gone are marked, every other pair gets an empty mark, once.
import mongoose, { Types } from "mongoose";
import { afterAll, describe, expect, it } from "vitest";
import { Database } from "../../src/db/database.js";
import { testMongoUri, uniqueName } from "../support/isolation.js";
import { TestClock } from "../support/test-clock.js";

const clock = new TestClock(new Date("2026-11-28T12:00:00Z"));
const opened: Database[] = [];
afterAll(async () => {
  for (const db of opened) await db.close();
});

const pair = (mentorId: string, menteeId: string, status = "active") => ({
  _id: new Types.ObjectId(),
  mentorId,
  menteeId,
  status,
  pairKey: status === "ended" ? `ended:${menteeId}` : `${mentorId}:${menteeId}`,
  createdBy: "UADMIN",
  createdAt: new Date("2026-01-01T00:00:00Z"),
  updatedAt: new Date("2026-01-01T00:00:00Z"),
});

const person = (slackUserId: string, deleted: boolean) => ({
  slackUserId,
  displayName: slackUserId,
  realName: slackUserId,
  timezone: "Europe/Berlin",
  isBot: false,
  deleted,
  refreshedAt: new Date("2026-11-01T00:00:00Z"),
});

describe("pairs from before they knew who of them left", () => {
  it("are marked with the people already gone, and the others with nobody", async () => {
    const pairs = {
      menteeGone: pair("UMLW1", "UELW1"),
      mentorGone: pair("UMLW2", "UELW2"),
      bothHere: pair("UMLW3", "UELW3"),
      endedWithTheGone: pair("UMLW3", "UELW1", "ended"),
    };
    const uri = testMongoUri(uniqueName("left_upgrade"));
    const raw = await mongoose.createConnection(uri).asPromise();
    try {
      await raw.collection("relationships").insertMany(Object.values(pairs));
      await raw
        .collection("people")
        .insertMany([
          person("UELW1", true),
          person("UMLW2", true),
          person("UMLW3", false),
          person("UELW3", false),
        ]);

      const db = await Database.connect(uri, clock);
      opened.push(db);

      const left = async (doc: { _id: Types.ObjectId }) =>
        (await db.relationships.findById(doc._id.toString()))?.leftWorkspace;
      expect(await left(pairs.menteeGone)).toEqual(["UELW1"]);
      expect(await left(pairs.mentorGone)).toEqual(["UMLW2"]);
      expect(await left(pairs.bothHere)).toEqual([]);
      expect(await left(pairs.endedWithTheGone)).toEqual(["UELW1"]);

      // Once: a pair written later without the mark (an older replica) is left to read people.
      const later = pair("UMLW4", "UELW4");
      await raw.collection("relationships").insertOne(later);
      opened.push(await Database.connect(uri, clock));
      expect(await left(later)).toBeUndefined();
    } finally {
      await raw.close();
    }
  });
});
