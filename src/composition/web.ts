import { type HealthRoute, healthRoutes } from "../health/health-routes.js";
import { startHealthServer } from "../health/health-server.js";
import { QUEUE_NAMES } from "../jobs/registry.js";
import { metricsRoute } from "../metrics/metrics-route.js";
import type { Services } from "../slack/services.js";
import { createSlackApp } from "../slack/slack-app.js";
import type { RetryDelays } from "../slack/slack-identity.js";
import type { Shared } from "./shared.js";

export interface Http {
  /** The HTTP port bound for Slack requests and health checks. */
  port: number;
  stop(): Promise<void>;
}

/**
 * The web role: the Bolt app for Slack's requests, with health, metrics and (when turned on)
 * the queue dashboard on the same port. A worker alone serves only those on a small server.
 */
export async function startHttp(
  shared: Shared,
  services: Services,
  slackRetry: RetryDelays | undefined,
): Promise<Http> {
  const { config, logger, slack, observeRequest } = shared;
  // Socket Mode is ready only once connected; set when the Slack app exists.
  let slackConnected = () => true;
  const routes = await opsRoutes(shared, () => slackConnected());
  if (config.role === "worker") {
    const health = await startHealthServer(routes, config.port, observeRequest);
    return { port: health.port, stop: () => health.close() };
  }
  const slackApp = createSlackApp(config, services, routes, logger, {
    authorize: () => slack.identity.authorize(),
    fetch: slack.fetch,
    observeRequest,
    ...(slackRetry ? { retry: slackRetry } : {}),
  });
  slackConnected = () => slackApp.connected();
  return { port: await slackApp.start(), stop: () => slackApp.stop() };
}

/**
 * Imports what the web role loads lazily (the queue dashboard: seconds) while start-up's own
 * health server still answers, so the port is not left unanswered while it loads.
 */
export async function preloadWeb(config: Shared["config"]): Promise<void> {
  if (config.role !== "worker" && config.queueDashboard) await import("../ops/queue-dashboard.js");
}

async function opsRoutes(
  { config, database, redis, metrics, slack, queues }: Shared,
  slackConnected: () => boolean,
): Promise<HealthRoute[]> {
  const routes = [
    ...healthRoutes({
      mongodb: () => database.ping(),
      redis: () => pingRedis(redis),
      // 503 until Slack has answered auth.test once (it may be unreachable at start-up).
      slack: async () => slack.identity.known && slackConnected(),
    }),
    metricsRoute(metrics, config.metricsToken),
  ];
  if (config.role !== "worker" && config.queueDashboard) {
    // Loaded only when turned on: Bull Board, Express and its UI take seconds to import.
    const { queueDashboardRoute } = await import("../ops/queue-dashboard.js");
    const all = QUEUE_NAMES.map((name) => queues.queue(name));
    routes.push(queueDashboardRoute(all, config.queueDashboard));
  }
  return routes;
}

async function pingRedis(redis: Shared["redis"]): Promise<boolean> {
  const timeout = new Promise<false>((resolve) => setTimeout(resolve, 1_000, false).unref());
  return Promise.race([redis.ping().then((pong) => pong === "PONG"), timeout]);
}
