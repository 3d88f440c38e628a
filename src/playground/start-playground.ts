/**
 * Starts the playground: the Slack stand-in on 127.0.0.1 and the real bot (Bolt over HTTP,
 * BullMQ workers, MongoDB, Redis) configured to talk to it, with a fresh signing secret and a
 * bot token that only the playground accepts.
 */
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { startBot } from "../bot.js";
import { loadConfig, type PlaygroundSettings } from "../config.js";
import type { Logger } from "../logger.js";
import { BotLink } from "./bot-link.js";
import { ADMIN_IDS, CELEBRATION_CHANNEL_ID } from "./cast.js";
import { PlaygroundClock } from "./playground-clock.js";
import { Scenario } from "./scenario.js";
import { startPlaygroundServer } from "./server.js";
import { SlackWebApi } from "./slack-web-api.js";
import { Triggers } from "./triggers.js";
import { UploadedFiles } from "./uploaded-files.js";
import { Workspace } from "./workspace.js";
import { WorkspaceStore } from "./workspace-store.js";

export interface RunningPlayground {
  /** The page, e.g. http://127.0.0.1:3100 */
  url: string;
  /** The bot's own HTTP address (its /slack/events receives the playground's requests). */
  botUrl: string;
  stop(): Promise<void>;
}

/** A bot sweep every 10 s: a new pair's first check-in is planned soon after pairing. */
const PLAYGROUND_SWEEP_MS = "10000";

export async function startPlayground(
  settings: PlaygroundSettings,
  logger: Logger,
): Promise<RunningPlayground> {
  const signingSecret = randomBytes(32).toString("hex");
  const botToken = `xoxb-playground-${randomBytes(12).toString("hex")}`;
  const store = await WorkspaceStore.connect(settings.mongodbUri);
  const redis = new Redis(settings.redisUrl, { maxRetriesPerRequest: 3 });
  const clock = await PlaygroundClock.connect(redis, settings.queuePrefix, store.db);
  const triggers = new Triggers();
  const files = new UploadedFiles();
  let pageUrl = "";
  const api = new SlackWebApi(
    store,
    triggers,
    botToken,
    () => clock.now(),
    files,
    () => pageUrl,
  );
  let workspace: Workspace | undefined;
  let scenario: Scenario | undefined;
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the playground is still starting");
    return value;
  };
  const server = await startPlaygroundServer({
    port: settings.port,
    api,
    files,
    workspace: () => ready(workspace),
    triggers,
    scenario: () => ready(scenario),
  });
  pageUrl = server.url;
  const bot = await startBot(
    loadConfig({
      PLAYGROUND: "true",
      SLACK_BOT_TOKEN: botToken,
      SLACK_SIGNING_SECRET: signingSecret,
      SLACK_API_URL: `${server.url}/api/`,
      MONGODB_URI: settings.mongodbUri,
      REDIS_URL: settings.redisUrl,
      QUEUE_PREFIX: settings.queuePrefix,
      PORT: "0",
      ADMIN_USER_IDS: ADMIN_IDS.join(","),
      CELEBRATION_CHANNEL_ID,
      LOG_LEVEL: settings.logLevel,
      CHECKIN_SWEEP_INTERVAL_MS: PLAYGROUND_SWEEP_MS,
      SHUTDOWN_TIMEOUT_MS: "3000",
    }),
    { logger },
  );
  const botUrl = `http://127.0.0.1:${bot.port}`;
  workspace = new Workspace(
    store,
    api,
    clock,
    triggers,
    new BotLink(botUrl, signingSecret),
    server.url,
  );
  scenario = new Scenario(workspace);
  return {
    url: server.url,
    botUrl,
    async stop() {
      await server.close();
      await bot.stop();
      await redis.quit().catch(() => redis.disconnect());
      await store.close();
    },
  };
}
