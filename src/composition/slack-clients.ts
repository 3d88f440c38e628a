import { WebClient } from "@slack/web-api";
import type { Redis } from "ioredis";
import { RedisSlackMethodGate } from "../cache/slack-method-gate.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import type { BotMetrics } from "../metrics/bot-metrics.js";
import { meteredSlackFetch } from "../metrics/slack-fetch.js";
import { boltLogger } from "../slack/bolt-logger.js";
import { PacedWebClient } from "../slack/paced-web-client.js";
import { type RetryDelays, SlackIdentity } from "../slack/slack-identity.js";
import { SLACK_METHOD_PACES } from "../slack/slack-rate-tiers.js";

/** The Slack Web API clients of one process; every call is counted in metrics. */
export function slackClients(
  config: Config,
  logger: Logger,
  redis: Redis,
  metrics: BotMetrics,
  retry: RetryDelays | undefined,
) {
  const fetch = meteredSlackFetch((method, outcome) => metrics.slackCalls.inc({ method, outcome }));
  const apiUrl = config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {};
  // Workers own retries (BullMQ backoff), so their Slack client fails fast,
  // and a 429 holds only the method that got it (its job is delayed, others flow).
  const worker = new PacedWebClient(
    config.slack.botToken,
    {
      ...apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      logger: boltLogger(logger, "slack-worker"),
      fetch,
    },
    new RedisSlackMethodGate(redis, config.queuePrefix),
    config.slack.pacing ? SLACK_METHOD_PACES : {},
  );
  // Its own client: a bounded wait per attempt (a black-holed network must not hang start-up),
  // and retries are SlackIdentity's backoff.
  const identityClient = new WebClient(config.slack.botToken, {
    ...apiUrl,
    retryConfig: { retries: 0 },
    timeout: 10_000,
    logger: boltLogger(logger, "slack-identity"),
    fetch,
  });
  const identity = new SlackIdentity(identityClient, config.slack.botToken, logger, retry);
  return { fetch, worker, identity };
}
