import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { DelayedError, type Job, UnrecoverableError, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { systemClock } from "../clock.js";
import { DeliveryInProgressError } from "../domain/delivery-ledger.js";
import type { FailedJob } from "../domain/failed-work.js";
import type { JobName, JobPayloads } from "../domain/jobs.js";
import type { Logger } from "../logger.js";
import { SlackMethodBusyError } from "../slack/paced-web-client.js";
import { permanentSlackError } from "../slack/slack-errors.js";
import { type OwedJobs, owedInOutbox } from "./job-outbox.js";
import { QUEUE_CONCURRENCY, QUEUE_NAMES, QUEUE_OF, type QueueName } from "./registry.js";

/** Tries at clearing the owed document of a job whose failure was recorded, a pause between. */
const CLEAR_TRIES = 3;
const CLEAR_PAUSE_MS = 250;

/** `attempt` until it succeeds, `tries` times at most; the last error if none did. */
async function settledWithin(tries: number, attempt: () => Promise<unknown>): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      await attempt();
      return;
    } catch (error) {
      if (i >= tries) throw error;
      await sleep(CLEAR_PAUSE_MS * i);
    }
  }
}

export type JobHandler<N extends JobName> = (payload: JobPayloads[N], job: Job) => Promise<void>;
export type JobHandlers = { [N in JobName]: JobHandler<N> };

/** What a job that failed for good is recorded as; the recorder adds when. */
export type FinalFailure = Omit<FailedJob, "failedAt">;

export interface WorkerOptions {
  connection: Redis;
  prefix: string;
  handlers: JobHandlers;
  logger: Logger;
  /** Jobs run at once per queue; by default each queue's QUEUE_CONCURRENCY. */
  concurrency?: number;
  /** Called once a job has used up its attempts: record it where admins can see it. */
  onFinalFailure?: (failure: FinalFailure) => Promise<void>;
  /** Called after every attempt with how it ended and how long it ran (metrics). */
  onAttempt?: (name: string, outcome: "completed" | "retried" | "failed", seconds: number) => void;
  /** The outbox of owed jobs (job-outbox.ts): a job owed there leaves it once done with. */
  outbox?: Pick<OwedJobs, "paid">;
}

/** How soon a job finding its delivery claimed elsewhere looks again. */
const BUSY_RECHECK_MS = 2_000;

/** BullMQ's words when a job's keys or lock vanished from Redis under it. */
const REDIS_LOST_KEYS =
  /^(Missing key for job|Missing lock for job|could not renew lock for job|Lock mismatch for job)/;
const EXPLAIN_EVERY_MS = 10 * 60_000;

/** Consumes every queue in the registry and routes each job to its handler by name. */
export class JobWorkers {
  private readonly workers: Worker[];

