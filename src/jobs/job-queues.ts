import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { JobEnqueuer, JobName, JobPayloads, JobRequest } from "../domain/jobs.js";
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

/** The producer side of every queue in the registry. */
export class JobQueues implements JobEnqueuer {
  private readonly queues: Map<QueueName, Queue>;

  constructor(connection: Redis, prefix: string) {
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
    await this.queue(QUEUE_OF[name]).add(name, payload, { jobId: jobIdFor(name, payload) });
  }

  async enqueueMany(jobs: readonly JobRequest[]): Promise<void> {
    const byQueue = new Map<
      QueueName,
      { name: string; data: unknown; opts: { jobId: string } }[]
    >();
    for (const job of jobs) {
      const queue = QUEUE_OF[job.name];
      const entry = {
        name: job.name,
        data: job.payload,
        // The same deterministic id as `enqueue`: a job already queued is not added twice.
        opts: { jobId: jobIdFor(job.name, job.payload as never) },
      };
      byQueue.set(queue, [...(byQueue.get(queue) ?? []), entry]);
    }
    await Promise.all([...byQueue].map(([queue, entries]) => this.queue(queue).addBulk(entries)));
  }

  async alreadyQueued(jobs: readonly JobRequest[]): Promise<boolean[]> {
    // All asked at once: one round trip's wait for a page.
    const states = await Promise.all(
      jobs.map((job) =>
        this.queue(QUEUE_OF[job.name]).getJobState(jobIdFor(job.name, job.payload as never)),
      ),
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
