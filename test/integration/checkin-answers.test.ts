// Two answers to one check-in at the same moment (two presses of "On track"): exactly one
// counts. FerretDB's conditional updates are not atomic, so a unique insert decides.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Database } from "../../src/db/database.js";
import { testMongoUri, uniqueName } from "../support/isolation.js";

let database: Database;
beforeAll(async () => {
  database = await Database.connect(testMongoUri(uniqueName("answers")));
});
afterAll(async () => {
  await database?.close();
});

describe("CheckinRepository.answer", () => {
  const now = new Date("2026-11-30T04:30:00Z");
  /** A check-in of a pair of its own, scheduled for now. */
  const scheduledCheckin = async () =>
    (
      await database.checkins.createForSlot({
        relationshipId: uniqueName("rel"),
        mentorId: "UM1",
        menteeId: "UE1",
        slot: now.toISOString(),
        scheduledFor: now,
        now,
      })
    ).checkin;
  const answer = { kind: "on_track" as const, note: "", milestoneTitles: [], by: "UE1", at: now };

  it("lets exactly one of two simultaneous answers win", async () => {
    // A race shows up only sometimes: repeat it.
    for (let round = 0; round < 10; round++) {
      const checkin = await scheduledCheckin();
      await database.checkins.transition(checkin.id, ["scheduled"], "sent", { sentAt: now });

      const results = await Promise.all([
        database.checkins.answer(checkin.id, answer),
        database.checkins.answer(checkin.id, { ...answer, kind: "need_help" }),
      ]);
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.find(Boolean);
      expect((await database.checkins.findById(checkin.id))?.answer?.kind).toBe(
        winner?.answer?.kind,
      );
    }
  });

  it("a claim whose answer never came (its writer stopped) holds the check-in for a while only", async () => {
    const checkin = await scheduledCheckin();
    await database.checkins.transition(checkin.id, ["scheduled"], "sent", { sentAt: now });
    expect(await database.checkins.claimAnswer(checkin.id, now)).toBe(true);
    const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
    expect(await database.checkins.answer(checkin.id, { ...answer, at: later(1) })).toBeNull();
    const answered = await database.checkins.answer(checkin.id, { ...answer, at: later(11) });
    expect(answered?.answer?.at).toEqual(later(11));
    // An answer given is never let go.
    expect(await database.checkins.claimAnswer(checkin.id, later(60))).toBe(false);
  });

  it("leaves a check-in that could not be answered (skipped) without a mark", async () => {
    const checkin = await scheduledCheckin();
    await database.checkins.transition(checkin.id, ["scheduled"], "skipped");
    expect(await database.checkins.answer(checkin.id, answer)).toBeNull();
    await database.checkins.transition(checkin.id, ["skipped"], "sent");
    expect(await database.checkins.answer(checkin.id, answer)).not.toBeNull();
  });
});
