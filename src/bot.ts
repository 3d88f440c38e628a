import { WebClient } from "@slack/web-api";
import { Redis } from "ioredis";
import { RedisChannelPacer } from "./cache/channel-pacer.js";
import { RedisCommandRateLimiter } from "./cache/command-rate-limiter.js";
import { RedisDmChannels } from "./cache/dm-channels.js";
import { RedisLock } from "./cache/redis-lock.js";
import { SharedClock } from "./cache/shared-clock.js";
import { SlackEventDeduper } from "./cache/slack-event-deduper.js";
import { RedisSlackMethodGate } from "./cache/slack-method-gate.js";
import { type Clock, systemClock } from "./clock.js";
import type { Config } from "./config.js";
import { Database } from "./db/database.js";
import { FailedWorkPeopleLookup } from "./db/failed-jobs/failed-work-people.js";
import { ProgramAdmins } from "./domain/admin.js";
import { AdminService } from "./domain/admin.service.js";
import { AvailabilityService } from "./domain/availability.service.js";
import { BlockService } from "./domain/blocking.js";
import { Calendars } from "./domain/calendars.js";
import { CelebrationService } from "./domain/celebration.service.js";
import { CelebrationChannels } from "./domain/celebration-channels.js";
import { CheckinService } from "./domain/checkin.service.js";
import { CheckinScheduleService } from "./domain/checkin-schedule.service.js";
import { CheckinScheduler, type SweepResult } from "./domain/checkin-scheduler.js";
import { DepartureService } from "./domain/departure.service.js";
import { EndingService } from "./domain/ending.service.js";
import { FeedbackService, type SweepCounts } from "./domain/feedback.service.js";
import { ForgettingService } from "./domain/forgetting.service.js";
import { IntroductionService } from "./domain/introduction.service.js";
import { MilestoneProgressService } from "./domain/milestone-progress.service.js";
import { MyDataService } from "./domain/my-data.service.js";
import { PairingService } from "./domain/pairing.service.js";
import { ProgramExportService } from "./domain/program-export.service.js";
import { ProgramReportService } from "./domain/program-report.service.js";
import { ReassignmentService } from "./domain/reassignment.service.js";
import { RelationshipAccess } from "./domain/relationship-access.js";
import {
  DELIVERY_RETENTION_DAYS,
  FAILED_JOB_RETENTION_DAYS,
  type PurgeCounts,
  RetentionService,
} from "./domain/retention.js";
import { RoadmapService } from "./domain/roadmap.service.js";
import { TimeZones } from "./domain/time-zones.js";
import { TempFileWriter } from "./files/temp-file-writer.js";
import { healthRoutes } from "./health/health-routes.js";
import { startHealthServer } from "./health/health-server.js";
import { availabilityJobHandlers } from "./jobs/handlers/availability.jobs.js";
import { celebrationJobHandlers } from "./jobs/handlers/celebration.jobs.js";
import { checkinJobHandlers } from "./jobs/handlers/checkin.jobs.js";
import { departureJobHandlers } from "./jobs/handlers/departure.jobs.js";
import { endingJobHandlers } from "./jobs/handlers/ending.jobs.js";
import { exportJobHandlers } from "./jobs/handlers/export.jobs.js";
import { feedbackJobHandlers } from "./jobs/handlers/feedback.jobs.js";
import { pairingJobHandlers } from "./jobs/handlers/pairing-notifications.job.js";
import { reassignmentJobHandlers } from "./jobs/handlers/reassignment.jobs.js";
import { retentionPurgeHandler } from "./jobs/handlers/retention-purge.job.js";
import { scheduleSweepHandler } from "./jobs/handlers/schedule-sweep.job.js";
import { zoneChangeJobHandlers } from "./jobs/handlers/zone-change.jobs.js";
import { JobQueues } from "./jobs/job-queues.js";
import { JobWorkers } from "./jobs/job-workers.js";
import { QUEUE_NAMES } from "./jobs/registry.js";
import { SweepScheduler } from "./jobs/sweep-scheduler.js";
import { deferredShoutOutSweeper, feedbackSweeper, Sweeps } from "./jobs/sweepers.js";
import type { Logger } from "./logger.js";
import { BotMetrics } from "./metrics/bot-metrics.js";
import { requestCounter } from "./metrics/http-metrics.js";
import { MeteredDeliveryLedger } from "./metrics/metered-delivery-ledger.js";
import { metricsRoute } from "./metrics/metrics-route.js";
import { meteredSlackFetch } from "./metrics/slack-fetch.js";
import { boltLogger } from "./slack/bolt-logger.js";
import { ChannelPoster } from "./slack/channel-poster.js";
import { DirectMessenger } from "./slack/direct-messenger.js";
import { SlackFileDelivery } from "./slack/file-delivery.js";
import { SlackAvailabilityNotifier } from "./slack/notifiers/availability.notifier.js";
import { SlackCelebrationNotifier } from "./slack/notifiers/celebration.notifier.js";
import { SlackCheckinNotifier } from "./slack/notifiers/checkin.notifier.js";
import { SlackDepartureNotifier } from "./slack/notifiers/departure.notifier.js";
import { SlackEndingNotifier } from "./slack/notifiers/ending.notifier.js";
import { SlackFeedbackNotifier } from "./slack/notifiers/feedback.notifier.js";
import { SlackIntroductionNotifier } from "./slack/notifiers/introduction.notifier.js";
import { SlackReassignmentNotifier } from "./slack/notifiers/reassignment.notifier.js";
import { PacedWebClient } from "./slack/paced-web-client.js";
import type { Services } from "./slack/services.js";
import { createSlackApp } from "./slack/slack-app.js";
import { type RetryDelays, SlackIdentity } from "./slack/slack-identity.js";
import { SlackUserDirectory } from "./slack/user-directory.js";

