import { describe, expect, it } from "vitest";
import { ProgramSeed } from "../support/program-seed.js";
import { at, PEOPLE, sharedTestBot } from "../support/test-bot.js";

const bot = sharedTestBot();

async function mentor(userId: string, text: string): Promise<string> {
  const sent = await bot.slack.command(userId, text);
  return String((await bot.double.waitForResponse(sent.responseUrl)).text);
}

async function waitUntil<T>(
  probe: () => Promise<T | null | undefined>,
  timeoutMs = 5_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("work that fails for good", () => {
  it("is not retried when Slack refuses for good, and admins can see why", async () => {
    bot.double.failNext("chat.postMessage", { error: "channel_not_found" }, 1);
    await mentor(PEOPLE.admin, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`);

    const [failure] = await waitUntil(async () => {
      const found = await bot.db.failedJobs.latest(5);
      return found.length ? found : null;
    });
    expect(failure).toMatchObject({
      name: "pairing.introduce",
      reason: "Slack refused: channel_not_found",
      attempts: 1,
    });
    // One attempt only: a platform refusal would say the same on every retry.
    expect(bot.double.calls("chat.postMessage")).toHaveLength(1);

    // Who missed out, on what, and what to do: no job names, no raw error codes.
    const report = await mentor(PEOPLE.admin, "failures");
    expect(report).toContain("the introduction DMs of a new pair");
    expect(report).toContain(`<@${PEOPLE.mentee}> and <@${PEOPLE.mentor}>`);
    expect(report).toContain("If they left the workspace, nothing needs doing");
    expect(report).not.toContain("pairing.introduce");
    expect(report).not.toContain("channel_not_found");
  });

  it("tells the bot's own periodic work apart from messages, and a check-in's mentee from its mentor", async () => {
    const seed = new ProgramSeed(bot.db, bot.clock.now());
    const pair = await seed.pair(PEOPLE.mentor, PEOPLE.mentee);
    const checkinId = await seed.checkin(pair, 1, "sent");
    const failed = (name: string, data: Record<string, unknown>) =>
      bot.db.failedJobs.record({
        queue: "q",
        name,
        jobId: `${name}|1`,
        data,
        reason: "Error: boom",
        attempts: 1,
        failedAt: bot.clock.now(),
      });
    await failed("schedule.sweep", { reason: "schedule" });
    await failed("checkins.send", { checkinId });

    const report = await mentor(PEOPLE.admin, "failures");
    expect(report).toContain("*Work that failed*");
    const lines = report.split("\n");
    const sweep = lines.find((l) => l.includes("sweep")) ?? "";
    expect(sweep).toContain(
      "the periodic sweep that sends check-ins, reminders and feedback failed: something went wrong on my side (the details are in the logs). It runs again on its own.",
    );
    expect(sweep).not.toContain("wasn't delivered");
    expect(sweep).not.toContain("Ask them");
    const checkin = lines.find((l) => l.includes("a check-in")) ?? "";
    expect(checkin).toContain(`a check-in for <@${PEOPLE.mentee}> wasn't delivered`);
    expect(checkin).not.toContain(PEOPLE.mentor);
    expect(checkin).not.toContain("Ask them");
  });

  it("shows the failure list to program admins only", async () => {
    expect(await mentor(PEOPLE.mentee, "failures")).toBe("Only program admins can do that.");
    expect(await mentor(PEOPLE.admin, "failures")).toContain("No failed work");
  });
});
