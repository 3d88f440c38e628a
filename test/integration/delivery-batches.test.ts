// A worker's deliveries at once share their commands (group commits): the ledger's claims and
// marks, the check-ins' reads and saves. Each caller must still hear its own outcome, also when
// one of the batch did not match (its claim taken over, its check-in answered meanwhile).
import { afterAll, describe, expect, it } from "vitest";
import { Database } from "../../src/db/database.js";
import { testMongoUri, uniqueName } from "../support/isolation.js";

const db = await Database.connect(testMongoUri(uniqueName("delivery_batches")));
afterAll(() => db.close());

const now = new Date("2026-11-30T09:00:00Z");
const LEASE_MS = 60_000;
const receipt = (n: number) => ({ channel: `D${n}`, ts: `1700000000.${n}` });

describe("the delivery ledger, many at once", () => {
  it("claims 30 keys at once, once each; a second claim of each finds it taken", async () => {
    const keys = Array.from({ length: 30 }, (_, i) => `batch-claim:${i}`);
    const first = await Promise.all(keys.map((key) => db.deliveries.claim(key, now, LEASE_MS)));
    const again = await Promise.all(keys.map((key) => db.deliveries.claim(key, now, LEASE_MS)));

    expect(first.map((c) => c.outcome)).toEqual(keys.map(() => "claimed"));
    expect(again.map((c) => c.outcome)).toEqual(keys.map(() => "busy"));
  });

  it("records 20 sends at once, each its holder's; a holder whose claim was taken over hears false", async () => {
    const keys = Array.from({ length: 20 }, (_, i) => `batch-mark:${i}`);
    const claims = await Promise.all(keys.map((key) => db.deliveries.claim(key, now, LEASE_MS)));
    const tokens = claims.map((c) => (c.outcome === "claimed" ? c.token : ""));
    // Key 7's holder stalled past its lease: another took the claim over (and sent it).
    const later = new Date(now.getTime() + LEASE_MS + 1_000);
    const takeover = await db.deliveries.claim("batch-mark:7", later, LEASE_MS);
    expect(takeover).toMatchObject({ outcome: "claimed", since: now });

    const recorded = await Promise.all(
      keys.map((key, i) => db.deliveries.markSent(key, receipt(i), later, tokens[i])),
    );
    const newHolder =
      takeover.outcome === "claimed" &&
      (await db.deliveries.markSent("batch-mark:7", receipt(7), later, takeover.token));

    expect(recorded).toEqual(keys.map((_, i) => i !== 7));
    // Of key 7's two holders, only the one holding the claim now is its record (counted once).
    expect(newHolder).toBe(true);
    expect(await db.deliveries.receipt("batch-mark:3")).toEqual(receipt(3));
    expect(await db.deliveries.claim("batch-mark:3", later, LEASE_MS)).toEqual({ outcome: "sent" });
  });
});

describe("check-ins sent at once", () => {
  it("saves 12 as sent together; one answered meanwhile stays answered, and its sender hears so", async () => {
    const created = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        db.checkins.createForSlot({
          relationshipId: `batch-pair-${i}`,
          mentorId: `UMENTOR${i}`,
          menteeId: `UMENTEE${i}`,
          slot: "2026-11-30T09:00",
          scheduledFor: now,
          now,
        }),
      ),
    );
    const read = await Promise.all(created.map(({ checkin }) => db.checkins.findById(checkin.id)));
    const checkins = read.map((c) => c ?? expect.fail("a check-in was not read back"));
    // The mentee of the sixth pressed On track between its DM and this save.
    const answer = {
      kind: "on_track" as const,
      note: "",
      milestoneTitles: [],
      by: "UMENTEE5",
      at: now,
    };
    expect(await db.checkins.answer(checkins[5]?.id ?? "", answer)).not.toBeNull();

    const remindAt = new Date(now.getTime() + 24 * 3600_000);
    const saved = await Promise.all(
      checkins.map((checkin, i) =>
        db.checkins.saveSent(checkin, { sentAt: now, message: receipt(i), remindAt }),
      ),
    );

    expect(saved.map((s) => s?.status ?? null)).toEqual(
      checkins.map((_, i) => (i === 5 ? null : "sent")),
    );
    const stored = await Promise.all(checkins.map((c) => db.checkins.findById(c.id)));
    expect(stored.map((c) => c?.status)).toEqual(
      checkins.map((_, i) => (i === 5 ? "answered" : "sent")),
    );
    expect(stored[0]).toMatchObject({ sentAt: now, message: receipt(0), remindAt });
    expect(saved[0]).toEqual(stored[0]);
  });
});
