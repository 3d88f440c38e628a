import type { Clock } from "../clock.js";
import { lastBucketTheMarkMayPass } from "../domain/due-index.js";
import { DueWalk } from "../domain/due-walk.js";
import type { Sweeper } from "../domain/sweeper.js";
import type { OwedJob, OwedJobs } from "./job-outbox.js";
import type { JobQueues } from "./job-queues.js";

/** What one pass over the outbox did, counted as sweep findings (`outbox.requeued`, …). */
export interface OutboxCounts {
  /** Owed jobs Redis did not have (lost, or never added): enqueued again. */
  requeued: number;
  /** Owed jobs Redis says completed, whose document had stayed: cleared. */
  cleared: number;
}

/**
 * How long an owed job may be unknown to Redis before the sweep adds it: the enqueue writes the
 * outbox first and adds the job a moment later.
 */
export const OUTBOX_GRACE_MS = 2 * 60_000;

/** Owed jobs read a pass: memory stays bounded by a page, whatever the backlog. */
const PAGE = 500;

const MARK = "job-outbox";

/**
 * The outbox's sweep (job-outbox.ts): owed jobs older than the grace whose job Redis no longer
 * knows are enqueued again; those Redis says completed are cleared. It walks the owed jobs by
 * the hour they were owed (DueWalk: equality reads from a low-water mark, as FerretDB serves from
 * an index nothing else); an hour is passed once nothing in it is owed any more. It runs within
 * the sweep, one replica at a time (the sweep's Redis lock).
 */
export class OutboxSweep implements Sweeper<{ outbox: OutboxCounts }> {
  private readonly walk: DueWalk<OwedJob>;

  constructor(
    private readonly deps: {
      owed: OwedJobs;
      marks: ConstructorParameters<typeof DueWalk>[0]["marks"];
      queues: Pick<JobQueues, "states" | "requeue" | "removeFailedBefore">;
      clock: Clock;
    },
  ) {
    this.walk = new DueWalk<OwedJob>({
      marks: deps.marks,
      name: MARK,
      // In the current hour, only what is past the grace: the rest would fill the page for nothing.
      read: (bucket, limit, dueBy) =>
        deps.owed.inBucket(bucket, limit, dueBy && new Date(dueBy.getTime() - OUTBOX_GRACE_MS)),
      held: (from, to) => deps.owed.bucketsHeld(from, to),
      // The outbox holds only the jobs owed now: one query says which past hours hold any.
      askWhichBeyond: 0,
    });
  }

  async sweep(): Promise<{ outbox: OutboxCounts }> {
    const { owed, queues, clock } = this.deps;
    const now = clock.now();
    if (await owed.empty()) {
      await this.passEmptyHours(now);
      return { outbox: { requeued: 0, cleared: 0 } };
    }
    const page = await this.walk.page(now, PAGE);
    const graceEnds = now.getTime() - OUTBOX_GRACE_MS;
    const due = page.items.filter((job) => job.createdAt.getTime() <= graceEnds);
    const states = await queues.states(due);
    const lost: OwedJob[] = [];
    const completed: OwedJob[] = [];
    for (const [i, job] of due.entries()) {
      const state = states[i];
      if (state === "unknown") lost.push(job);
      else if (state === "completed") completed.push(job);
      // Failed for good and still owed: its failure could not be recorded (the worker keeps
      // the document then). Run again, to succeed or be recorded this time.
      else if (state === "failed" && (await queues.removeFailedBefore(job, OUTBOX_GRACE_MS))) {
        lost.push(job);
      }
    }
    await queues.requeue(lost);
    await owed.paid(completed.map((job) => job.id));
    const cleared = new Set(completed);
    const stayed = page.items.filter((job) => !cleared.has(job)).map((job) => job.dueBucket);
    await this.walk.settle(page, stayed);
    return { outbox: { requeued: lost.length, cleared: completed.length } };
  }

  private raisedTo = 0;

  /**
   * Nothing owed: the mark may pass every hour it may pass (due-index.ts: no writer puts an owed
   * job below that), once an hour, so a walk after a quiet week starts near the current hour.
   */
  private async passEmptyHours(now: Date): Promise<void> {
    const to = lastBucketTheMarkMayPass(now) + 1;
    if (to <= this.raisedTo) return;
    await this.deps.marks.raise(MARK, to);
    this.raisedTo = to;
  }
}
