// A rolling upgrade: a replica of the version before the due index still runs for a while and
// writes pairs without a due bucket. No sweep finds such a pair, so the hourly housekeeping
// gives it one, and its check-ins are planned from then on.
import mongoose, { Types } from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOOK_NOW } from "../../src/domain/due-index.js";
import { pairAsAdmin } from "../support/mentor-commands.js";
import { startTestBot, type TestBot } from "../support/test-bot.js";

let bot: TestBot;
let raw: mongoose.Connection;
beforeAll(async () => {
  bot = await startTestBot();
  raw = await mongoose.createConnection(bot.config.mongodbUri).asPromise();
});
afterAll(async () => {
  await raw?.close();
  await bot?.stop();
});

describe("the due index after a rolling upgrade", () => {
  it("a pair an old replica wrote without a bucket is planned once the housekeeping ran", async () => {
    const rel = await pairAsAdmin(bot);
    // What the old version writes: the pair as it was, without `dueBucket`.
    const relationships = raw.collection("relationships");
    await relationships.updateOne(
      { _id: new Types.ObjectId(rel) },
      { $unset: { dueBucket: "" }, $set: { nextCheckinAt: null } },
    );

    await bot.sweepNow();
    expect((await bot.db.relationships.findById(rel))?.nextCheckinAt).toBeNull();

    await bot.purgeNow();
    const repaired = await relationships.findOne({ _id: new Types.ObjectId(rel) });
    expect(repaired?.dueBucket).toBe(LOOK_NOW);
    expect(bot.logs.some((l) => l.msg === "pairs without a due bucket were given one")).toBe(true);

    await bot.sweepNow();
    const planned = await bot.db.relationships.findById(rel);
    expect(planned?.nextCheckinAt?.getTime()).toBeGreaterThan(bot.clock.now().getTime());
  });
});

describe("a one-off upgrade a killed start left unfinished", () => {
  it("is finished by the hourly housekeeping once its claim's lease ran out", async () => {
    const [MENTOR, MENTEE] = ["UUPGMENT1", "UUPGMENT2"];
    bot.double.addUser({ id: MENTOR, name: "uma", realName: "Uma Up", tz: "Europe/London" });
    bot.double.addUser({ id: MENTEE, name: "ugo", realName: "Ugo Up", tz: "Europe/London" });
    const rel = await pairAsAdmin(bot, MENTOR, MENTEE);
    const relationships = raw.collection("relationships");
    // A start that claimed the upgrade and was killed before it filled this pair; the process
    // came back at once, within the claim's lease, so its own start skipped the upgrade.
    await relationships.updateOne(
      { _id: new Types.ObjectId(rel) },
      { $unset: { leftWorkspace: "" } },
    );
    await raw
      .collection<{ _id: string }>("tally_marks")
      .updateOne(
        { _id: "once:left-workspace-v1" },
        { $set: { state: "running", attempt: 1, claimedAt: bot.clock.now() } },
      );

    bot.clock.advance(60_000); // its heartbeat is still fresh: it may be working
    await bot.purgeNow();
    expect((await relationships.findOne({ _id: new Types.ObjectId(rel) }))?.leftWorkspace).toBe(
      undefined,
    );

    bot.clock.advance(5 * 60_000);
    await bot.purgeNow();
    expect((await relationships.findOne({ _id: new Types.ObjectId(rel) }))?.leftWorkspace).toEqual(
      [],
    );
    const claim = await raw
      .collection<{ _id: string; state?: string }>("tally_marks")
      .findOne({ _id: "once:left-workspace-v1" });
    expect(claim?.state).toBe("done");
  });
});
