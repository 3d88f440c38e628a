// Start-up upgrades on a real MongoDB-wire server: run once across replicas and restarts, and
// run again when a start was killed or failed part-way (its claim was only a promise).
import mongoose from "mongoose";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { OneOffUpgrades } from "../../src/db/one-off-upgrades.js";
import { testMongoUri, uniqueName } from "../support/isolation.js";
import { TestClock } from "../support/test-clock.js";

const connection = await mongoose
  .createConnection(testMongoUri(uniqueName("one_off_upgrades")))
  .asPromise();
afterAll(() => connection.close());

const clock = new TestClock(new Date("2026-11-30T09:00:00Z"));
const LEASE_MS = 5 * 60_000;
/** A start: its own runner (a replica, or the same process started again). */
const start = () =>
  new OneOffUpgrades(connection, () => clock.now(), { leaseMs: LEASE_MS, heartbeatMs: 60_000 });

let key = "";
let runs = 0;
const upgrade = async () => {
  runs += 1;
};
beforeEach(() => {
  key = uniqueName("upgrade");
  runs = 0;
});

describe("one-off start-up upgrades", () => {
  it("run once, however many starts and replicas come after", async () => {
    const replicas = await Promise.all([1, 2, 3].map(() => start().runOnce(key, upgrade)));
    expect(replicas.filter(Boolean)).toHaveLength(1);
    expect(await start().runOnce(key, upgrade)).toBe(false);
    clock.advance(LEASE_MS * 10);
    expect(await start().runOnce(key, upgrade)).toBe(false);
    expect(runs).toBe(1);
  });

  it("run again at the next start when one failed part-way", async () => {
    await expect(
      start().runOnce(key, async () => {
        throw new Error("FerretDB went away");
      }),
    ).rejects.toThrow("went away");
    expect(await start().runOnce(key, upgrade)).toBe(true);
    expect(await start().runOnce(key, upgrade)).toBe(false);
    expect(runs).toBe(1);
  });

  it("are taken over once a killed start's claim goes stale, by one start only", async () => {
    // A start that claimed the upgrade and was killed: its claim stays, refreshed no more.
    let killed: () => void = () => undefined;
    void start().runOnce(key, () => new Promise<void>((resolve) => (killed = resolve)));
    await expect
      .poll(async () =>
        connection.collection("tally_marks").countDocuments({ _id: `once:${key}` as never }),
      )
      .toBe(1);
    expect(await start().runOnce(key, upgrade)).toBe(false); // still held: it may be working
    clock.advance(LEASE_MS + 1);
    const takers = await Promise.all([1, 2].map(() => start().runOnce(key, upgrade)));
    expect(takers.filter(Boolean)).toHaveLength(1);
    expect(runs).toBe(1);
    killed();
  });

  it("count a claim made before claims said whether they finished as done", async () => {
    await connection.collection("tally_marks").insertOne({ _id: `once:${key}` as never });
    clock.advance(LEASE_MS * 10);
    expect(await start().runOnce(key, upgrade)).toBe(false);
    expect(runs).toBe(0);
  });
});
