import { Writable } from "node:stream";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import mongoose, { type Connection } from "mongoose";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { type RunningBot, startBot } from "../../src/bot.js";
import { RedisReadCache } from "../../src/cache/read-cache.js";
import { type Config, loadConfig } from "../../src/config.js";
import { Database } from "../../src/db/database.js";
import { QUEUE_NAMES } from "../../src/jobs/registry.js";
import { createLogger } from "../../src/logger.js";
import type { RetryDelays } from "../../src/slack/slack-identity.js";
import { testMongoUri, testRedisUrl, uniqueName } from "./isolation.js";
import { SlackDouble } from "./slack-double.js";
import { SlackRequests } from "./slack-requests.js";
import { CLOCK_START, TestClock } from "./test-clock.js";

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
  /** One walk of users.list at the injected clock's time. */
  refreshProfilesNow: RunningBot["refreshProfilesNow"];
  /**
   * Makes the running bot as good as a new one, so the tests of a file can share it (a bot takes
   * about 0.3 s of CPU to start): no job and no key left under its prefix, every collection
   * empty, the double back to the cast with nothing recorded, the clock at its start, no logs.
   * Only its metrics (counters since start) are not reset.
   */
  reset(): Promise<void>;
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
    // And the walk of users.list: bot.refreshProfilesNow().
    PROFILE_REFRESH_INTERVAL_MS: "0",
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
  // The tests' own writes drop the bot's cached reads, as another replica's would.
  const cacheRedis = new Redis(config.redisUrl, { maxRetriesPerRequest: 1 });
  const readCache = new RedisReadCache(cacheRedis, config.queuePrefix, (err) => {
    throw err;
  });
  const db = await Database.connect(config.mongodbUri, undefined, readCache);
  let resetter: BotResetter | undefined;
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
    refreshProfilesNow: () => bot.refreshProfilesNow(),
    async reset() {
      resetter ??= await BotResetter.connect(config);
      await resetter.emptyQueuesAndKeys();
      await resetter.emptyCollections();
      double.resetAll();
      addCast(double);
      clock.set(CLOCK_START);
      logs.length = 0;
    },
    async stop() {
      await bot.stop();
      await resetter?.close();
      await db.close();
      await cacheRedis.quit();
      await double.close();
    },
  };
}

/**
 * The file's bot, for a file whose tests all want one with the same settings: started before the
 * first test, reset before each (so each test meets a bot as good as new, then `setUp` runs),
 * stopped after the last. Call it at the top of the file; what it returns always stands for the
 * running bot.
 */
export function sharedTestBot(
  env: Record<string, string> = {},
  setUp: (bot: TestBot) => void = () => undefined,
): TestBot {
  let running: TestBot | undefined;
  const current = (): TestBot => {
    if (!running) throw new Error("sharedTestBot: used outside a test of its file");
    return running;
  };
  beforeAll(async () => {
    running = await startTestBot(env);
  });
  beforeEach(async () => {
    await current().reset();
    setUp(current());
  });
  afterAll(() => running?.stop());
  return new Proxy({} as TestBot, { get: (_, key) => Reflect.get(current(), key) });
}

/**
 * The bots of one test file whose tests each start their own (with settings of their own): a bot
 * a test released is reset and handed to a later test asking for the same settings. Bots that
 * share another's database or queue prefix (a second replica), or that were scripted before they
 * started, serve one test only: `release()` stops them.
 */
export class TestBots {
  private readonly idle = new Map<string, TestBot[]>();
  private readonly taken: Array<{ key: string | null; bot: TestBot }> = [];

  async start(
    env: Record<string, string> = {},
    options: Parameters<typeof startTestBot>[1] = {},
  ): Promise<TestBot> {
    const own = Object.keys(options).length === 0 && !env.MONGODB_URI && !env.QUEUE_PREFIX;
    const key = own ? JSON.stringify(Object.entries(env).sort()) : null;
    const reused = key === null ? undefined : this.idle.get(key)?.pop();
    if (reused) await reused.reset();
    const bot = reused ?? (await startTestBot(env, options));
    this.taken.push({ key, bot });
    return bot;
  }

  /** The bots handed out since the last release, oldest first. */
  inUse(): TestBot[] {
    return this.taken.map(({ bot }) => bot);
  }

  /** At the end of a test: replicas stop (newest first), the others wait for the next test. */
  async release(): Promise<void> {
    for (const { key, bot } of this.taken.splice(0).reverse()) {
      if (key === null) {
        await bot.stop();
      } else {
        this.idle.set(key, [...(this.idle.get(key) ?? []), bot]);
      }
    }
  }

  async stopAll(): Promise<void> {
    await this.release();
    for (const bot of [...this.idle.values()].flat()) await bot.stop();
    this.idle.clear();
  }
}

/** The bot's queues, Redis keys and collections, emptied from the outside between two tests. */
class BotResetter {
  private constructor(
    private readonly config: Config,
    private readonly redis: Redis,
    private readonly queues: Queue[],
    private readonly mongo: Connection,
  ) {}

  static async connect(config: Config): Promise<BotResetter> {
    const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
    const prefix = config.queuePrefix;
    const queues = QUEUE_NAMES.map((name) => new Queue(name, { connection: redis, prefix }));
    const mongo = await mongoose.createConnection(config.mongodbUri).asPromise();
    return new BotResetter(config, redis, queues, mongo);
  }

  /**
   * Paused queues hand out no new job, so once none is active nothing more runs; then every key
   * of the prefix goes (jobs, pause flags, locks, pacing, dedupe, rate limits, DM channel ids).
   */
  async emptyQueuesAndKeys(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.pause()));
    for (let polls = 0; ; polls++) {
      const active = await Promise.all(this.queues.map((queue) => queue.getActiveCount()));
      if (active.every((n) => n === 0)) break;
      if (polls > 500) throw new Error(`reset: jobs still active after 10 s: ${active.join(", ")}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const keys = this.redis.scanStream({ match: `${this.config.queuePrefix}:*`, count: 1000 });
    for await (const batch of keys as AsyncIterable<string[]>) {
      if (batch.length > 0) await this.redis.unlink(...batch);
    }
  }

  /** Documents only: the collections and their indexes stay, as the bot created them. */
  async emptyCollections(): Promise<void> {
    const db = this.mongo.db;
    if (!db) throw new Error("reset: no MongoDB connection");
    const collections = await db.listCollections({}, { nameOnly: true }).toArray();
    await Promise.all(collections.map(({ name }) => db.collection(name).deleteMany({})));
  }

  async close(): Promise<void> {
    await Promise.all(this.queues.map((queue) => queue.close()));
    await this.redis.quit();
    await this.mongo.close();
  }
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
