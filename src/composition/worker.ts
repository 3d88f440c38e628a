import { openWorkerRedis } from "../cache/redis-connections.js";
import { DepartureService } from "../domain/departure.service.js";
import { availabilityJobHandlers } from "../jobs/handlers/availability.jobs.js";
import { celebrationJobHandlers } from "../jobs/handlers/celebration.jobs.js";
import { checkinJobHandlers } from "../jobs/handlers/checkin.jobs.js";
import { departureJobHandlers } from "../jobs/handlers/departure.jobs.js";
import { endingJobHandlers } from "../jobs/handlers/ending.jobs.js";
import { exchangeJobHandlers } from "../jobs/handlers/exchange.jobs.js";
import { exportJobHandlers } from "../jobs/handlers/export.jobs.js";
import { feedbackJobHandlers } from "../jobs/handlers/feedback.jobs.js";
import { introductionJobHandlers } from "../jobs/handlers/introduction.jobs.js";
import { kickoffJobHandlers } from "../jobs/handlers/kickoff.jobs.js";
import { pairingJobHandlers } from "../jobs/handlers/pairing.jobs.js";
import { periodicJobHandlers } from "../jobs/handlers/periodic.jobs.js";
import { reassignmentJobHandlers } from "../jobs/handlers/reassignment.jobs.js";
import { zoneChangeJobHandlers } from "../jobs/handlers/zone-change.jobs.js";
import { type JobHandlers, JobWorkers } from "../jobs/job-workers.js";
import { SweepScheduler } from "../jobs/sweep-scheduler.js";
import { SlackDepartureNotifier } from "../slack/notifiers/departure.notifier.js";
import { SlackEndingNotifier } from "../slack/notifiers/ending.notifier.js";
import { SlackPairingNotifier } from "../slack/notifiers/pairing.notifier.js";
import type { Domain } from "./services.js";
import type { Shared } from "./shared.js";
import type { TimedWork } from "./sweeps.js";

/** The worker role: runs every job, and keeps the periodic sweep, purge and refresh scheduled. */
export async function startWorker(
  shared: Shared,
  domain: Domain,
  timed: TimedWork,
): Promise<() => Promise<void>> {
  const { config, logger, metrics, queues, database, clock } = shared;
  const connection = openWorkerRedis(config.redisUrl, (err) =>
    logger.warn({ err }, "redis connection error (workers)"),
  );
  const workers = new JobWorkers({
    connection,
    prefix: config.queuePrefix,
    logger,
    handlers: jobHandlers(shared, domain, timed),
    onAttempt: (name, outcome, seconds) => {
      metrics.jobs.inc({ name, outcome });
      metrics.jobSeconds.observe({ name, outcome }, seconds);
    },
    outbox: database.outbox,
    onFinalFailure: (failure) => database.failedJobs.record({ ...failure, failedAt: clock.now() }),
  });
  workers.start();
  await workers.waitUntilReady();
  const periodic = [
    new SweepScheduler(queues, config.checkinSweepIntervalMs, logger),
    new SweepScheduler(queues, config.retention.sweepIntervalMs, logger, {
      id: "retention-purge",
      name: "retention.purge",
    }),
    new SweepScheduler(queues, config.profileRefreshIntervalMs, logger, {
      id: "people-refresh",
      name: "people.refresh",
      // A walk Slack interrupted goes on from its cursor for an hour: retries 1 to 16 minutes
      // apart try within it, rather than leaving the profiles to the next period.
      retry: { attempts: 6, backoff: { type: "exponential", delay: 60_000 } },
    }),
  ];
  for (const scheduler of periodic) await scheduler.start();
  // When the playground moves the clock, what became due goes out now, not a minute later.
  shared.sharedClock?.onChange(() => {
    timed
      .sweepUnlocked()
      .catch((err: unknown) => logger.warn({ err }, "sweep after a clock move failed"));
  });
  return async () => {
    for (const scheduler of periodic) scheduler.stop();
    await workers.close(config.shutdownTimeoutMs);
    await connection.quit().catch(() => connection.disconnect());
  };
}

/** Every job name to its thin handler; the compiler checks none is missing. */
function jobHandlers(
  { database, messenger }: Shared,
  domain: Domain,
  timed: TimedWork,
): JobHandlers {
  const { relationships } = database;
  return {
    ...pairingJobHandlers({
      relationships,
      notifier: new SlackPairingNotifier(messenger, () => domain.admin.contacts()),
    }),
    ...celebrationJobHandlers(domain.celebrations),
    ...introductionJobHandlers(domain.introductions),
    ...checkinJobHandlers(domain.checkins),
    ...feedbackJobHandlers(domain.feedback),
    ...reassignmentJobHandlers(domain.reassignments, domain.kickoffs),
    ...departureJobHandlers(
      new DepartureService({ relationships, notifier: new SlackDepartureNotifier(messenger) }),
    ),
    ...endingJobHandlers({ relationships, notifier: new SlackEndingNotifier(messenger) }),
    ...periodicJobHandlers({
      "schedule.sweep": timed.sweepIfFree,
      "retention.purge": timed.purgeNow,
      "people.refresh": timed.refreshProfiles,
    }),
    ...availabilityJobHandlers(domain.availability),
    ...zoneChangeJobHandlers(domain.checkinSchedules, domain.kickoffs),
    ...exportJobHandlers(domain.programExport, domain.myData),
    ...kickoffJobHandlers(domain.kickoffs, domain.kickoffRoadmap, domain.workplace),
    ...exchangeJobHandlers(domain.exchanges, domain.workplace),
  };
}
