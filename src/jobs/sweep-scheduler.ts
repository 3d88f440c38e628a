import type { JobsOptions } from "bullmq";
import type { Logger } from "../logger.js";
import type { JobQueues } from "./job-queues.js";

/** A periodic job on the scheduler queue: its BullMQ scheduler id and the job it runs. */
export interface PeriodicJob {
  id: string;
  name: "schedule.sweep" | "retention.purge" | "people.refresh";
  /** Retries of a failed run; by default the queue's (DEFAULT_JOB_OPTIONS: 6 attempts, from 1 s). */
  retry?: Pick<JobsOptions, "attempts" | "backoff">;
}

const SWEEP: PeriodicJob = { id: "schedule-sweep", name: "schedule.sweep" };

/**
 * Keeps the BullMQ job scheduler of one periodic job: the sweep (check-ins, feedback) unless
 * told another. Upserting is idempotent, so every worker does it at start and again now and
 * then: if Redis was flushed, the scheduler comes back within one period, and the sweep
 * rebuilds all pending work from MongoDB.
 */
export class SweepScheduler {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly queues: JobQueues,
    private readonly everyMs: number,
    private readonly logger: Logger,
    private readonly job: PeriodicJob = SWEEP,
  ) {}

  async start(): Promise<void> {
    if (this.everyMs <= 0) {
      // Off: a scheduler kept in Redis from an earlier start with an interval would still fire.
      await this.queues.queue("scheduler").removeJobScheduler(this.job.id);
      return;
    }
    await this.ensure();
    this.timer = setInterval(
      () => {
        this.ensure().catch((err) =>
          this.logger.warn({ err }, "could not ensure the sweep scheduler"),
        );
      },
      Math.max(this.everyMs, 60_000),
    );
    this.timer.unref();
  }

  async ensure(): Promise<void> {
    await this.queues
      .queue("scheduler")
      .upsertJobScheduler(
        this.job.id,
        { every: this.everyMs },
        { name: this.job.name, data: { reason: "schedule" }, opts: this.job.retry ?? {} },
      );
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
