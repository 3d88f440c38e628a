// JobWorkers on a real Redis: a busy delivery claim waits out its lease without using an
// attempt, work that failed for good can be enqueued again, and lost Redis keys are warnings.
import { Writable } from "node:stream";
import { Job } from "bullmq";
import { Redis } from "ioredis";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DeliveryInProgressError } from "../../src/domain/delivery-ledger.js";
import { JobQueues } from "../../src/jobs/job-queues.js";
import { type JobHandlers, JobWorkers } from "../../src/jobs/job-workers.js";
import { jobIdFor, QUEUE_OF } from "../../src/jobs/registry.js";
import { createLogger } from "../../src/logger.js";
import { testRedisUrl, uniqueName } from "../support/isolation.js";
import type { LogRecord } from "../support/test-bot.js";

let redis: Redis;
let prefix: string;
let queues: JobQueues;
let workers: JobWorkers | undefined;
let logs: LogRecord[];

beforeEach(() => {
  redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  prefix = uniqueName("jw");
  queues = new JobQueues(redis, prefix);
  logs = [];
});
afterEach(async () => {
  await workers?.close(2_000);
  workers = undefined;
  await queues.queue("notifications").obliterate({ force: true });
  await queues.close();
  await redis.quit();
});

function start(introduce: JobHandlers["pairing.introduce"], failures: string[] = []): void {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  // Every other job does nothing; the registry's names, so a new job needs no edit here.
  const noops = Object.fromEntries(
    Object.keys(QUEUE_OF).map((name) => [name, async () => {}]),
  ) as unknown as JobHandlers;
  workers = new JobWorkers({
    connection: redis,
    prefix,
    logger: createLogger("info", sink),
    handlers: { ...noops, "pairing.introduce": introduce },
    onFinalFailure: async (failure) => {
      failures.push(failure.jobId);
    },
  });
  workers.start();
}

async function until<T>(probe: () => Promise<T | undefined | null | false>): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const payload = { relationshipId: "r-1" };
const jobId = jobIdFor("pairing.introduce", payload);

describe("JobWorkers", () => {
  it("keeps a job whose delivery is claimed elsewhere waiting without using its attempts", async () => {
    let busy = 2;
    start(async () => {
      if (busy-- > 0) throw new DeliveryInProgressError("pairing.intro:r-1", 60_000);
    });
    // A single attempt: a busy claim that used one would fail the job for good.
    const queue = queues.queue("notifications");
    await queue.add("pairing.introduce", payload, { jobId, attempts: 1 });

    const delayed = await until(async () => {
      const found = await Job.fromId(queue, jobId);
      return (await found?.getState()) === "delayed" && found;
    });
    expect(delayed.attemptsMade).toBe(0);
    // Once the holder is done, the job completes; it never failed.
    const done = await until(async () => {
      const found = await Job.fromId(queue, jobId);
      return (await found?.isCompleted()) && found;
    });
    expect(done.failedReason).toBeUndefined();
  });

  it("lets the sweep enqueue again a job that used up its attempts", async () => {
    let runs = 0;
    const failures: string[] = [];
    start(async () => {
      runs += 1;
      if (runs === 1) throw new Error("MongoDB is away");
    }, failures);
    // One attempt, so it fails for good at once (the default is six over half a minute).
    await queues.queue("notifications").add("pairing.introduce", payload, { jobId, attempts: 1 });
    await until(async () => failures.length === 1);
    const queue = queues.queue("notifications");
    await until(async () => (await Job.fromId(queue, jobId)) === undefined);

    // What the sweep does: the same deterministic id again.
    await queues.enqueue("pairing.introduce", payload);
    await until(async () => runs === 2);
    await until(async () => (await Job.fromId(queue, jobId))?.isCompleted());
  });

  it("logs a job whose Redis keys vanished mid-run as a warning with one explaining line", async () => {
    let finish = () => {};
    let started = false;
    start(async () => {
      started = true;
      await new Promise<void>((resolve) => {
        finish = resolve;
      });
    });
    await queues.enqueue("pairing.introduce", payload);
    await until(async () => started);
    // A FLUSHALL of this queue's keys only (other test files share this Redis).
    const keys = await redis.keys(`${prefix}:*`);
    await redis.del(...keys);
    finish();

    await until(async () =>
      logs.some((l) => String(l.err && JSON.stringify(l.err)).includes("Missing")),
    );
    expect(logs.filter((l) => l.level >= 50)).toEqual([]);
    const explained = logs.filter((l) => l.msg.includes("Redis lost BullMQ's keys"));
    expect(explained).toHaveLength(1);
    expect(explained[0]?.level).toBe(40);
  });
});
