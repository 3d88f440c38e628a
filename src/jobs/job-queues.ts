import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { Clock } from "../clock.js";
import { bucketOf } from "../domain/due-index.js";
import type { JobEnqueuer, JobName, JobPayloads, JobRequest } from "../domain/jobs.js";
import type { Logger } from "../logger.js";
import { type OwedJob, type OwedJobs, owedInOutbox } from "./job-outbox.js";
import { jobIdFor, QUEUE_NAMES, QUEUE_OF, type QueueName } from "./registry.js";

/** Retries with exponential backoff: 1 s, 2 s, 4 s, … for Slack hiccups. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 6,
  backoff: { type: "exponential", delay: 1_000 },
  // Keep a day of finished jobs so a duplicate enqueue within that window is
  // a no-op in Redis too; the delivery ledger in MongoDB guards beyond it.
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

/** Where jobs owed in the outbox are written first (job-outbox.ts). */
export interface OutboxOptions {
  owed: OwedJobs;
  clock: Clock;
  logger: Logger;
}

type BulkEntry = { name: string; data: unknown; opts: { jobId: string } };

/**
 * The producer side of every queue in the registry. With an outbox, a job owed there is written
 * to MongoDB first and then added to Redis; when Redis refuses the add, the enqueue still
 * succeeds (the outbox sweep adds it later), so a caller never asks a person to try again for
 * work already promised.
 */
export class JobQueues implements JobEnqueuer {
  private readonly queues: Map<QueueName, Queue>;

  constructor(
    connection: Redis,
    prefix: string,
    private readonly outbox?: OutboxOptions,
  ) {
    this.queues = new Map(
      QUEUE_NAMES.map((name) => {
        const queue = new Queue(name, {
          connection,
          prefix,
          defaultJobOptions: DEFAULT_JOB_OPTIONS,
        });
        // Each queue re-emits its connection's errors, and BullMQ prints one nobody listens to
        // with console.error: a stack trace a queue at every reconnect, outside the JSON logs
        // and their redaction (a refused AUTH carries the password). The connection's owner
        // logs them once.
        queue.on("error", () => {});
        return [name, queue];
      }),
    );
  }

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N]): Promise<void> {
    await this.enqueueMany([{ name, payload } as JobRequest]);
  }

  async enqueueMany(jobs: readonly JobRequest[]): Promise<void> {
    const owed = this.outbox ? jobs.filter((job) => owedInOutbox(job.name)) : [];
    const now = this.outbox?.clock.now() ?? new Date();
    // Owed in MongoDB before Redis hears of it: a failure here reaches the caller, as before.
    await this.outbox?.owed.owe(
      owed.map((job) => ({
        id: jobIdFor(job.name, job.payload as never),
        name: job.name,
        payload: job.payload as Record<string, unknown>,
        dueBucket: bucketOf(now),
        createdAt: now,
      })),
    );
    const inOutbox = new Set<JobRequest>(owed);
    const batches = new Map<string, { queue: QueueName; owed: boolean; entries: BulkEntry[] }>();
    for (const job of jobs) {
      const queue = QUEUE_OF[job.name];
      const key = `${queue}|${inOutbox.has(job)}`;
      const batch = batches.get(key) ?? { queue, owed: inOutbox.has(job), entries: [] };
      batch.entries.push({
        name: job.name,
        data: job.payload,
        // Deterministic: a job already queued is not added twice.
        opts: { jobId: jobIdFor(job.name, job.payload as never) },
      });
      batches.set(key, batch);
    }
    await Promise.all(
      [...batches.values()].map(async ({ queue, owed, entries }) => {
        try {
          await this.add(queue, entries);
        } catch (err) {
          if (!owed || !this.outbox) throw err;
          this.outbox.logger.warn(
            { err, jobs: entries.map((e) => e.opts.jobId) },
            "could not queue jobs owed in the outbox; the outbox sweep will",
          );
        }
      }),
    );
  }

  /** Adds owed jobs again, as they were first enqueued (the outbox sweep). */
  async requeue(jobs: readonly OwedJob[]): Promise<void> {
    const byQueue = new Map<QueueName, BulkEntry[]>();
    for (const job of jobs) {
      const queue = QUEUE_OF[job.name];
      const entry = { name: job.name, data: job.payload, opts: { jobId: job.id } };
      byQueue.set(queue, [...(byQueue.get(queue) ?? []), entry]);
    }
    await Promise.all([...byQueue].map(([queue, entries]) => this.add(queue, entries)));
  }

  private async add(queue: QueueName, entries: BulkEntry[]): Promise<void> {
    const [only] = entries;
    if (entries.length === 1 && only) await this.queue(queue).add(only.name, only.data, only.opts);
    else await this.queue(queue).addBulk(entries);
  }

  /** BullMQ's state of each job ("unknown": Redis does not have it), all asked at once. */
  states(jobs: readonly Pick<OwedJob, "name" | "id">[]): Promise<string[]> {
    return Promise.all(jobs.map((job) => this.queue(QUEUE_OF[job.name]).getJobState(job.id)));
  }

  /**
   * Removes a job that failed for good at least `agoMs` ago (BullMQ's own time), so its id can be
   * added again; says whether it did. A younger one may still be having its failure recorded.
   */
  async removeFailedBefore(job: OwedJob, agoMs: number): Promise<boolean> {
    const found = await this.queue(QUEUE_OF[job.name]).getJob(job.id);
    if (!found?.finishedOn || Date.now() - found.finishedOn < agoMs) return false;
    await found.remove();
    return true;
  }

  async alreadyQueued(jobs: readonly JobRequest[]): Promise<boolean[]> {
    // All asked at once: one round trip's wait for a page.
    const states = await this.states(
      jobs.map((job) => ({ name: job.name, id: jobIdFor(job.name, job.payload as never) })),
    );
    return states.map((state) => state !== "unknown");
  }

  queue(name: QueueName): Queue {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`No queue named ${name}`);
    return queue;
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}
