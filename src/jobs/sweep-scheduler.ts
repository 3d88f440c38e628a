import type { Logger } from "../logger.js";
import type { JobQueues } from "./job-queues.js";

const SCHEDULER_ID = "schedule-sweep";

/**
 * Keeps the BullMQ job scheduler that runs the sweep (check-ins, feedback). Upserting is
 * idempotent, so every worker does it at start and again now and then: if
 * Redis was flushed, the scheduler comes back within one period, and the
 * sweep rebuilds all pending work from MongoDB.
 */
export class SweepScheduler {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly queues: JobQueues,
    private readonly everyMs: number,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    if (this.everyMs <= 0) return;
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
        SCHEDULER_ID,
        { every: this.everyMs },
        { name: "schedule.sweep", data: { reason: "schedule" } },
      );
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
