import { z } from "zod";
import { readHolidaysFile } from "./holidays-file.js";

/**
 * The only place that reads `process.env`. Everything else receives a frozen
 * `Config`, so a typo in a variable name fails at start-up, not at 3 a.m.
 */

const slackUserId = /^[UW][A-Z0-9]{2,}$/;

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** The bot token travels with every Web API call: only TLS, or a mock on this machine. */
const httpsOrLoopback = (url: string): boolean => {
  if (!URL.canParse(url)) return true; // z.url() has already named the problem.
  const { protocol, hostname } = new URL(url);
  if (protocol === "https:") return true;
  const loopback =
    hostname === "localhost" || /^127\.\d+\.\d+\.\d+$/.test(hostname) || hostname === "[::1]";
  return protocol === "http:" && loopback;
};

/** The message of a value that is no whole number; loadConfig adds what it got. */
const NOT_WHOLE = "must be a whole number";

/** A whole number from the environment ("8080"); anything else is named with what was given. */
const wholeNumber = () => z.coerce.number({ error: NOT_WHOLE }).int(NOT_WHOLE);

/** Node fires a timer longer than this (2^31 - 1 ms, about 24.8 days) after 1 ms instead. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * How often a periodic job runs: 0 turns it off. Under a second it would keep a worker busy, and
 * past MAX_TIMER_MS (or `maxMs`, when lower) Node's timers misfire.
 */
const periodMs = (fallback: number, maxMs = MAX_TIMER_MS, maxMessage?: string) =>
  wholeNumber()
    .min(0, "must be 0 (off) or a number of milliseconds")
    .max(maxMs, maxMessage ?? `must be ${maxMs} ms (about 24.8 days) or less`)
    .refine((ms) => ms === 0 || ms >= 1_000, "must be 0 (off) or 1000 ms (a second) or more")
    .default(fallback);

const secret = (what: string) => z.string().min(8, `must be at least 8 characters (${what})`);