  constructor(private readonly options: WorkerOptions) {
    this.workers = QUEUE_NAMES.map((queueName) => this.createWorker(queueName));
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

  private createWorker(queueName: QueueName): Worker {
    const { connection, prefix, logger } = this.options;
    const worker: Worker = new Worker(
      queueName,
      this.timed(async (job, token) => {
        try {
          await this.process(job);
        } catch (error) {
          if (error instanceof DeliveryInProgressError && token) {
            // Another worker holds the claim: look again shortly (its holder is usually done
            // within a second) and keep doing so until the lease ends, never using an attempt:
            // a lease outlasts the whole backoff budget.
            const wait = Math.min(error.retryInMs, BUSY_RECHECK_MS);
            await job.moveToDelayed(systemClock.now().getTime() + wait, token);
            throw new DelayedError();
          }
          const permanent = permanentSlackError(error);
          if (permanent) throw new UnrecoverableError(`Slack refused: ${permanent}`);
          if (!(error instanceof SlackMethodBusyError)) throw error;
          // Slack's 429 holds one method (PacedWebClient): only this job waits it
          // out, delayed rather than failed, so it uses up no attempt.
          logger.warn(
            { job: job.name, method: error.key, waitMs: error.waitMs },
            "Slack rate limit: job delayed",
          );
          await job.moveToDelayed(systemClock.now().getTime() + error.waitMs, token);
          throw new DelayedError();
        }
      }),
      {
        connection,
        prefix,
        concurrency: this.options.concurrency ?? QUEUE_CONCURRENCY[queueName],
        autorun: false,
      },
    );
    worker.on("failed", (job, error) => {
      const final =
        !job || job.attemptsMade >= (job.opts.attempts ?? 1) || error instanceof UnrecoverableError;
      logger[final ? "error" : "warn"](
        { job: job?.name, jobId: job?.id, attempts: job?.attemptsMade, err: error },
        final ? "job failed for good" : "job failed, will retry",
      );
      if (final && job) {
        void Promise.resolve(
          this.options.onFinalFailure?.({
            queue: queueName,
            name: job.name,
            jobId: job.id ?? "",
            data: job.data,
            reason: error.message,
            attempts: job.attemptsMade,
          }),
        )
          .then(
            () => true,
            (err) => {
              logger.error({ err }, "could not record a failed job");
              return false;
            },
          )
          .then((recorded) => this.afterFinalFailure(job, error, recorded));
      }
    });
    worker.on("error", (error) => this.logWorkerError(error));
    return worker;
  }

  /** Wraps a processor to report each attempt's outcome and duration. */
  private timed(
    processor: (job: Job, token?: string) => Promise<void>,
  ): (job: Job, token?: string) => Promise<void> {
    return async (job, token) => {
      const started = performance.now();
      let outcome: "completed" | "retried" | "failed" = "completed";
      try {
        await processor(job, token);
      } catch (error) {
        // attemptsMade counts the attempts that failed before this one.
        const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        const final =
          error instanceof UnrecoverableError || (lastAttempt && !(error instanceof DelayedError));
        outcome = final ? "failed" : "retried";
        throw error;
      } finally {
        this.options.onAttempt?.(job.name, outcome, (performance.now() - started) / 1000);
      }
    };
  }

  /**
   * A job owed in the outbox leaves it once its failure is recorded (admins see it in
   * `/mentor failures`; a job failing for good is not run again and again). One whose failure
   * could not be recorded stays owed, and leaves Redis even if Slack refused it: the outbox
   * sweep runs it again later, when the failure can be recorded.
   */
  private async afterFinalFailure(job: Job, error: Error, recorded: boolean): Promise<void> {
    const { outbox, logger } = this.options;
    if (!outbox || !owedInOutbox(job.name) || !job.id) return this.freeJobId(job, error);
    if (!recorded) {
      await job.remove().catch((err) => logger.warn({ err, jobId: job.id }, "could not remove"));
      return;
    }
    // Its failure is recorded: should the document stay, the outbox sweep would run it again
    // (failed and owed reads as "not recorded") and record it twice. A blip gets more tries.
    const id = job.id;
    await settledWithin(CLEAR_TRIES, () => outbox.paid([id])).catch((err) =>
      logger.warn({ err, jobId: id }, "could not clear an owed job"),
    );
    await this.freeJobId(job, error);
  }

  /**
   * Job ids are deterministic, and a failed job keeps its id for 7 days, so the sweep could not
   * enqueue that work again. Once recorded in MongoDB, a job that ran out of attempts leaves
   * Redis and the next sweep brings it back. One Slack refused for good stays: Slack would
   * refuse it again on every sweep.
   */
  private async freeJobId(job: Job, error: Error): Promise<void> {
    if (error instanceof UnrecoverableError) return;
    await job.remove().catch((err) => {
      this.options.logger.warn({ err, jobId: job.id }, "could not remove a failed job");
    });
  }

  private lastExplained = 0;

  /** After Redis lost BullMQ's keys (FLUSHALL, eviction) these are expected, not errors. */
  private logWorkerError(error: Error): void {
    const { logger } = this.options;
    if (!REDIS_LOST_KEYS.test(error.message)) {
      logger.error({ err: error }, "worker error");
      return;
    }
    const now = systemClock.now().getTime();
    if (now - this.lastExplained > EXPLAIN_EVERY_MS) {
      this.lastExplained = now;
      logger.warn(
        "Redis lost BullMQ's keys (FLUSHALL, eviction or a failover?): running jobs finish, " +
          "and the next sweep rebuilds the work from MongoDB",
      );
    }
    logger.warn({ err: error }, "worker: job keys missing in Redis");
  }

  private async process(job: Job): Promise<void> {
    const name = job.name as JobName;
    const handler = this.options.handlers[name] as JobHandler<JobName> | undefined;
    if (!handler || QUEUE_OF[name] !== job.queueName) {
      throw new UnrecoverableError(`No handler for job ${job.name} on ${job.queueName}`);
    }
    await handler(job.data as JobPayloads[JobName], job);
    const { outbox, logger } = this.options;
    if (outbox && job.id && owedInOutbox(name)) {
      // Not owed any more. Should this fail, the outbox sweep finds the job completed.
      await outbox
        .paid([job.id])
        .catch((err) => logger.warn({ err, jobId: job.id }, "could not clear an owed job"));
    }
  }
}
