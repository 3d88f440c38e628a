// Bulk writes of a real size on a real MongoDB-wire server: a users.list page of 200 profiles,
// and a tally rebuild page of 500. FerretDB 1.24 never answers one update command of about
// 100 statements or more, so these hang unless the writes go in smaller commands.
import { afterAll, describe, expect, it } from "vitest";
import { Database } from "../../src/db/database.js";
import type { PairTally } from "../../src/domain/program-tally.js";
import { testMongoUri, uniqueName } from "../support/isolation.js";

const db = await Database.connect(testMongoUri(uniqueName("bulk_writes")));
afterAll(() => db.close());

describe("bulk writes", () => {
  it("stores a whole users.list page of 200 profiles, and updates them all again", async () => {
    const people = Array.from({ length: 200 }, (_, i) => ({
      slackUserId: `UBULK${String(i).padStart(4, "0")}`,
      displayName: `person ${i}`,
      realName: `Person ${i}`,
      timezone: "Europe/Berlin",
      isBot: false,
      deleted: false,
      refreshedAt: new Date("2026-11-28T12:00:00Z"),
    }));
    await db.people.upsertMany(people);
    await db.people.upsertMany(people.map((p) => ({ ...p, timezone: "Asia/Tokyo" })));

    const stored = await db.people.findMany(people.map((p) => p.slackUserId));
    expect(stored).toHaveLength(200);
    expect(new Set(stored.map((p) => p.timezone))).toEqual(new Set(["Asia/Tokyo"]));
  });

  it("replaces 600 pair tallies from a rebuild", async () => {
    const tallies: PairTally[] = Array.from({ length: 600 }, (_, i) => ({
      relationshipId: `bulk-${i}`,
      days: {},
      checkinsSent: i,
      checkinsAnswered: 0,
      lastAnswerKind: null,
      missedStreak: 0,
      lastActivityAt: null,
    }));
    expect(await db.tallies.replaceAll(tallies)).toBe(600);

    const some = await db.tallies.forPairs(["bulk-0", "bulk-599"]);
    expect(some.get("bulk-599")?.checkinsSent).toBe(599);
  });

  it("counts 120 check-ins sent at once, 3 to a pair, as 3 each: never one more, never one less", async () => {
    const at = new Date("2026-11-28T12:00:00Z");
    const pairs = Array.from({ length: 40 }, (_, i) => `sent-at-once-${i}`);
    // Each pair's first three counts race to create its tally: the losers' upserts are refused
    // by `_id` and go again; the rest of their command is not written twice.
    await Promise.all(
      pairs.flatMap((relationshipId) =>
        [1, 2, 3].map((n) =>
          db.tallies.recordFirst({
            kind: "checkin_sent",
            sourceId: `${relationshipId}:${n}`,
            relationshipId,
            at,
          }),
        ),
      ),
    );
    const counted = await db.tallies.forPairs(pairs);
    expect(pairs.map((id) => counted.get(id)?.checkinsSent)).toEqual(pairs.map(() => 3));
    expect(pairs.map((id) => counted.get(id)?.days["2026-11-28"]?.checkinsSent)).toEqual(
      pairs.map(() => 3),
    );
  });
});
