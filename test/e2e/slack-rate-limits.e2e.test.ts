// Issue 11: Slack's 429 slows only the method (for chat.postMessage, the channel) that got it.
// The job that hit it is delayed, not failed; check-ins for other people keep flowing.
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pairAsAdmin, say, waitForDm } from "../support/mentor-commands.js";
import { notificationsDrained } from "../support/queue-drain.js";
import { PEOPLE, startTestBot, type TestBot } from "../support/test-bot.js";

const MENTOR_B = "UPAIRA01";
const MENTEE_B = "UPAIRB01";

let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot();
  bot.double.addUser({ id: MENTOR_B, name: "bea", realName: "Bea Mentor" });
  bot.double.addUser({ id: MENTEE_B, name: "bo", realName: "Bo Mentee" });
});
afterAll(async () => {
  await bot.stop();
});

async function notificationCounts(): Promise<Record<string, number>> {
  const redis = new Redis(bot.config.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue("notifications", { connection: redis, prefix: bot.config.queuePrefix });
  try {
    return await queue.getJobCounts("delayed", "failed", "completed");
  } finally {
    await queue.close();
    await redis.quit();
  }
}

const checkinDmsTo = (userId: string) =>
  bot.double.dmsTo(userId).filter((c) => String(c.params.text).includes("Time for your check-in"));

describe("a 429 from Slack", () => {
  it("delays only the job that got it; another mentee's check-in still arrives", async () => {
    await pairAsAdmin(bot, PEOPLE.mentor, PEOPLE.mentee);
    await pairAsAdmin(bot, MENTOR_B, MENTEE_B);
    await notificationsDrained(bot);

    // The first mentee's check-in is answered with a long Retry-After.
    bot.double.failNext("chat.postMessage", { status: 429, retryAfterSeconds: 60 });
    expect(await say(bot, PEOPLE.mentee, "checkin now")).toContain("check-in right now");
    await bot.double.waitFor("chat.postMessage", (c) => c.failed?.status === 429);

    // Another mentee's check-in goes out while the first one waits.
    expect(await say(bot, MENTEE_B, "checkin now")).toContain("check-in right now");
    await waitForDm(bot, MENTEE_B, "Time for your check-in");

    expect(checkinDmsTo(PEOPLE.mentee)).toEqual([]);
    const counts = await notificationCounts();
    expect(counts.delayed).toBe(1);
    expect(counts.failed).toBe(0);
    expect(bot.logs.filter((l) => String(l.msg).startsWith("job failed"))).toEqual([]);
    expect(bot.logs.find((l) => l.msg === "Slack rate limit: job delayed")).toMatchObject({
      job: "checkins.send",
      method: `chat.postMessage:${bot.double.dmChannelId(PEOPLE.mentee)}`,
    });
    // Slack was not asked again for the held channel.
    const toHeld = bot.double
      .calls("chat.postMessage")
      .filter((c) => c.params.channel === bot.double.dmChannelId(PEOPLE.mentee));
    expect(toHeld.filter((c) => String(c.params.text).includes("check-in"))).toHaveLength(1);
  });
});
