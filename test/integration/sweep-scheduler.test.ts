// The periodic jobs' BullMQ schedulers on a real Redis: an interval keeps one, 0 turns it off.
import { Redis } from "ioredis";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { JobQueues } from "../../src/jobs/job-queues.js";
import { SweepScheduler } from "../../src/jobs/sweep-scheduler.js";
import { createLogger } from "../../src/logger.js";
import { testRedisUrl, uniqueName } from "../support/isolation.js";

const logger = createLogger("silent");

describe("SweepScheduler", () => {
  let redis: Redis;
  let prefix: string;
  const opened: JobQueues[] = [];
  /** A worker's queues at start-up: each start opens its own, on the same prefix. */
  const queuesOnPrefix = () => {
    const queues = new JobQueues(redis, prefix);
    opened.push(queues);
    return queues;
  };
  const scheduled = async () =>
    (await queuesOnPrefix().queue("scheduler").getJobSchedulers()).map((s) => [s.key, s.every]);

  beforeEach(() => {
    redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 });
    prefix = uniqueName("q");
  });
  afterEach(async () => {
    await opened[0]?.queue("scheduler").obliterate({ force: true });
    for (const queues of opened.splice(0)) await queues.close();
    await redis.quit();
  });

  it("keeps the scheduler at its interval, and removes it when restarted with 0 (off)", async () => {
    const first = new SweepScheduler(queuesOnPrefix(), 60_000, logger);
    await first.start();
    first.stop();
    expect(await scheduled()).toEqual([["schedule-sweep", 60_000]]);

    const off = new SweepScheduler(queuesOnPrefix(), 0, logger);
    await off.start();
    off.stop();
    expect(await scheduled()).toEqual([]);
  });
});