const envSchema = z.object({
  SLACK_BOT_TOKEN: z.string().startsWith("xoxb-", "must be a bot token starting with xoxb-"),
  SLACK_SIGNING_SECRET: z.string().min(1, "is required"),
  SLACK_APP_TOKEN: z
    .string()
    .startsWith("xapp-", "must be an app-level token starting with xapp-")
    .optional(),
  SLACK_TEAM_ID: z
    .string()
    .regex(/^T[A-Z0-9]{2,}$/, "must be a workspace id such as T012ABCDEF")
    .optional(),
  SLACK_API_URL: z
    .url("must be a URL such as https://slack.com/api/")
    .refine(httpsOrLoopback, "must be https:// (plain http:// only on a loopback address)")
    .optional(),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, "must be a mongodb:// or mongodb+srv:// URI")
    .default("mongodb://127.0.0.1:27017/mentorship"),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must be a redis:// or rediss:// URL")
    .default("redis://127.0.0.1:6379"),
  PORT: wholeNumber().min(0, "must be 0 to 65535").max(65535, "must be 0 to 65535").default(3000),
  ROLE: z.enum(["all", "web", "worker"]).default("all"),
  ADMIN_USER_IDS: z
    .string()
    .default("")
    .transform((raw) =>
      raw
        .split(",")
        .map((id) => id.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(slackUserId, "must be Slack user ids such as U012ABCDEF"))),
  CELEBRATION_CHANNEL_ID: z
    .string()
    .regex(/^[CG][A-Z0-9]{2,}$/, "must be a channel id such as C012ABCDEF")
    .optional(),
  DEFAULT_TIMEZONE: z
    .string()
    .refine(isTimeZone, "must be an IANA time zone such as Europe/Berlin")
    .default("UTC"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, "may hold only letters, digits, _ and -")
    .default("mentorship"),
  COMMANDS_PER_MINUTE: wholeNumber().positive("must be 1 or more").default(20),
  // main.ts stops hard 5 s after it, on a Node timer.
  SHUTDOWN_TIMEOUT_MS: wholeNumber()
    .positive("must be 1 ms or more")
    .max(MAX_TIMER_MS - 5_000, `must be ${MAX_TIMER_MS - 5_000} ms (about 24.8 days) or less`)
    .default(10_000),
  CHECKIN_SWEEP_INTERVAL_MS: periodMs(60_000),
  CHECKIN_SWEEP_PAGES: wholeNumber()
    .min(1, "must be 1 or more pages")
    .max(100, "must be 100 pages or fewer")
    .default(2),
  // At most a day: a cached profile is trusted that long, and the walk keeps them under it.
  PROFILE_REFRESH_INTERVAL_MS: periodMs(
    43_200_000,
    86_400_000,
    "must be a day (86400000) or less: profiles are trusted for a day",
  ),
  METRICS_TOKEN: secret("a bearer token").optional(),
  // Basic auth sends "user:password": a user name holding ':' could never log in.
  QUEUE_DASHBOARD_USER: z
    .string()
    .min(1)
    .refine((user) => !user.includes(":"), "must not contain ':' (basic auth splits there)")
    .optional(),
  QUEUE_DASHBOARD_PASSWORD: secret("a password").optional(),
  // A million days at most (99999 is a common "keep for good"): around a hundred million, the
  // purge's cutoff would fall before the earliest date a Date can hold and every purge fail.
  AUDIT_RETENTION_DAYS: wholeNumber()
    .min(1, "must be 1 or more days")
    .max(1_000_000, "must be 1000000 days or fewer (use 99999 to keep entries for good)")
    .default(365),
  RETENTION_SWEEP_INTERVAL_MS: periodMs(3_600_000),
  // Read and parsed here, once: a broken holidays file stops the bot at start-up, not at 3 a.m.
  HOLIDAYS_FILE: z
    .string()
    .transform((path, ctx) => {
      try {
        return readHolidaysFile(path);
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message });
        return z.NEVER;
      }
    })
    .optional(),
  // Playground mode: the bot talks to the local playground instead of Slack and reads a shared,
  // movable clock. Only loopback Slack URLs, never with NODE_ENV=production or Socket Mode.
  PLAYGROUND: z.enum(["true", "false"]).default("false"),
  // Pace Slack methods of a known tier (users.info, conversations.open...) before Slack says
  // 429. Off only against a stand-in for Slack that has no rate limits (tests, fault runs).
  SLACK_PACING: z.enum(["on", "off"]).default("on"),
  NODE_ENV: z.string().optional(),
});

/** Where a playground bot may send its Web API calls: this machine only. */
const isLoopbackUrl = (url: string | undefined): boolean =>
  url !== undefined && /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\//.test(url);

/** One schema issue as a sentence naming its variable. */
function problemOf(issue: z.core.$ZodIssue, present: Record<string, string | undefined>): string {
  const name = issue.path.join(".");
  if (issue.code === "invalid_type" && present[name] === undefined) return `${name} is required`;
  // Numbers are never secret: show what was given, as a person would have typed it.
  if (issue.message === NOT_WHOLE) return `${name} ${NOT_WHOLE}, got '${present[name]}'`;
  return `${name} ${issue.message}`;
}

/** Variables that only work together; read from the raw values, so they are checked at once. */
function pairingProblems(env: Record<string, string | undefined>): string[] {
  if (Boolean(env.QUEUE_DASHBOARD_USER) === Boolean(env.QUEUE_DASHBOARD_PASSWORD)) return [];
  return ["QUEUE_DASHBOARD_USER and QUEUE_DASHBOARD_PASSWORD must be set together (or neither)"];
}

