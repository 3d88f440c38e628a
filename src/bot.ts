import type { Clock } from "./clock.js";
import { listenerServices } from "./composition/listener-services.js";
import { composeDomain } from "./composition/services.js";
import { closeShared, openShared } from "./composition/shared.js";
import { type SweepFindings, timedWork } from "./composition/sweeps.js";
import { preloadWeb, startHttp } from "./composition/web.js";
import { startWorker } from "./composition/worker.js";
import type { Config } from "./config.js";
import type { PurgeCounts } from "./domain/retention.js";
import { healthRoutes } from "./health/health-routes.js";
import { startHealthServer } from "./health/health-server.js";
import type { Logger } from "./logger.js";
import type { BotMetrics } from "./metrics/bot-metrics.js";
import type { ProfileRefreshResult } from "./slack/profile-refresh.js";
import type { RetryDelays } from "./slack/slack-identity.js";

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
  /** Runs one sweep now (what the scheduler job does every minute): every sweeper, in turn. */
  sweepNow(): Promise<SweepFindings>;
  /** Runs one retention purge now (what the purge job does every hour). */
  purgeNow(): Promise<PurgeCounts>;
  /** Walks users.list now (what the refresh job does twice a day), unless a walk is under way. */
  refreshProfilesNow(): Promise<ProfileRefreshResult | "busy">;
  metrics: BotMetrics;
  /** Stops taking requests, lets jobs finish (bounded), closes BullMQ, Redis, MongoDB. */
  stop(): Promise<void>;
}

/**
 * The composition root: the shared connections (composition/shared.ts), the domain services
 * (composition/services.ts), then the role asked for: web (composition/web.ts), worker
 * (composition/worker.ts) or both.
 */
export async function startBot(config: Config, options: BotOptions): Promise<RunningBot> {
  const { logger } = options;
  // Alive from the first moment: waiting for Redis and MongoDB (which may be down) and the
  // first start's upgrades can take long, and an orchestrator must not kill the process for it.
  const starting = await startHealthServer(
    healthRoutes({ started: async () => false }),
    config.port,
  );
  const { shared, domain, timed } = await prepare(config, options)
    .then(async (prepared) => {
      await preloadWeb(config);
      return prepared;
    })
    .finally(() => starting.close());
  const stops: Array<() => Promise<void>> = [async () => shared.slack.identity.stop()];
  // A refused app token (Socket Mode) stops start-up here, before the worker starts.
  const http = await startHttp(shared, listenerServices(shared, domain), options.slackRetry).catch(
    async (err: unknown) => {
      shared.slack.identity.stop();
      await closeShared(shared);
      throw err;
    },
  );
  stops.push(http.stop);
  if (config.role !== "web") stops.push(await startWorker(shared, domain, timed));
  logger.info({ role: config.role, port: http.port }, "mentorship bot started");

  return {
    port: http.port,
    sweepNow: timed.sweepNow,
    purgeNow: timed.purgeNow,
    refreshProfilesNow: timed.refreshProfiles,
    metrics: shared.metrics,
    async stop() {
      // Requests first, then jobs, then the shared connections they used.
      for (const stop of stops) await stop();
      await closeShared(shared);
      logger.info("mentorship bot stopped");
    },
  };
}

/** The shared connections and the domain, once Slack has said who the bot is (or refused). */
async function prepare(config: Config, options: BotOptions) {
  options.logger.info("starting: /readyz answers 503 until Redis, MongoDB and Slack are reached");
  const shared = await openShared(config, options);
  // Asked now, answered (or failed) before the servers listen, so /readyz is right at once.
  const firstAnswer = shared.slack.identity.start();
  const domain = composeDomain(shared);
  const timed = timedWork(shared, domain);
  // A refused token stops start-up; nothing else is running yet, so only the connections close.
  await firstAnswer.catch(async (err: unknown) => {
    await closeShared(shared);
    throw err;
  });
  return { shared, domain, timed };
}
