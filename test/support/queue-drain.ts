import { Queue } from "bullmq";
import { Redis } from "ioredis";
import type { TestBot } from "./test-bot.js";

/** Waits until no notification job of the bot's queue prefix is waiting, delayed or running. */
export async function notificationsDrained(
  bot: { config: Pick<TestBot["config"], "redisUrl" | "queuePrefix"> },
  timeoutMs = 10_000,
): Promise<void> {
  const redis = new Redis(bot.config.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue("notifications", { connection: redis, prefix: bot.config.queuePrefix });
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const counts = await queue.getJobCounts("waiting", "delayed", "active", "prioritized");
      if (Object.values(counts).every((n) => n === 0)) return;
      if (Date.now() > deadline) throw new Error(`queue not drained: ${JSON.stringify(counts)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await queue.close();
    await redis.quit();
  }
}

/** Adds jobs straight to the notifications queue, under ids of the test's choosing (duplicates). */
export async function addNotificationJobs(
  bot: TestBot,
  jobs: Array<{ name: string; data: Record<string, string>; jobId: string }>,
): Promise<void> {
  const redis = new Redis(bot.config.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue("notifications", { connection: redis, prefix: bot.config.queuePrefix });
  try {
    await queue.addBulk(
      jobs.map(({ name, data, jobId }) => ({
        name,
        data,
        opts: { jobId, attempts: 6, backoff: { type: "exponential", delay: 500 } },
      })),
    );
  } finally {
    await queue.close();
    await redis.quit();
  }
}

/**
 * Removes the finished notification jobs, as BullMQ does a day after they end (the injected clock
 * moves BullMQ's own not): a job of a later week may then run again under the same id.
 */
export async function finishedNotificationsForgotten(bot: TestBot): Promise<void> {
  const redis = new Redis(bot.config.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue("notifications", { connection: redis, prefix: bot.config.queuePrefix });
  try {
    await queue.clean(0, 0, "completed");
  } finally {
    await queue.close();
    await redis.quit();
  }
}
