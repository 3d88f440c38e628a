import { Writable } from "node:stream";
import { type RunningBot, startBot } from "../../src/bot.js";
import { type Config, loadConfig } from "../../src/config.js";
import { Database } from "../../src/db/database.js";
import { createLogger } from "../../src/logger.js";
import type { RetryDelays } from "../../src/slack/slack-identity.js";
import { testMongoUri, testRedisUrl, uniqueName } from "./isolation.js";
import { SlackDouble } from "./slack-double.js";
import { SlackRequests } from "./slack-requests.js";
import { TestClock } from "./test-clock.js";

/** The cast every end-to-end test can use: known to the Slack double's users.info. */
export const PEOPLE = {
  admin: "UADMIN01",
  mentor: "UMENTOR1",
  mentee: "UMENTEE1",
  other: "UOTHER01",
  bot: "UBOTTY01",
  gone: "UGONE001",
} as const;

export const SIGNING_SECRET = "test-signing-secret";
export const BOT_TOKEN = "xoxb-test-token-not-real";

export interface LogRecord {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface TestBot {
  config: Config;
  appUrl: string;
  double: SlackDouble;
  slack: SlackRequests;
  /** A second connection to the bot's own database, for asserting what was written. */
  db: Database;
  clock: TestClock;
  logs: LogRecord[];
  /** One check-in sweep at the injected clock's time. */
  sweepNow: RunningBot["sweepNow"];
  /** One retention purge at the injected clock's time. */
  purgeNow: RunningBot["purgeNow"];
  stop(): Promise<void>;
}

/**
 * The real bot (Bolt over HTTP, BullMQ workers, MongoDB, Redis) on a fresh
 * database and queue prefix, talking to a fresh Slack double.
 */
export async function startTestBot(
  env: Record<string, string> = {},
  options: {
    /** Scripts the double before the bot starts (e.g. auth.test failing at start-up). */
    beforeStart?: (double: SlackDouble) => void;
    slackRetry?: RetryDelays;
  } = {},
): Promise<TestBot> {
  const double = await SlackDouble.start();
  addCast(double);
  options.beforeStart?.(double);
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: double.apiUrl,
    MONGODB_URI: testMongoUri(uniqueName("bot")),
    REDIS_URL: testRedisUrl(),
    QUEUE_PREFIX: uniqueName("q"),
    PORT: "0",
    ADMIN_USER_IDS: PEOPLE.admin,
    LOG_LEVEL: "info",
    SHUTDOWN_TIMEOUT_MS: "3000",
    // Tests run sweeps themselves, at the injected clock's time: bot.sweepNow().
    CHECKIN_SWEEP_INTERVAL_MS: "0",
    // Likewise the retention purge: bot.purgeNow().
    RETENTION_SWEEP_INTERVAL_MS: "0",
    // The injected clock stands still, so one test's commands all fall in one minute.
    COMMANDS_PER_MINUTE: "1000",
    // The double has no rate limits unless a test turns them on (pacing has its own tests).
    SLACK_PACING: "off",
    ...env,
  });
  const logs: LogRecord[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) logs.push(JSON.parse(line));
      done();
    },
  });
  const clock = new TestClock();
  // Message timestamps on the bot's clock, so conversations.history's `oldest` means the same time.
  double.useClock(() => clock.now().getTime());
  const bot = await startBot(config, {
    logger: createLogger(config.logLevel, sink),
    clock,
    ...(options.slackRetry ? { slackRetry: options.slackRetry } : {}),
  });
  const appUrl = `http://127.0.0.1:${bot.port}`;
  const db = await Database.connect(config.mongodbUri);
  return {
    config,
    appUrl,
    double,
    slack: new SlackRequests({ appUrl, signingSecret: SIGNING_SECRET, double }),
    db,
    clock,
    logs,
    sweepNow: () => bot.sweepNow(),
    purgeNow: () => bot.purgeNow(),
    async stop() {
      await bot.stop();
      await db.close();
      await double.close();
    },
  };
}

function addCast(double: SlackDouble): void {
  double.addUser({ id: PEOPLE.admin, name: "ada", realName: "Ada Admin", tz: "Europe/Berlin" });
  double.addUser({
    id: PEOPLE.mentor,
    name: "maria",
    realName: "Maria Mentor",
    tz: "America/New_York",
  });
  double.addUser({ id: PEOPLE.mentee, name: "sam", realName: "Sam Mentee", tz: "Asia/Kolkata" });
  double.addUser({ id: PEOPLE.other, name: "olly", realName: "Olly Other" });
  double.addUser({ id: PEOPLE.bot, name: "helperbot", realName: "Helper Bot", isBot: true });
  double.addUser({ id: PEOPLE.gone, name: "gone", realName: "Gone Person", deleted: true });
}

/** Slack's escaped mention, as `should_escape: true` delivers it. */
export const at = (userId: string, name = userId.toLowerCase()) => `<@${userId}|${name}>`;

/** Error-level (50+) log lines: a bad input must never produce one. */
export const errorLogs = (bot: TestBot) => bot.logs.filter((line) => line.level >= 50);
