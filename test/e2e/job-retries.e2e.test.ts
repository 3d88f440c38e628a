// Jobs survive Slack hiccups (BullMQ retries with backoff) and racing replicas (two workers on
// one queue, plus duplicated jobs): each person is still introduced exactly once.
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { notificationsDrained } from "../support/queue-drain.js";
import { at, PEOPLE, type TestBot, TestBots } from "../support/test-bot.js";

const RETRY_TIMEOUT_MS = 8_000;
const bots = new TestBots();

const bot = (env: Record<string, string> = {}): Promise<TestBot> => bots.start(env);

afterEach(() => bots.release());
afterAll(() => bots.stopAll());

async function pair(b: TestBot, mentorId: string, menteeId: string): Promise<void> {
  const sent = await b.slack.command(PEOPLE.admin, `pair ${at(mentorId)} ${at(menteeId)}`);
  expect(sent.status).toBe(200);
  const reply = await b.double.waitForResponse(sent.responseUrl);
  expect(String(reply.text)).toContain("is now mentoring");
}

const dmTo = (b: TestBot, userId: string) =>
  b.double.waitFor(
    "chat.postMessage",
    (c) => !c.failed && c.params.channel === b.double.dmChannelId(userId),
    RETRY_TIMEOUT_MS,
  );

const drained = (b: TestBot) => notificationsDrained(b, RETRY_TIMEOUT_MS);

describe("job retries", () => {
  it("introduces both people exactly once after Slack answers 503", async () => {
    const b = await bot();
    b.double.failNext("chat.postMessage", { status: 503 }, 1);

    await pair(b, PEOPLE.mentor, PEOPLE.mentee);
    await Promise.all([dmTo(b, PEOPLE.mentor), dmTo(b, PEOPLE.mentee)]);
    await drained(b);

    expect(b.double.calls("chat.postMessage").filter((c) => c.failed)).toHaveLength(1);
    expect(b.double.dmsTo(PEOPLE.mentor)).toHaveLength(1);
    expect(b.double.dmsTo(PEOPLE.mentee)).toHaveLength(1);
    const failedOnce = b.logs.filter((line) => line.msg === "job failed, will retry");
    expect(failedOnce).toHaveLength(1);
  });
});

describe("two workers on one queue", () => {
  it("introduces each person exactly once, even with duplicated jobs", async () => {
    const one = await bot();
    const two = await bot({
      MONGODB_URI: one.config.mongodbUri,
      QUEUE_PREFIX: one.config.queuePrefix,
      SLACK_API_URL: one.double.apiUrl,
    });
    expect(two.config.mongodbUri).toBe(one.config.mongodbUri);
    expect(two.config.queuePrefix).toBe(one.config.queuePrefix);

    // Several pairs, so both workers have jobs to race for.
    const extra = ["UPAIRA01", "UPAIRB01", "UPAIRA02", "UPAIRB02", "UPAIRA03", "UPAIRB03"];
    for (const id of extra) one.double.addUser({ id, name: id.toLowerCase() });
    const pairs: Array<[string, string]> = [
      [PEOPLE.mentor, PEOPLE.mentee],
      ["UPAIRA01", "UPAIRB01"],
      ["UPAIRA02", "UPAIRB02"],
      ["UPAIRA03", "UPAIRB03"],
    ];
    await Promise.all(pairs.map(([mentorId, menteeId]) => pair(one, mentorId, menteeId)));

    // Duplicated jobs (other ids, same work) land while the originals run: the delivery
    // ledger, not BullMQ's job id, must stop second introductions while workers race.
    const redis = new Redis(one.config.redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue("notifications", { connection: redis, prefix: one.config.queuePrefix });
    try {
      const relationships = await Promise.all(
        pairs.map(([mentorId, menteeId]) =>
          one.db.relationships.findOpenBetween(mentorId, menteeId),
        ),
      );
      await queue.addBulk(
        relationships.flatMap((r, i) =>
          [1, 2].map((copy) => ({
            name: "pairing.introduce",
            data: { relationshipId: r?.id ?? "" },
            opts: { jobId: `duplicate-${i}-${copy}`, attempts: 6, backoff: 500 },
          })),
        ),
      );
    } finally {
      await queue.close();
      await redis.quit();
    }

    const everyone = pairs.flat();
    await Promise.all(everyone.map((id) => dmTo(one, id)));
    await drained(one);

    for (const id of everyone) expect(one.double.dmsTo(id), id).toHaveLength(1);
    expect(two.double.calls("chat.postMessage")).toEqual([]);
  });
});
