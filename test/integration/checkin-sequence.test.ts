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

describe("CheckinRepository.createForSlots (a sweep page)", () => {
  it("numbers after each pair's hint, answers a slot already there, and steps around a number taken meanwhile", async () => {
    const [fresh, repeated, overtaken, unknown] = ["a", "b", "c", "d"].map((n) =>
      uniqueName(n),
    ) as [string, string, string, string];
    const slot = "2026-11-30T15:00:00.000Z";
    const existing = await db.checkins.createForSlot(slotOf(repeated, slot));
    // `checkin now` took number 1 after the sweep read the hint 0.
    await db.checkins.createForSlot(slotOf(overtaken, "now:1"));
    await db.checkins.createForSlot(slotOf(unknown, "now:1"));
    await db.checkins.createForSlot(slotOf(unknown, "now:2"));

    const made = await db.checkins.createForSlots([
      { ...slotOf(fresh, slot), lastSequence: 0 },
      { ...slotOf(repeated, slot), lastSequence: 0 },
      { ...slotOf(overtaken, slot), lastSequence: 0 },
      { ...slotOf(unknown, slot), lastSequence: null },
    ]);

    expect(made.map((m) => [m.checkin.relationshipId, m.checkin.slot, m.created])).toEqual([
      [fresh, slot, true],
      [repeated, slot, false],
      [overtaken, slot, true],
      [unknown, slot, true],
    ]);
    expect(made[1]?.checkin.id).toBe(existing.checkin.id);
    expect(made.map((m) => m.checkin.sequence)).toEqual([1, 1, 2, 3]);
    const stored = await db.checkins.findById(made[0]?.checkin.id ?? "");
    expect(stored).toMatchObject({ status: "scheduled", scheduledFor: t0, sentAt: null });
  });

  it("creates a page of 500 in one go, each once, even when two sweeps send the same page", async () => {
    const slot = "2026-11-30T15:00:00.000Z";
    const page = Array.from({ length: 500 }, () => ({
      ...slotOf(uniqueName("rel"), slot),
      lastSequence: 0,
    }));

    const [a, b] = await Promise.all([
      db.checkins.createForSlots(page),
      db.checkins.createForSlots(page),
    ]);

    expect(a.filter((m) => m.created).length + b.filter((m) => m.created).length).toBe(500);
    a.forEach((m, i) => {
      expect(m.checkin.id).toBe(b[i]?.checkin.id);
      expect(m.checkin.relationshipId).toBe(page[i]?.relationshipId);
      expect(m.checkin.sequence).toBe(1);
    });
  });
});
