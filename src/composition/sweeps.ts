import { RedisLock } from "../cache/redis-lock.js";
import { OutboxSweep } from "../jobs/outbox-sweep.js";
import {
  deferredShoutOutSweeper,
  feedbackSweeper,
  forgettingSweeper,
  kickoffSweeper,
  Sweeps,
  workplaceSweeper,
} from "../jobs/sweepers.js";
import type { ProfileRefreshResult } from "../slack/profile-refresh.js";
import type { Domain } from "./services.js";
import type { Shared } from "./shared.js";

/** Every time-driven concern, in the order a sweep runs them: a new one is one more entry. */
function sweepersOf({ database, queues, clock, logger }: Shared, domain: Domain) {
  return [
    domain.scheduler,
    domain.owedReflections,
    feedbackSweeper(domain.feedback),
    deferredShoutOutSweeper(domain.celebrations),
    kickoffSweeper(domain.kickoffs),
    workplaceSweeper(domain.workplace),
    // After those: what they enqueued just now is not yet past the outbox's grace anyway.
    new OutboxSweep({ owed: database.outbox, marks: database.sweepMarks, queues, clock }),
    // Last: a forgetting is rare but long, and nothing time-driven waits behind it.
    forgettingSweeper(domain.forgetting, logger),
  ] as const;
}

export type SweepFindings = Awaited<ReturnType<Sweeps<ReturnType<typeof sweepersOf>>["run"]>>;

/**
 * The sweep, the retention purge and the profile refresh, measured; each role can run them now
 * (tests, the playground, the bench).
 */
export function timedWork(shared: Shared, domain: Domain) {
  const { config, redis, metrics, logger, database, clock } = shared;
  const sweeps = new Sweeps(sweepersOf(shared, domain), metrics);
  // A sweep can outlast its interval: one at a time across all workers, the others skip.
  const lock = new RedisLock(redis, `${config.queuePrefix}:lock:sweep`);
  // One walk of users.list at a time across all workers; the others skip.
  const walkLock = new RedisLock(redis, `${config.queuePrefix}:lock:people-refresh`);
  return {
    /** The periodic job: skipped while another worker sweeps. */
    sweepIfFree: () => lock.tryRun(() => sweeps.run()),
    /** Waits for a running sweep, then sweeps. */
    sweepNow: () => lock.run(() => sweeps.run()),
    /** Right away, lock or not (the playground's clock moved). */
    sweepUnlocked: () => sweeps.run(),
    /** The periodic walk of users.list that keeps cached profiles fresh (profile-refresh.ts). */
    async refreshProfiles(): Promise<ProfileRefreshResult | "busy"> {
      let result: ProfileRefreshResult | "busy" = "busy";
      await walkLock.tryRun(async () => {
        result = await domain.profileRefresh.run();
      });
      if (result === "busy") logger.info("profile refresh skipped: another worker is walking");
      else logger.info({ result }, "profile refresh done");
      return result;
    },
    /**
     * The hourly housekeeping: the retention purge, the due index's and forgettings' repair,
     * unfinished upgrades.
     */
    async purgeNow() {
      const purged = await domain.retention.sweep();
      for (const [collection, count] of Object.entries(purged)) {
        metrics.purged.inc({ collection }, count);
      }
      logger.info({ purged }, "retention purge done");
      // A replica of the version before the due index, still running in a rolling upgrade,
      // writes pairs and check-ins without a bucket: no sweep would find them until they get one.
      const unbucketed = await database.relationships.fillDueBuckets(clock.now());
      if (unbucketed > 0) {
        logger.warn({ pairs: unbucketed }, "pairs without a due bucket were given one");
      }
      const unindexed = await database.checkins.fillFollowUpBuckets(clock.now());
      if (unindexed > 0) {
        logger.warn({ checkins: unindexed }, "check-ins without a follow-up bucket were given one");
      }
      const unmarked = await database.forgettings.markUnmarked();
      if (unmarked > 0) {
        logger.warn({ forgettings: unmarked }, "unfinished forgettings were marked for the sweep");
      }
      // A start killed part-way through a one-off upgrade, restarted within its lease, skipped
      // it: once the lease ran out, this finishes it (done ones cost a read each).
      await database.finishUpgrades(clock);
      return purged;
    },
  };
}

export type TimedWork = ReturnType<typeof timedWork>;
