import { type Job, UnrecoverableError, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "../logger.js";
import { type JobName, type JobPayloads, QUEUE_NAMES, QUEUE_OF } from "./registry.js";

export type JobHandler<N extends JobName> = (payload: JobPayloads[N], job: Job) => Promise<void>;
export type JobHandlers = { [N in JobName]: JobHandler<N> };

export interface WorkerOptions {
  connection: Redis;
  prefix: string;
  handlers: JobHandlers;
  logger: Logger;
  concurrency?: number;
}

/** Consumes every queue in the registry and routes each job to its handler by name. */
export class JobWorkers {
  private readonly workers: Worker[];

  constructor(private readonly options: WorkerOptions) {
    this.workers = QUEUE_NAMES.map(
      (queueName) =>
        new Worker(queueName, (job) => this.process(job), {
          connection: options.connection,
          prefix: options.prefix,
          concurrency: options.concurrency ?? 5,
          autorun: false,
        }),
    );
    for (const worker of this.workers) {
      worker.on("failed", (job, error) => {
        const final = !job || job.attemptsMade >= (job.opts.attempts ?? 1);
        options.logger[final ? "error" : "warn"](
          { job: job?.name, jobId: job?.id, attempts: job?.attemptsMade, err: error },
          final ? "job failed for good" : "job failed, will retry",
        );
      });
      worker.on("error", (error) => options.logger.error({ err: error }, "worker error"));
    }
  }

  start(): void {
    for (const worker of this.workers) void worker.run();
  }

  async waitUntilReady(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.waitUntilReady()));
  }

  /** Lets active jobs finish for up to `timeoutMs`, then stops hard. */
  async close(timeoutMs: number): Promise<void> {
    const graceful = Promise.all(this.workers.map((worker) => worker.close()));
    const timedOut = await Promise.race([
      graceful.then(() => false),
      new Promise<boolean>((resolve) => setTimeout(resolve, timeoutMs, true).unref()),
    ]);
    if (timedOut) {
      this.options.logger.warn({ timeoutMs }, "jobs still running at shutdown; forcing close");
      await Promise.all(this.workers.map((worker) => worker.close(true)));
    }
  }

  private async process(job: Job): Promise<void> {
    const name = job.name as JobName;
    const handler = this.options.handlers[name] as JobHandler<JobName> | undefined;
    if (!handler || QUEUE_OF[name] !== job.queueName) {
      throw new UnrecoverableError(`No handler for job ${job.name} on ${job.queueName}`);
    }
    await handler(job.data as JobPayloads[JobName], job);
  }
}
