import { RedisChannelPacer } from "../cache/channel-pacer.js";
import { RedisDmChannels } from "../cache/dm-channels.js";
import { RedisReadCache } from "../cache/read-cache.js";
import { openFailFastRedis } from "../cache/redis-connections.js";
import { SharedClock } from "../cache/shared-clock.js";
import { type Clock, systemClock } from "../clock.js";
import type { Config } from "../config.js";
import { Database } from "../db/database.js";
import { TrailAuditor } from "../domain/audit-trail.js";
import { JobQueues } from "../jobs/job-queues.js";
import { QUEUE_NAMES } from "../jobs/registry.js";
import type { Logger } from "../logger.js";
import { BotMetrics } from "../metrics/bot-metrics.js";
import { requestCounter } from "../metrics/http-metrics.js";
import { MeteredDeliveryLedger } from "../metrics/metered-delivery-ledger.js";
import { DirectMessenger } from "../slack/direct-messenger.js";
import type { RetryDelays } from "../slack/slack-identity.js";
import { slackClients } from "./slack-clients.js";

export interface SharedOptions {
  logger: Logger;
  clock?: Clock;
  metrics?: BotMetrics;
  slackRetry?: RetryDelays;
}

/** What both roles stand on: MongoDB, Redis, the clock, the queues, metrics and Slack clients. */
export type Shared = Awaited<ReturnType<typeof openShared>>;

export async function openShared(config: Config, options: SharedOptions) {
  const { logger } = options;
  // Fails fast while Redis is down (the workers have a client of their own: worker.ts).
  const redis = await openFailFastRedis(config.redisUrl, (err) =>
    logger.warn({ err }, "redis connection error"),
  );
  // Every replica shares it, so a write by one drops what the others cached.
  const readCache = new RedisReadCache(redis, config.queuePrefix, (err, what) =>
    logger.warn({ err, what }, "read cache unavailable; reading MongoDB"),
  );
  const database = await Database.connect(config.mongodbUri, options.clock, readCache);
  // The playground moves time for every process through Redis; production keeps real time.
  const sharedClock =
    config.playground && !options.clock
      ? await SharedClock.connect(redis, config.queuePrefix)
      : undefined;
  const clock = options.clock ?? sharedClock ?? systemClock;
  // Jobs nothing else in MongoDB says are owed are written to its outbox first (job-outbox.ts).
  const queues = new JobQueues(redis, config.queuePrefix, {
    owed: database.outbox,
    clock,
    logger,
  });
  const metrics = options.metrics ?? new BotMetrics();
  metrics.watchQueues(() =>
    Promise.all(
      QUEUE_NAMES.map(async (queue) => ({
        queue,
        counts: await queues.queue(queue).getJobCounts("waiting", "active", "delayed", "failed"),
      })),
    ),
  );
  const slack = slackClients(config, logger, redis, metrics, options.slackRetry);
  const ledger = new MeteredDeliveryLedger(database.deliveries, (outcome) =>
    metrics.deliveries.inc({ outcome }),
  );
  // Turns live in Redis, so one pacer serves every sender (DMs and channel posts alike).
  const pacer = new RedisChannelPacer(redis, config.queuePrefix);
  // One cache of DM channel ids for every DM: messages, file shares and notes to a button's presser.
  const dmChannels = new RedisDmChannels(redis, config.queuePrefix);
  const messenger = new DirectMessenger(
    slack.worker,
    ledger,
    clock,
    pacer,
    database.people,
    dmChannels,
  );
  // Every service records through this one: the time comes from the shared clock.
  const auditor = new TrailAuditor(database.audit, clock);
  return {
    config,
    logger,
    database,
    redis,
    clock,
    sharedClock,
    queues,
    metrics,
    slack,
    ledger,
    pacer,
    auditor,
    messenger,
    dmChannels,
    observeRequest: requestCounter((route, status) =>
      metrics.httpRequests.inc({ route, status: String(status) }),
    ),
  };
}

/** Closes the shared connections, after both roles have stopped using them. */
export async function closeShared({ queues, sharedClock, redis, database }: Shared): Promise<void> {
  await queues.close();
  await sharedClock?.close();
  await redis.quit().catch(() => redis.disconnect());
  await database.close();
}