function playgroundProblems(env: Record<string, string | undefined>): string[] {
  if (env.PLAYGROUND !== "true") return [];
  const problems: string[] = [];
  if (env.NODE_ENV === "production")
    problems.push("PLAYGROUND cannot be used with NODE_ENV=production");
  if (!isLoopbackUrl(env.SLACK_API_URL)) {
    problems.push("PLAYGROUND needs SLACK_API_URL on this machine (http://127.0.0.1:PORT/api/)");
  }
  if (env.SLACK_APP_TOKEN) problems.push("PLAYGROUND cannot be used with SLACK_APP_TOKEN");
  return problems;
}

export type Role = "all" | "web" | "worker";

export interface Config {
  readonly slack: {
    readonly botToken: string;
    readonly signingSecret: string;
    readonly appToken: string | undefined;
    readonly apiUrl: string | undefined;
    /** The one workspace served; payloads from any other are refused. Unset: no check. */
    readonly teamId: string | undefined;
    /** Workers pace methods of a known tier through a token bucket shared in Redis. */
    readonly pacing: boolean;
  };
  readonly mongodbUri: string;
  readonly redisUrl: string;
  readonly port: number;
  readonly role: Role;
  readonly adminUserIds: readonly string[];
  readonly celebrationChannelId: string | undefined;
  readonly defaultTimezone: string;
  readonly logLevel: string;
  readonly queuePrefix: string;
  readonly shutdownTimeoutMs: number;
  /** Commands and button clicks one person may make per minute, across replicas. */
  readonly commandsPerMinute: number;
  /** How often workers sweep MongoDB for due check-ins; 0 turns the automatic sweep off. */
  readonly checkinSweepIntervalMs: number;
  /** Pages of due pairs (1,000 each) one sweep takes; the next sweep goes on with the rest. */
  readonly checkinSweepPages: number;
  /** How often workers walk users.list to refresh every cached profile; 0 turns it off. */
  readonly profileRefreshIntervalMs: number;
  /** When set, GET /metrics needs `Authorization: Bearer <token>`. */
  readonly metricsToken: string | undefined;
  /** Bull Board at /admin/queues (web role) with these basic-auth credentials; unset: off. */
  readonly queueDashboard: { readonly user: string; readonly password: string } | undefined;
  readonly retention: {
    readonly auditDays: number;
    /** How often workers purge expired records; 0 turns it off. */
    readonly sweepIntervalMs: number;
  };
  /** Company holidays from HOLIDAYS_FILE, as local dates ("2026-12-25"), sorted; nothing is delivered on them. */
  readonly holidays: readonly string[];
  /** Playground mode: Slack is the local playground and the clock is shared through Redis. */
  readonly playground: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Parses and validates the environment once; throws a ConfigError naming every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // `FOO=` in a .env file means "not set", not "set to the empty string".
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ""),
  );
  const parsed = envSchema.safeParse(present);
  // Every problem at once: each variable on its own, then those that go together.
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => problemOf(i, present));
  problems.push(...pairingProblems(present), ...playgroundProblems(present));
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  return deepFreeze({
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
      teamId: e.SLACK_TEAM_ID,
      pacing: e.SLACK_PACING === "on",
    },
    mongodbUri: e.MONGODB_URI,
    redisUrl: e.REDIS_URL,
    port: e.PORT,
    role: e.ROLE,
    adminUserIds: e.ADMIN_USER_IDS,
    celebrationChannelId: e.CELEBRATION_CHANNEL_ID,
    defaultTimezone: e.DEFAULT_TIMEZONE,
    logLevel: e.LOG_LEVEL,
    queuePrefix: e.QUEUE_PREFIX,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    commandsPerMinute: e.COMMANDS_PER_MINUTE,
    checkinSweepIntervalMs: e.CHECKIN_SWEEP_INTERVAL_MS,
    checkinSweepPages: e.CHECKIN_SWEEP_PAGES,
    profileRefreshIntervalMs: e.PROFILE_REFRESH_INTERVAL_MS,
    metricsToken: e.METRICS_TOKEN,
    queueDashboard:
      e.QUEUE_DASHBOARD_USER && e.QUEUE_DASHBOARD_PASSWORD
        ? { user: e.QUEUE_DASHBOARD_USER, password: e.QUEUE_DASHBOARD_PASSWORD }
        : undefined,
    retention: {
      auditDays: e.AUDIT_RETENTION_DAYS,
      sweepIntervalMs: e.RETENTION_SWEEP_INTERVAL_MS,
    },
    holidays: e.HOLIDAYS_FILE ?? [],
    playground: e.PLAYGROUND === "true",
  });
}

