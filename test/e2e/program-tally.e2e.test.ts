// Issue 9, the program report at scale: its numbers come from per-pair tallies kept as things
// happen, not from scanning the history. Real flows over HTTP move the tallies; a recount from the
// history gives the same tallies; a retried event counts once.
import { afterEach, describe, expect, it } from "vitest";
import type { PairTally } from "../../src/domain/program-tally.js";
import { buttonsIn, pairAsAdmin, say, sayFull } from "../support/mentor-commands.js";
import { notificationsDrained } from "../support/queue-drain.js";
import type { RecordedCall } from "../support/slack-double.js";
import { at, errorLogs, PEOPLE, sharedTestBot } from "../support/test-bot.js";

const bot = sharedTestBot();
afterEach(() => {
  expect(errorLogs(bot)).toEqual([]);
});

/** Sweeps until the pair's first check-in is due, then delivers it; returns the DM. */
async function firstCheckin(relationshipId: string): Promise<RecordedCall> {
  await bot.sweepNow();
  const due = (await bot.db.relationships.findById(relationshipId))?.nextCheckinAt;
  if (!due) throw new Error("no check-in planned");
  bot.clock.set(due);
  await bot.sweepNow();
  const dm = await bot.double.waitFor(
    "chat.postMessage",
    (c) => String(c.params.text).includes("Time for your check-in"),
    8000,
  );
  await notificationsDrained(bot);
  return dm;
}

async function clickOnTrack(dm: RecordedCall): Promise<void> {
  const button = buttonsIn(dm.params.blocks).find((b) => b.actionId === "checkin.on_track");
  const sent = await bot.slack.blockAction(PEOPLE.mentee, {
    actionId: "checkin.on_track",
    value: button?.value ?? "",
    blockId: `checkin_${button?.value}`,
    message: { ts: String(dm.response.ts), channelId: String(dm.response.channel) },
  });
  expect(sent.status).toBe(200);
  await bot.double.waitForResponse(sent.responseUrl);
}

/** The report's lines, as a reader sees them. */
async function programLines(): Promise<string[]> {
  const reply = await sayFull(bot, PEOPLE.admin, "program");
  const blocks = (reply.blocks ?? []) as Array<{ text?: { text: string } }>;
  return blocks.flatMap((b) => (b.text ? b.text.text.split("\n") : []));
}

const comparable = (tally: PairTally | undefined) => ({
  ...tally,
  lastActivityAt: tally?.lastActivityAt?.toISOString() ?? null,
});

describe("the program's tallies", () => {
  it("count what the pair does as it happens, and agree with a recount from the history", async () => {
    const rel = await pairAsAdmin(bot);
    await say(bot, PEOPLE.mentee, "milestone add Finish the AWS certification");
    await say(bot, PEOPLE.mentee, "milestone add Give a talk at the guild");
    expect(await say(bot, PEOPLE.mentee, "log 1 Booked the exam")).toContain("AWS");
    expect(await say(bot, PEOPLE.mentee, "done 2")).toContain("Give a talk");
    expect(
      await say(bot, PEOPLE.mentor, `intro ${at(PEOPLE.other)} Runs the speakers' guild`),
    ).toContain("I'm introducing");
    await clickOnTrack(await firstCheckin(rel));
    await notificationsDrained(bot);

    const report = (await programLines()).join("\n");
    expect(report).toContain("• Check-ins sent: 1 (+1)");
    expect(report).toContain("• Check-ins answered: 1 of 1, 100%");
    expect(report).toContain("• Sentiment: 100% On track, 0% Need help (of 1 answer)");
    expect(report).toContain("• Milestones reached: 1 (+1)");
    expect(report).toContain("• Introductions made: 1 (+1)");

    const live = (await bot.db.tallies.forPairs([rel])).get(rel);
    expect(live).toMatchObject({
      checkinsSent: 1,
      checkinsAnswered: 1,
      lastAnswerKind: "on_track",
    });
    await bot.db.rebuildTallies(bot.clock.now());
    const recounted = (await bot.db.tallies.forPairs([rel])).get(rel);
    expect(comparable(recounted)).toEqual(comparable(live));
  });

  it("count a retried event once", async () => {
    const rel = await pairAsAdmin(bot);
    const event = {
      kind: "checkin_sent" as const,
      sourceId: "a-checkin",
      relationshipId: rel,
      at: bot.clock.now(),
    };
    await bot.db.tallies.record(event);
    await Promise.all([bot.db.tallies.record(event), bot.db.tallies.record(event)]);
    expect((await bot.db.tallies.forPairs([rel])).get(rel)?.checkinsSent).toBe(1);
  });

  it("a progress note only moves the pair's last activity forward, however often it comes", async () => {
    const rel = await pairAsAdmin(bot);
    const later = bot.clock.now();
    const earlier = new Date(later.getTime() - 3_600_000);
    const note = (at: Date) => ({
      kind: "progress_logged" as const,
      sourceId: `a-milestone:log:${at.getTime()}`,
      relationshipId: rel,
      at,
    });
    const before = (await bot.db.tallies.forPairs([rel])).get(rel);
    await Promise.all([
      bot.db.tallies.record(note(later)),
      bot.db.tallies.record(note(later)),
      bot.db.tallies.record(note(earlier)),
    ]);
    const after = (await bot.db.tallies.forPairs([rel])).get(rel);
    expect(after?.lastActivityAt).toEqual(later);
    expect(after?.days).toEqual(before?.days ?? {});
  });
});