export interface BotOptions {
  logger: Logger;
  clock?: Clock;
  /** Where this bot's metrics go; each bot gets its own registry unless one is passed in. */
  metrics?: BotMetrics;
  /** Backoff of the start-up auth.test while Slack is unreachable (tests shorten it). */
  slackRetry?: RetryDelays;
}

export interface RunningBot {
  /** The HTTP port bound for Slack requests and health checks. */
  port: number;
  /** Runs one sweep now (what the scheduler job does every minute): check-ins, then feedback. */
  sweepNow(): Promise<SweepResult & { feedback: SweepCounts }>;
  /** Runs one retention purge now (what the purge job does every hour). */
  purgeNow(): Promise<PurgeCounts>;
  metrics: BotMetrics;
  /** Stops taking requests, lets jobs finish (bounded), closes BullMQ, Redis, MongoDB. */
  stop(): Promise<void>;
}

/** The composition root: wires config, stores, queues, Slack, and starts the role asked for. */
export async function startBot(config: Config, options: BotOptions): Promise<RunningBot> {
  const { logger } = options;
  const database = await Database.connect(config.mongodbUri);
  // BullMQ workers need maxRetriesPerRequest: null (blocking commands must not time out).
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  redis.on("error", (err) => logger.warn({ err }, "redis connection error"));
  // The playground moves time for every process through Redis; production keeps real time.
  const sharedClock =
    config.playground && !options.clock
      ? await SharedClock.connect(redis, config.queuePrefix)
      : undefined;
  const clock = options.clock ?? sharedClock ?? systemClock;
  const queues = new JobQueues(redis, config.queuePrefix);
  const metrics = options.metrics ?? new BotMetrics();
  metrics.watchQueues(() =>
    Promise.all(
      QUEUE_NAMES.map(async (queue) => ({
        queue,
        counts: await queues.queue(queue).getJobCounts("waiting", "active", "delayed", "failed"),
      })),
    ),
  );
  const slackFetch = meteredSlackFetch((method, outcome) =>
    metrics.slackCalls.inc({ method, outcome }),
  );
  const ledger = new MeteredDeliveryLedger(database.deliveries, (outcome) =>
    metrics.deliveries.inc({ outcome }),
  );
  // Turns live in Redis, so one pacer serves every sender (DMs and channel posts alike).
  const pacer = new RedisChannelPacer(redis, config.queuePrefix);
  const observeRequest = requestCounter((route, status) =>
    metrics.httpRequests.inc({ route, status: String(status) }),
  );

  // Workers own retries (BullMQ backoff), so their Slack client fails fast,
  // and a 429 holds only the method that got it (its job is delayed, others flow).
  const workerClient = new PacedWebClient(
    config.slack.botToken,
    {
      ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      logger: boltLogger(logger, "slack-worker"),
      fetch: slackFetch,
    },
    new RedisSlackMethodGate(redis, config.queuePrefix),
  );
  // Its own client: a bounded wait per attempt (a black-holed network must not hang start-up),
  // and retries are SlackIdentity's backoff.
  const identityClient = new WebClient(config.slack.botToken, {
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
    retryConfig: { retries: 0 },
    timeout: 10_000,
    logger: boltLogger(logger, "slack-identity"),
    fetch: slackFetch,
  });
  const identity = new SlackIdentity(
    identityClient,
    config.slack.botToken,
    logger,
    options.slackRetry,
  );
  // Asked now, answered (or failed) before the servers listen, so /readyz is right at once.
  const firstAnswer = identity.start();
  const dmChannels = new RedisDmChannels(redis, config.queuePrefix);
  const messenger = new DirectMessenger(
    workerClient,
    ledger,
    clock,
    pacer,
    database.people,
    dmChannels,
  );
  const directory = new SlackUserDirectory(
    workerClient,
    database.people,
    clock,
    (userId) => queues.enqueue("people.left", { userId }),
    // A time zone that changed since the last read moves that person's schedule (a job).
    {
      zoneChanged: (userId, from, to) =>
        queues.enqueue("people.zone-changed", { userId, from, to }),
    },
  );
  const zones = new TimeZones(directory, config.defaultTimezone);
  const calendars = new Calendars({
    directory,
    availability: database.availability,
    holidays: new Set(config.holidays),
    defaultZone: config.defaultTimezone,
    clock,
  });
  const availability = new AvailabilityService({
    store: database.availability,
    calendars,
    relationships: database.relationships,
    notifier: new SlackAvailabilityNotifier(messenger),
    deferred: database.checkins,
    jobs: queues,
    audit: database.audit,
    clock,
  });
  const admins = new ProgramAdmins(database.admins, config.adminUserIds);
  const access = new RelationshipAccess(database.relationships, admins);
  const blocks = new BlockService({ store: database.blocks, audit: database.audit, clock });
  const roadmap = new RoadmapService({
    access,
    goals: database.relationships,
    milestones: database.milestones,
    progress: database.progress,
    audit: database.audit,
    directory,
    clock,
    defaultTimezone: config.defaultTimezone,
  });
  const milestoneProgress = new MilestoneProgressService({
    roadmap,
    milestones: database.milestones,
    progress: database.progress,
    audit: database.audit,
    clock,
    jobs: queues,
  });
  const celebrationChannels = new CelebrationChannels({
    store: database.celebrationChannels,
    admins,
    audit: database.audit,
    clock,
    defaultChannelId: config.celebrationChannelId,
  });
  const celebrations = new CelebrationService({
    access,
    relationships: database.relationships,
    milestones: database.milestones,
    notifier: new SlackCelebrationNotifier(
      messenger,
      new ChannelPoster(workerClient, ledger, clock, pacer),
    ),
    audit: database.audit,
    clock,
    channels: celebrationChannels,
    admins,
    jobs: queues,
    slots: database.shoutOutSlots,
  });
  const introductions = new IntroductionService({
    access,
    relationships: database.relationships,
    introductions: database.introductions,
    directory,
    notifier: new SlackIntroductionNotifier(messenger),
    jobs: queues,
    audit: database.audit,
    clock,
    blocks,
  });
  const checkins = new CheckinService({
    relationships: database.relationships,
    checkins: database.checkins,
    milestones: database.milestones,
    milestoneProgress,
    notifier: new SlackCheckinNotifier(messenger, workerClient),
    calendars,
    jobs: queues,
    audit: database.audit,
    clock,
    admins,
  });
  const scheduler = new CheckinScheduler({
    relationships: database.relationships,
    checkins: database.checkins,
    calendars,
    jobs: queues,
    clock,
  });
  const checkinSchedules = new CheckinScheduleService({
    access,
    relationships: database.relationships,
    checkins: database.checkins,
    zones,
    jobs: queues,
    audit: database.audit,
    clock,
  });
  const feedback = new FeedbackService({
    access,
    requests: database.feedbackRequests,
    entries: database.feedbackEntries,
    directory,
    zones,
    calendars,
    notifier: new SlackFeedbackNotifier(messenger, workerClient),
    jobs: queues,
    audit: database.audit,
    clock,
    blocks,
  });
  const reassignments = new ReassignmentService({
    admins,
    relationships: database.relationships,
    checkins: database.checkins,
    milestones: database.milestones,
    directory,
    notifier: new SlackReassignmentNotifier(messenger),
    jobs: queues,
    audit: database.audit,
    clock,
  });
  /** Every time-driven concern, in the order a sweep runs them: a new one is one more entry. */
  const sweeps = new Sweeps(
    [scheduler, feedbackSweeper(feedback), deferredShoutOutSweeper(celebrations)],
    metrics,
  );
  const sweepAll = () => sweeps.run();
  const retention = new RetentionService({
    audit: database.audit,
    deliveries: database.deliveries,
    failedJobs: database.failedJobs,
    clock,
    policy: {
      auditDays: config.retention.auditDays,
      deliveryDays: DELIVERY_RETENTION_DAYS,
      failedJobDays: FAILED_JOB_RETENTION_DAYS,
    },
  });
  const purgeNow = async () => {
    const purged = await retention.sweep();
    for (const [collection, count] of Object.entries(purged)) {
      metrics.purged.inc({ collection }, count);
    }
    logger.info({ purged }, "retention purge done");
    return purged;
  };
  const fileWriter = new TempFileWriter();
  const fileDelivery = new SlackFileDelivery(workerClient, database.deliveries, clock, messenger);
  const myData = new MyDataService({
    store: database.personalData,
    files: fileWriter,
    delivery: fileDelivery,
    jobs: queues,
    audit: database.audit,
    clock,
  });
  const programExport = new ProgramExportService({
    rows: database.exportRows,
    files: fileWriter,
    delivery: fileDelivery,
    admins,
    jobs: queues,
    audit: database.audit,
    clock,
    defaultTimezone: config.defaultTimezone,
  });
  // A sweep can outlast its interval: one at a time across all workers, the others skip.
  const sweepLock = new RedisLock(redis, `${config.queuePrefix}:lock:sweep`);
  const services: Services = {
    commandTimer: () => {
      const timer = metrics.commandSeconds.startTimer();
      return (subcommand) => void timer({ subcommand });
    },
    events: new SlackEventDeduper(redis, config.queuePrefix),
    roadmap,
    milestoneProgress,
    checkins,
    checkinSchedules,
    feedback,
    celebrations,
    introductions,
    availability,
    program: new ProgramReportService({
      stats: database.programStats,
      admins,
      audit: database.audit,
      clock,
      defaultTimezone: config.defaultTimezone,
    }),
    ending: new EndingService({
      access,
      relationships: database.relationships,
      openWork: [database.checkins, database.feedbackRequests],
      jobs: queues,
      audit: database.audit,
      clock,
    }),
    reassignments,
    exports: programExport,
    forgetting: new ForgettingService({
      admins,
      relationships: database.relationships,
      openWork: [database.checkins, database.feedbackRequests],
      holders: [
        database.relationships,
        database.milestones,
        database.progress,
        database.checkins,
        database.feedbackRequests,
        database.feedbackEntries,
        database.introductions,
        database.availability,
        database.admins,
        database.audit,
        database.people,
      ],
      directory,
      jobs: queues,
      audit: database.audit,
      clock,
    }),
    people: directory,
    myData,
    admin: new AdminService({
      admins,
      failedJobs: database.failedJobs,
      people: new FailedWorkPeopleLookup(database),
      directory,
      audit: database.audit,
      clock,
    }),
    pairing: new PairingService({
      relationships: database.relationships,
      directory,
      audit: database.audit,
      jobs: queues,
      clock,
      admins,
      blocks,
    }),
    blocks,
    celebrationChannels,
    rateLimit: new RedisCommandRateLimiter(
      redis,
      config.queuePrefix,
      config.commandsPerMinute,
      clock,
    ),
  };

  // Socket Mode is ready only once connected; set when the Slack app exists.
  let slackConnected = () => true;
  const routes = [
    ...healthRoutes({
      mongodb: () => database.ping(),
      redis: () => pingRedis(redis),
      // 503 until Slack has answered auth.test once (it may be unreachable at start-up).
      slack: async () => identity.known && slackConnected(),
    }),
    metricsRoute(metrics, config.metricsToken),
  ];
  if (config.role !== "worker" && config.queueDashboard) {
    // Loaded only when turned on: Bull Board, Express and its UI take seconds to import.
    const { queueDashboardRoute } = await import("./ops/queue-dashboard.js");
    const all = QUEUE_NAMES.map((name) => queues.queue(name));
    routes.push(queueDashboardRoute(all, config.queueDashboard));
  }

  await firstAnswer;
  const stops: Array<() => Promise<void>> = [async () => identity.stop()];
  let port = config.port;
  if (config.role !== "worker") {
    const slackApp = createSlackApp(config, services, routes, logger, {
      authorize: () => identity.authorize(),
      fetch: slackFetch,
      observeRequest,
      ...(options.slackRetry ? { retry: options.slackRetry } : {}),
    });
    slackConnected = () => slackApp.connected();
    port = await slackApp.start();
    stops.push(() => slackApp.stop());
  } else {
    const health = await startHealthServer(routes, config.port, observeRequest);
    port = health.port;
    stops.push(() => health.close());
  }
  if (config.role !== "web") {
    const workers = new JobWorkers({
      connection: redis,
      prefix: config.queuePrefix,
      logger,
      handlers: {
        ...pairingJobHandlers({ relationships: database.relationships, messenger }),
        ...celebrationJobHandlers(celebrations, introductions),
        ...checkinJobHandlers(checkins),
        ...feedbackJobHandlers(feedback),
        ...reassignmentJobHandlers(reassignments),
        ...departureJobHandlers(
          new DepartureService({
            relationships: database.relationships,
            notifier: new SlackDepartureNotifier(messenger),
          }),
        ),
        ...endingJobHandlers({
          relationships: database.relationships,
          notifier: new SlackEndingNotifier(messenger),
        }),
        ...scheduleSweepHandler(() => sweepLock.tryRun(sweepAll)),
        ...availabilityJobHandlers(availability),
        ...zoneChangeJobHandlers(checkinSchedules),
        ...retentionPurgeHandler({ sweep: purgeNow }),
        ...exportJobHandlers(programExport, myData),
      },
      onAttempt: (name, outcome, seconds) => {
        metrics.jobs.inc({ name, outcome });
        metrics.jobSeconds.observe({ name, outcome }, seconds);
      },
      onFinalFailure: (failure) =>
        database.failedJobs.record({ ...failure, failedAt: clock.now() }),
    });
    workers.start();
    await workers.waitUntilReady();
    const sweeps = new SweepScheduler(queues, config.checkinSweepIntervalMs, logger);
    await sweeps.start();
    const purges = new SweepScheduler(queues, config.retention.sweepIntervalMs, logger, {
      id: "retention-purge",
      name: "retention.purge",
    });
    await purges.start();
    // When the playground moves the clock, what became due goes out now, not a minute later.
    sharedClock?.onChange(() => {
      sweepAll().catch((err: unknown) => logger.warn({ err }, "sweep after a clock move failed"));
    });
    stops.push(async () => {
      sweeps.stop();
      purges.stop();
      await workers.close(config.shutdownTimeoutMs);
    });
  }
  logger.info({ role: config.role, port }, "mentorship bot started");

  return {
    port,
    sweepNow: () => sweepLock.run(sweepAll),
    purgeNow,
    metrics,
    async stop() {
      // Requests first, then jobs, then the shared connections they used.
      for (const stop of stops) await stop();
      await queues.close();
      await sharedClock?.close();
      await redis.quit().catch(() => redis.disconnect());
      await database.close();
      logger.info("mentorship bot stopped");
    },
  };
}

async function pingRedis(redis: Redis): Promise<boolean> {
  const timeout = new Promise<false>((resolve) => setTimeout(resolve, 1_000, false).unref());
  return Promise.race([redis.ping().then((pong) => pong === "PONG"), timeout]);
}