function deepFreeze<T extends object>(value: T): T {
  for (const inner of Object.values(value)) {
    if (inner && typeof inner === "object") deepFreeze(inner);
  }
  return Object.freeze(value);
}

const loopbackServer = (scheme: string) =>
  new RegExp(`^${scheme}://([^@/]*@)?(127\\.0\\.0\\.1|localhost|\\[::1\\])(:\\d+)?(/|$|\\?)`);

const playgroundSchema = z.object({
  PLAYGROUND_PORT: wholeNumber()
    .min(0, "must be 0 to 65535")
    .max(65535, "must be 0 to 65535")
    .default(3100),
  MONGODB_URI: z
    .string()
    .regex(loopbackServer("mongodb"), "must be a mongodb:// URI on this machine in the playground")
    .default("mongodb://127.0.0.1:27017/mentorship_playground"),
  REDIS_URL: z
    .string()
    .regex(loopbackServer("redis"), "must be a redis:// URL on this machine in the playground")
    .default("redis://127.0.0.1:6379"),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, "may hold only letters, digits, _ and -")
    .default("playground"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("warn"),
});

export interface PlaygroundSettings {
  readonly port: number;
  readonly mongodbUri: string;
  readonly redisUrl: string;
  readonly queuePrefix: string;
  readonly logLevel: string;
}

/**
 * Settings of `npm run playground`. It refuses real Slack credentials and production, so a
 * playground can never be mistaken for (or talk to) a real workspace.
 */
export function loadPlaygroundSettings(env: NodeJS.ProcessEnv = process.env): PlaygroundSettings {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ""),
  );
  const problems = ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"]
    .filter((name) => present[name] !== undefined)
    .map((name) => `${name} is set: the playground never runs with real Slack credentials`);
  if (present.NODE_ENV === "production") problems.push("NODE_ENV=production: not a playground");
  const parsed = playgroundSchema.safeParse(present);
  if (!parsed.success) {
    problems.push(...parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`));
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  const e = parsed.data;
  return Object.freeze({
    port: e.PLAYGROUND_PORT,
    mongodbUri: withPlaygroundDatabase(e.MONGODB_URI),
    redisUrl: e.REDIS_URL,
    queuePrefix: e.QUEUE_PREFIX.includes(PLAYGROUND_MARK) ? e.QUEUE_PREFIX : PLAYGROUND_MARK,
    logLevel: e.LOG_LEVEL,
  });
}

/**
 * The playground moves its clock and sweeps every pair in its database, so it never uses the
 * bot's own: `npm run playground` reads the same `.env` as the bot, whose MONGODB_URI and
 * QUEUE_PREFIX name the bot's database and queues. It keeps their servers, and a database name
 * and queue prefix holding "playground" (its own by default).
 */
const PLAYGROUND_MARK = "playground";
const PLAYGROUND_DATABASE = "mentorship_playground";

function withPlaygroundDatabase(uri: string): string {
  const [, server = uri, database = "", options = ""] =
    /^(mongodb:\/\/[^/?]*)(?:\/([^?]*))?(\?.*)?$/.exec(uri) ?? [];
  const kept = database.includes(PLAYGROUND_MARK) ? database : PLAYGROUND_DATABASE;
  return `${server}/${kept}${options}`;
}
