// Check-in numbers on the real MongoDB-wire server: a racing `checkin now` and sweep never share one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Database } from "../../src/db/database.js";
import { testMongoUri, uniqueName } from "../support/isolation.js";

let db: Database;
const t0 = new Date("2026-11-23T15:00:00Z");

beforeAll(async () => {
  db = await Database.connect(testMongoUri(uniqueName("seq")));
});
afterAll(async () => {
  await db?.close();
});

const slotOf = (relationshipId: string, slot: string) => ({
  relationshipId,
  mentorId: "UMENTOR1",
  menteeId: "UMENTEE1",
  slot,
  scheduledFor: t0,
  now: t0,
});

describe("CheckinRepository.createForSlot", () => {
  it("gives check-ins created at the same moment different numbers, 1 to n", async () => {
    const rel = uniqueName("rel");
    const slots = ["2026-11-23T15:00:00.000Z", "now:29400000", "now:29400001", "now:29400002"];
    const created = await Promise.all(
      slots.map((slot) => db.checkins.createForSlot(slotOf(rel, slot))),
    );
    expect(created.every((c) => c.created)).toBe(true);
    expect(created.map((c) => c.checkin.sequence).sort()).toEqual([1, 2, 3, 4]);
  });

  it("still answers a repeated slot with the check-in already there", async () => {
    const rel = uniqueName("rel");
    const [a, b] = await Promise.all([
      db.checkins.createForSlot(slotOf(rel, "now:1")),
      db.checkins.createForSlot(slotOf(rel, "now:1")),
    ]);
    expect(a?.checkin.id).toBe(b?.checkin.id);
    expect([a?.created, b?.created].sort()).toEqual([false, true]);
    expect((await db.checkins.createForSlot(slotOf(rel, "now:2"))).checkin.sequence).toBe(2);
  });
});
