// The speed and memory report (`npm run bench`): the real bot (Bolt over HTTP, BullMQ workers,
// MongoDB-wire server, Redis) against the Slack double, on loopback only, with a clock the
// bench controls. Figures are printed against targets; a missed target is reported, not failed.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import os from "node:os";
import { Writable } from "node:stream";
import v8 from "node:v8";
import { runInNewContext } from "node:vm";
import { Redis } from "ioredis";
import mongoose from "mongoose";
import { type RunningBot, startBot } from "../src/bot.js";
import { RedisReadCache } from "../src/cache/read-cache.js";
import { loadConfig } from "../src/config.js";
import { Database } from "../src/db/database.js";
import { type Cadence, DEFAULT_CADENCE, nextOccurrence } from "../src/domain/cadence.js";
import { CHECKIN_SWEEP_PAGE_SIZE } from "../src/domain/checkin-scheduler.js";
import { LOOK_NOW } from "../src/domain/due-index.js";
import { QUEUE_CONCURRENCY } from "../src/jobs/registry.js";
import { createLogger } from "../src/logger.js";
import { type LocalServices, startLocalServices } from "../test/support/local-services.js";
import { notificationsDrained } from "../test/support/queue-drain.js";
import { SlackDouble } from "../test/support/slack-double.js";
import { SlackRequests } from "../test/support/slack-requests.js";
import { TestClock } from "../test/support/test-clock.js";
import { ReplyCatcher, runInterleaved, summarize } from "./command-load.js";
import { startP1Targets } from "./p1-processes.js";
import { benchProcesses, type P4ProcessOptions } from "./p4-processes.js";
import { runPipeline } from "./pipelines.js";
import { formatTable, missed, percentile, type Row } from "./report.js";

const memoryAtStart = process.memoryUsage();

const SIGNING_SECRET = "bench-signing-secret";
const BOT_TOKEN = "xoxb-bench-token-not-real";
const PEOPLE = { admin: "UADMIN01", mentor: "UMENTOR1", mentee: "UMENTEE1" } as const;
const ZONES = ["Europe/Berlin", "America/New_York", "Asia/Kolkata"] as const;
/**
 * The sweep's pairs: zones whose working hours all include the latest of their 10:00 slots
 * (New York's), so every check-in goes out at once and none waits for the next morning.
 */
const SWEEP_ZONES = ["Europe/Berlin", "America/New_York", "Europe/London"] as const;
/** Monday 2026-11-23 15:00Z, as in the end-to-end tests. */
const START = new Date("2026-11-23T15:00:00Z");

// Sizes and bounds (the whole bench must stay under ~2 minutes on 2 cores).
const CADENCE_CALLS = 200_000;
const CADENCE_TIME_CAP_MS = 10_000;
const HELP_REQUESTS = 200;
const ROADMAP_REQUESTS = 100;
const ROADMAP_MILESTONES = 20;
const WARMUP_REQUESTS = 10;
const PAIRS = 2_000;
/** P1: signed commands per app and per command, how many at once, and per alternating block. */
const LOAD_COMMANDS = Number(process.env.BENCH_P1_COMMANDS ?? 3_000);
const LOAD_CONCURRENCY = 50;
const LOAD_BLOCK = 500;
/** P1's web process counts its database commands unless BENCH_P1_DB_PROFILE=0 (to see the cost). */
const LOAD_DB_PROFILE = process.env.BENCH_P1_DB_PROFILE !== "0";
/**
 * FerretDB 1.24 on SQLite scans the whole collection for an update whose filter is more than
 * `_id` (the sweep's compare-and-set `{ _id, nextCheckinAt }`): ~115 ms a call at 2,000 pairs, so
 * the sweep is quadratic there and 2,000 pairs take well over 10 minutes. On FerretDB the sweep
 * runs this many pairs unless BENCH_PAIRS says otherwise.
 */
const FERRETDB_PAIRS = 200;
const CREATE_CONCURRENCY = 8;
/** The bot's JobWorkers run this many check-ins at a time; the bare pipelines do the same. */
const BOT_WORKER_CONCURRENCY = QUEUE_CONCURRENCY.notifications;
/** Pipeline (b) also runs at the bot's concurrency of before, in case it does better there. */
const PIPELINE_BASE_CONCURRENCY = 5;
const MAX_SWEEP_PASSES = 20;
const DM_DEADLINE_MS = 300_000;
const REPLY_TIMEOUT_MS = 10_000;

const rows: Row[] = [];
/** Breakdowns printed under the table. */
const breakdown: string[] = [];
/** MongoDB commands the bot sent (driver command monitoring), inside a sweep or not. */
const commands = { sweep: 0, other: 0 };
const inSweep = new AsyncLocalStorage<boolean>();
/**
 * Where the delivery's database time goes: the bot's commands outside the sweep, by command
 * and collection, with the driver's measured round trip (count, summed ms).
 */
const commandProfile = new Map<string, { count: number; ms: number }>();
const profiledCommands = new Map<number, string>();
/** The same for the slot sweep's commands ("update relationships": count and ms summed). */
const sweepProfile = new Map<string, { count: number; ms: number }>();
const sweepCommands = new Map<number, string>();

function logSweepProfile(what: string): void {
  const kinds = [...sweepProfile].map(
    ([kind, { count, ms }]) => `${kind} ${count} ${Math.round(ms)}`,
  );
  log(`  ${what} database commands (count, ms summed): ${kinds.join(", ")}`);
}
const cleanups: Array<{ what: string; run: () => Promise<unknown> }> = [];
let warnLines = 0;

const log = (text: string) => process.stderr.write(`[bench] ${text}\n`);
const mb = (bytes: number) => bytes / 1024 / 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const elapsed = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const userId = (kind: "M" | "E", n: number) => `UB${kind}${String(n).padStart(5, "0")}`;

let cleaning: Promise<void> | undefined;

/** Runs every cleanup once, newest first; a second caller (a signal, say) waits for the first. */
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const { what, run } of cleanups.splice(0).reverse()) {
      try {
        await run();
      } catch (err) {
        log(`cleanup of ${what} failed: ${String(err)}`);
      }
    }
  })();
  return cleaning;
}

/** `<base>/<dbName>`, keeping any `?options` of the base URI after the database. */
function withDatabase(base: string, dbName: string): string {
  const q = base.indexOf("?");
  const host = (q === -1 ? base : base.slice(0, q)).replace(/\/+$/, "");
  return `${host}/${dbName}${q === -1 ? "" : base.slice(q)}`;
}

/** A forced full GC when the flag can be turned on at run time; otherwise a no-op. */
function collectGarbage(): boolean {
  try {
    v8.setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    gc();
    return true;
  } catch {
    return false;
  }
}

// ------------------------------------------------------------------------------------------------
// 1. nextOccurrence, pure and in-process

function benchCadence(): void {
  const cadences: Cadence[] = [
    { frequency: "weekly", weekday: 1, time: "10:00", anchorDate: null },
    { frequency: "biweekly", weekday: 3, time: "09:30", anchorDate: "2026-01-07" },
    { frequency: "monthly", weekday: 5, time: "16:00", anchorDate: null },
  ];
  // "after" instants spread over a year (both DST changes of every zone), at odd minutes.
  const afters = Array.from(
    { length: 997 },
    (_, i) => new Date(Date.UTC(2026, 0, 1) + ((i * 7_919) % 525_600) * 60_000),
  );
  let sink = 0;
  const call = (i: number) => {
    const cadence = cadences[i % 3] as Cadence;
    const zone = ZONES[Math.floor(i / 3) % 3] as string;
    sink += nextOccurrence(cadence, zone, afters[i % afters.length] as Date).getTime() % 7;
  };
  for (let i = 0; i < 300; i++) call(i); // warm-up
  const started = performance.now();
  const deadline = started + CADENCE_TIME_CAP_MS;
  let done = 0;
  while (done < CADENCE_CALLS) {
    // Time checked every 500 calls only, so the clock read does not weigh on the figure.
    for (const end = Math.min(done + 500, CADENCE_CALLS); done < end; done++) call(done);
    if (performance.now() > deadline) break;
  }
  const seconds = (performance.now() - started) / 1000;
  if (sink < 0) log("impossible"); // keeps the results observable
  rows.push({
    name: "nextOccurrence throughput",
    figure: done / seconds,
    unit: "ops/s",
    target: { value: 50_000, better: "higher" },
    note:
      done < CADENCE_CALLS
        ? `${done.toLocaleString("en-US")} of ${CADENCE_CALLS.toLocaleString("en-US")} calls (hit the ${CADENCE_TIME_CAP_MS / 1000} s cap); 3 cadences x 3 zones`
        : `${done.toLocaleString("en-US")} calls; 3 cadences x 3 zones`,
  });
}

// ------------------------------------------------------------------------------------------------
// Environment

/** Which kind of PostgreSQL FerretDB ran on (tools/ferretdb/equality_indexes.go); FERRETDB_EQUALITY_INDEXES=0 turns the twins off. */
function equalityNote(services: LocalServices): string {
  if (services.ferretdbBackend !== "postgresql") return "";
  return services.ferretdbEqualityIndexes
    ? " (equality filters served from GIN twins of its indexes)"
    : " (FerretDB's own pushdown: every filter scans)";
}

async function describeEnvironment(
  services: LocalServices,
  mongoUri: string,
): Promise<{ lines: string[]; ferretdb: boolean }> {
  const lines = [
    `node ${process.version} on ${os.platform()}/${os.arch()}; ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"}); ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM`,
  ];
  const client = new mongoose.mongo.MongoClient(mongoUri, { serverSelectionTimeoutMS: 5_000 });
  let ferretdb = false;
  try {
    const info = await client.db("admin").command({ buildInfo: 1 });
    const ferret =
      info.ferretdbVersion ?? (info.ferretdb as { version?: string } | undefined)?.version;
    ferretdb = ferret !== undefined;
    lines.push(
      ferretdb
        ? `MongoDB wire: FerretDB (buildInfo.ferretdbVersion "${ferret}", reports MongoDB ${info.version}) on ${services.ferretdbBackend ?? "its own backend"}${equalityNote(services)}; much slower than real MongoDB`
        : `MongoDB wire: MongoDB ${info.version} (not FerretDB)`,
    );
  } finally {
    await client.close();
  }
  const redis = new Redis(services.redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await redis.connect();
    const version = /redis_version:(\S+)/.exec(await redis.info("server"))?.[1] ?? "?";
    lines.push(`Redis ${version}`);
  } finally {
    redis.disconnect();
  }
  lines.push(
    `servers: ${process.env.REDIS_URL ? "REDIS_URL" : "local redis-server"}, ${process.env.MONGODB_URI ? "MONGODB_URI" : "local FerretDB"}; the bot, its workers and the Slack double share this process (P1's bot web role and bare Bolt app run as processes of their own)`,
  );
  return { lines, ferretdb };
}

// ------------------------------------------------------------------------------------------------
// 2 + 3. Slash commands over HTTP

interface CommandTimes {
  ack: number[];
  reply: number[];
}

/**
 * Sends `count` signed commands one after the other. ack = send → HTTP response read;
 * reply = send → the response_url post observed by the double (when the reply beats the ack,
 * it is observed, and counted, at ack time: an upper bound).
 */
async function timeCommands(
  slack: SlackRequests,
  double: SlackDouble,
  user: string,
  text: string,
  count: number,
  check: (reply: Record<string, unknown>) => void,
): Promise<CommandTimes> {
  const times: CommandTimes = { ack: [], reply: [] };
  for (let i = 0; i < WARMUP_REQUESTS + count; i++) {
    const started = performance.now();
    const sent = await slack.command(user, text);
    const acked = performance.now();
    if (sent.status !== 200) throw new Error(`/mentor ${text} answered HTTP ${sent.status}`);
    const reply = await double.waitForResponse(sent.responseUrl, REPLY_TIMEOUT_MS);
    const replied = performance.now();
    if (i === 0) check(reply);
    if (i < WARMUP_REQUESTS) continue;
    times.ack.push(acked - started);
    times.reply.push(replied - started);
  }
  return times;
}

function ephemeralContaining(needle: string) {
  return (reply: Record<string, unknown>) => {
    // The blocks too: a long roadmap's notification text names only its first milestones.
    const shown = `${String(reply.text ?? "")}${JSON.stringify(reply.blocks ?? [])}`;
    if (reply.response_type !== "ephemeral" || !shown.includes(needle)) {
      throw new Error(`unexpected reply: ${JSON.stringify(reply).slice(0, 300)}`);
    }
  };
}

async function benchHelp(slack: SlackRequests, double: SlackDouble): Promise<void> {
  const t = await timeCommands(slack, double, PEOPLE.mentor, "help", HELP_REQUESTS, () => {});
  const note = `${HELP_REQUESTS} sequential, after ${WARMUP_REQUESTS} warm-up; Slack's limit is 3,000 ms`;
  rows.push(
    { name: "/mentor help ack p50", figure: percentile(t.ack, 50), unit: "ms", note },
    {
      name: "/mentor help ack p95",
      figure: percentile(t.ack, 95),
      unit: "ms",
      target: { value: 50, better: "lower" },
      note,
    },
    { name: "/mentor help reply p50", figure: percentile(t.reply, 50), unit: "ms" },
    {
      name: "/mentor help reply p95",
      figure: percentile(t.reply, 95),
      unit: "ms",
      target: { value: 200, better: "lower" },
      note: "send -> ephemeral reply (in the ack body, or at response_url)",
    },
  );
}

async function waitUntil(
  what: string,
  ok: () => boolean | Promise<boolean>,
  ms = REPLY_TIMEOUT_MS,
) {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

async function benchRoadmap(
  slack: SlackRequests,
  double: SlackDouble,
  db: Database,
  clock: TestClock,
): Promise<string> {
  const pair = await slack.command(
    PEOPLE.admin,
    `pair <@${PEOPLE.mentor}|maria> <@${PEOPLE.mentee}|sam>`,
  );
  ephemeralContaining("is now mentoring")(
    await double.waitForResponse(pair.responseUrl, REPLY_TIMEOUT_MS),
  );
  const relationship = await db.relationships.findOpenBetween(PEOPLE.mentor, PEOPLE.mentee);
  if (!relationship) throw new Error("the pair command stored no relationship");
  // The introductions go out through the queue; let them land before measuring.
  await waitUntil(
    "the introduction DMs",
    () => double.dmsTo(PEOPLE.mentor).length > 0 && double.dmsTo(PEOPLE.mentee).length > 0,
  );
  for (let n = 1; n <= ROADMAP_MILESTONES; n++) {
    await db.milestones.add(relationship.id, {
      title: `Bench milestone ${n}`,
      description: `Step ${n} of the bench roadmap, with a sentence of detail.`,
      dueDate: n % 2 === 0 ? `2027-${String(1 + (n % 12)).padStart(2, "0")}-15` : null,
      createdBy: PEOPLE.mentor,
      now: clock.now(),
    });
  }
  const last = `Bench milestone ${ROADMAP_MILESTONES}`;
  const t = await timeCommands(
    slack,
    double,
    PEOPLE.mentee,
    "roadmap",
    ROADMAP_REQUESTS,
    ephemeralContaining(last),
  );
  const note = `${ROADMAP_MILESTONES} milestones; ${ROADMAP_REQUESTS} sequential, after ${WARMUP_REQUESTS} warm-up`;
  rows.push(
    { name: "/mentor roadmap reply p50", figure: percentile(t.reply, 50), unit: "ms", note },
    {
      name: "/mentor roadmap reply p95",
      figure: percentile(t.reply, 95),
      unit: "ms",
      target: { value: 300, better: "lower" },
      note: `ack p95 ${percentile(t.ack, 95).toFixed(1)} ms`,
    },
  );
  return relationship.id;
}

// ------------------------------------------------------------------------------------------------
// P1. The bot's commands under load against a bare Bolt app (issue 14)

async function benchCommandLoad(botEnv: Record<string, string>, now: Date): Promise<void> {
  const catcher = await ReplyCatcher.start();
  cleanups.push({ what: "reply catcher", run: () => catcher.close() });
  const targets = await startP1Targets({
    botEnv,
    signingSecret: SIGNING_SECRET,
    now,
    countDbCommands: LOAD_DB_PROFILE,
  });
  cleanups.push({ what: "P1 processes", run: () => targets.stop() });
  const commands = [
    { label: "help", user: PEOPLE.mentor, text: "help", needle: "/mentor" },
    {
      label: `roadmap (${ROADMAP_MILESTONES} milestones)`,
      user: PEOPLE.mentee,
      text: "roadmap",
      needle: `Bench milestone ${ROADMAP_MILESTONES}`,
    },
    { label: "log", user: PEOPLE.mentee, text: "log 1 Read a chapter", needle: "Progress logged" },
  ];
  for (const command of commands) {
    const check = (reply: Record<string, unknown>) =>
      JSON.stringify(reply).includes(command.needle);
    // The bare app answers with the bot's own reply to this command: the same size.
    let reply: Record<string, unknown> = {};
    const sample = await runInterleaved({
      targets: [{ name: "bot", url: targets.botUrl }],
      signingSecret: SIGNING_SECRET,
      catcher,
      users: [command.user],
      text: command.text,
      count: 1,
      concurrency: 1,
      block: 1,
      replyTimeoutMs: REPLY_TIMEOUT_MS,
      check: (sampled) => {
        reply = sampled;
        return check(sampled);
      },
    });
    if (sample.get("bot")?.failures) {
      throw new Error(`/mentor ${command.text}: ${JSON.stringify(reply)}`);
    }
    await targets.mirror(command.text, reply);
    // The web process's counts from here on (its start-up's and the sample's are dropped).
    await targets.dbProfile();
    const figures = await runInterleaved({
      targets: [
        { name: "bare", url: targets.bareUrl },
        { name: "bot", url: targets.botUrl },
      ],
      signingSecret: SIGNING_SECRET,
      catcher,
      users: [command.user],
      text: command.text,
      count: LOAD_COMMANDS,
      concurrency: LOAD_CONCURRENCY,
      block: LOAD_BLOCK,
      replyTimeoutMs: REPLY_TIMEOUT_MS,
      check,
    });
    const profile = await targets.dbProfile();
    const botF = figures.get("bot");
    const bareF = figures.get("bare");
    if (!botF || !bareF) throw new Error("no figures");
    const b = summarize(botF);
    const a = summarize(bareF);
    const failed = botF.failures + bareF.failures;
    const note = `bot ${b.p99.toFixed(0)} ms / bare ${a.p99.toFixed(0)} ms (p50 ${b.p50.toFixed(0)} / ${a.p50.toFixed(0)}); ${botF.inAck} bot replies in the ack body${failed ? `; FAILED bot ${botF.failures}, bare ${bareF.failures}` : ""}`;
    rows.push(
      {
        name: `P1 ${command.label} p99, bot/bare`,
        figure: b.p99 / a.p99,
        unit: "x",
        target: { value: 1.3, better: "lower" },
        note,
      },
      {
        name: `P1 ${command.label} throughput, bot/bare`,
        figure: b.perSecond / a.perSecond,
        unit: "x",
        target: { value: 0.75, better: "higher" },
        note: `bot ${b.perSecond.toFixed(0)}/s, bare ${a.perSecond.toFixed(0)}/s; ${LOAD_COMMANDS} each at ${LOAD_CONCURRENCY} concurrent, ${LOAD_COMMANDS > LOAD_BLOCK ? `blocks of ${LOAD_BLOCK} alternating` : "one block each"}`,
      },
    );
    log(`  P1 ${command.label}: ${note}`);
    const lines = [`P1 ${command.label}, database commands per bot command (web process):`];
    if (!profile) lines.push("  not counted (BENCH_P1_DB_PROFILE=0)");
    for (const [key, { count, ms }] of [...(profile ?? [])].sort((x, y) => y[1].ms - x[1].ms)) {
      lines.push(
        `  ${key.padEnd(34)} ${(count / LOAD_COMMANDS).toFixed(2).padStart(6)} cmds  (${(ms / count).toFixed(2)} ms each, under the load)`,
      );
    }
    if (lines.length === 1) lines.push("  none");
    breakdown.push(...lines, "");
  }
  const peaks = targets.peaks();
  const warnings = targets.warnings();
  warnLines += warnings.length;
  for (const line of warnings.slice(0, 5)) log(`  web: ${line.slice(0, 300)}`);
  const started = targets.started;
  await targets.stop();
  rows.push(
    {
      name: "P1 web process RSS, peak",
      figure: peaks.web,
      unit: "MB",
      note: `VmHWM after P1's three loads; ${started}`,
    },
    {
      name: "P1 bare Bolt process RSS, peak",
      figure: peaks.bare,
      unit: "MB",
      note: "VmHWM after P1's three loads",
    },
  );
}

// ------------------------------------------------------------------------------------------------
// P2. Bare BullMQ pipelines on the same Redis, double and database (issue 14)

/** Jobs a second of each bare pipeline (bench/pipelines.ts). */
interface Pipelines {
  a: number;
  b: number;
  c: number;
}

async function benchPipelines(
  redisUrl: string,
  double: SlackDouble,
  mongodbUri: string,
  jobs: number,
): Promise<Pipelines> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  try {
    const common = {
      redis,
      prefix: `bench_pipe_${randomBytes(3).toString("hex")}`,
      apiUrl: double.apiUrl,
      token: BOT_TOKEN,
      jobs,
      concurrency: BOT_WORKER_CONCURRENCY,
    };
    const a = await runPipeline(common);
    double.reset();
    const bAsBot = await runPipeline({ ...common, mongodbUri });
    double.reset();
    // More jobs at once can make (b) slower on FerretDB (its commands wait on one another), so
    // the limit is the better of the bot's concurrency and the earlier 5.
    const bAtFive =
      BOT_WORKER_CONCURRENCY === PIPELINE_BASE_CONCURRENCY
        ? bAsBot
        : await runPipeline({ ...common, mongodbUri, concurrency: PIPELINE_BASE_CONCURRENCY });
    double.reset();
    const b = Math.max(bAsBot, bAtFive);
    const c = await runPipeline({ ...common, mongodbUri, checkinDocuments: true });
    double.reset();
    const note = `${jobs} jobs, concurrency ${BOT_WORKER_CONCURRENCY} as the bot's workers`;
    rows.push(
      { name: "P2 pipeline (a): BullMQ + HTTP call", figure: a, unit: "jobs/s", note },
      {
        name: "P2 pipeline (b): (a) + unique insert + update",
        figure: b,
        unit: "jobs/s",
        note: `${note}: ${bAsBot.toFixed(0)}/s, at ${PIPELINE_BASE_CONCURRENCY}: ${bAtFive.toFixed(0)}/s; the better is the practical limit`,
      },
      {
        name: "P2 pipeline (c): (b) + a check-in's documents",
        figure: c,
        unit: "jobs/s",
        note: `${note}; 9 commands a job, by _id: the bot's documents, bare and one command each`,
      },
    );
    log(
      `  pipelines: (a) ${a.toFixed(0)}/s, (b) ${bAsBot.toFixed(0)}/s (at ${PIPELINE_BASE_CONCURRENCY}: ${bAtFive.toFixed(0)}/s), (c) ${c.toFixed(0)}/s`,
    );
    return { a, b, c };
  } finally {
    redis.disconnect();
  }
}

// ------------------------------------------------------------------------------------------------
// 4. The sweep: 2,000 pairs due at once

async function benchSweep(
  bot: RunningBot,
  double: SlackDouble,
  db: Database,
  clock: TestClock,
  pairs: number,
  pipelines: Pipelines,
): Promise<void> {
  for (let n = 1; n <= pairs; n++) {
    double.addUser({ id: userId("M", n), name: `mentor${n}`, tz: SWEEP_ZONES[n % 3] });
    double.addUser({ id: userId("E", n), name: `mentee${n}`, tz: SWEEP_ZONES[(n + 1) % 3] });
  }
  const createStarted = performance.now();
  let next = 1;
  await Promise.all(
    Array.from({ length: CREATE_CONCURRENCY }, async () => {
      for (let n = next++; n <= pairs; n = next++) {
        await db.relationships.create({
          mentorId: userId("M", n),
          menteeId: userId("E", n),
          status: "active",
          createdBy: PEOPLE.admin,
          requestedBy: null,
          awaitingUserId: null,
          now: clock.now(),
        });
      }
    }),
  );
  const createMs = performance.now() - createStarted;
  log(`  created ${pairs} relationships in ${(createMs / 1000).toFixed(1)} s`);

  // Planning: every pair gets its first slot (the scheduler takes a page of pairs at a time).
  const planStarted = performance.now();
  let planned = 0;
  let planPasses = 0;
  // Counted, not assumed: profiles are refreshed in bulk through users.list once 50 are stale.
  const directory = () => ({
    info: double.calls("users.info").length,
    list: double.calls("users.list").length,
  });
  const directoryBefore = directory();
  while (planned < pairs && planPasses < MAX_SWEEP_PASSES) {
    const result = await bot.sweepNow();
    planPasses++;
    log(`  planning pass ${planPasses}: ${JSON.stringify(result)} at ${elapsed(planStarted)}`);
    planned += result.scheduled;
    if (result.scheduled === 0) break;
  }
  const planMs = performance.now() - planStarted;
  const directoryAfter = directory();
  if (planned !== pairs) throw new Error(`planning scheduled ${planned} of ${pairs} pairs`);

  // Every mentee's first slot is Monday 10:00 in their zone; stand at the latest of them.
  const slots = SWEEP_ZONES.map((zone) =>
    nextOccurrence(DEFAULT_CADENCE, zone, clock.now()).getTime(),
  );
  const slot = Math.max(...slots);
  // A running bot sweeps every minute, so its due indexes' marks follow the clock; the bench's
  // clock jumped a week since planning. A sweep a minute before the first slot, when nothing is
  // due, brings the marks to where the minute sweeps would have left them, so the timed sweep
  // is the slot's own and not also the catch-up after a week of downtime (which asks which of
  // the week's hours hold anything: a scan of each due index on FerretDB). Timed apart.
  clock.set(new Date(Math.min(...slots) - 60_000));
  const catchUpStarted = performance.now();
  const caughtUp = await bot.sweepNow();
  const catchUpMs = performance.now() - catchUpStarted;
  if (caughtUp.created > 0)
    throw new Error(`the sweep before the slot created ${caughtUp.created}`);
  clock.set(new Date(slot));
  double.reset();
  const sentTo = new Set<string>();
  const checkinDms = () => {
    sentTo.clear();
    for (const call of double.calls("chat.postMessage")) {
      const channel = String(call.params.channel ?? "");
      if (!call.failed && channel.startsWith("DUBE")) sentTo.add(channel);
    }
    return sentTo.size;
  };

  commands.sweep = 0;
  commands.other = 0;
  commandProfile.clear();
  sweepProfile.clear();
  const jobsBefore = await jobTimes(bot);
  const sweepStarted = performance.now();
  let created = 0;
  let passes = 0;
  while (created < pairs && passes < MAX_SWEEP_PASSES) {
    const result = await inSweep.run(true, () => bot.sweepNow());
    passes++;
    log(`  slot pass ${passes}: ${JSON.stringify(result)} at ${elapsed(sweepStarted)}`);
    created += result.created;
    if (result.created === 0) break;
  }
  const sweepMs = performance.now() - sweepStarted;
  logSweepProfile("the slot sweep's");

  const dmsAtSweepEnd = checkinDms();

  // The deadline runs from the end of the sweep: a slow sweep must not cut the delivery short.
  const deadline = performance.now() + DM_DEADLINE_MS;
  while (checkinDms() < created && performance.now() < deadline) await sleep(20);
  const delivered = checkinDms();
  const deliveryMs = performance.now() - sweepStarted;
  const sweepCommands = commands.sweep;
  const deliveryCommands = commands.other;
  const afterSweepMs = performance.now() - sweepStarted - sweepMs;
  printDeliveryBreakdown(delivered, diffJobTimes(await jobTimes(bot), jobsBefore));

  rows.push(
    {
      name: `create ${pairs} relationships`,
      figure: createMs,
      unit: "ms",
      note: `setup, ${CREATE_CONCURRENCY} at a time`,
    },
    {
      name: "planning sweeps (all pairs)",
      figure: planMs,
      unit: "ms",
      note: `${planPasses} sweep(s), each up to CHECKIN_SWEEP_PAGES pages of ${CHECKIN_SWEEP_PAGE_SIZE} pairs; users.info ${directoryAfter.info - directoryBefore.info}, users.list ${directoryAfter.list - directoryBefore.list}`,
    },
    {
      name: "sweep a minute before the first slot",
      figure: catchUpMs,
      unit: "ms",
      note: "catches the due marks up after the clock's jump, as the minute sweeps would; nothing due",
    },
    {
      name: `slot sweep, ${pairs} check-ins`,
      figure: sweepMs,
      unit: "ms",
      note: `${passes} pass(es); created ${created}, ${dmsAtSweepEnd} DMs already out when it returned`,
    },
    {
      name: "slot sweep per relationship",
      figure: sweepMs / Math.max(created, 1),
      unit: "ms",
      target: { value: 5, better: "lower" },
      note: "create check-in + enqueue send + advance schedule",
    },
    {
      name: `all ${pairs} check-in DMs delivered`,
      figure: deliveryMs,
      unit: "ms",
      note:
        delivered < created
          ? `only ${delivered} of ${created} within ${DM_DEADLINE_MS / 1000} s of the sweep's end`
          : "from the start of the slot sweep",
    },
    {
      name: "check-in DM delivery rate",
      figure: delivered / (deliveryMs / 1000),
      unit: "msgs/s",
      target: { value: 100, better: "higher" },
      note: "one DM channel per mentee, so the 1/s channel pacing does not limit it",
    },
    {
      name: "check-in DMs after the sweep returned",
      figure: (delivered - dmsAtSweepEnd) / (afterSweepMs / 1000),
      unit: "msgs/s",
      note: `${delivered - dmsAtSweepEnd} DMs in ${(afterSweepMs / 1000).toFixed(1)} s, the sweep no longer competing`,
    },
    {
      name: "P2 DB commands per swept relationship",
      figure: sweepCommands / Math.max(created, 1),
      unit: "cmds",
      target: { value: 0.05, better: "lower" },
      note: `${sweepCommands} commands in the sweep (driver command monitoring)`,
    },
    {
      name: "P2 DB commands per delivered check-in",
      figure: deliveryCommands / Math.max(delivered, 1),
      unit: "cmds",
      target: { value: 5, better: "lower" },
      note: `${deliveryCommands} commands outside the sweep, from its start to the last DM`,
    },
  );
  const rate = delivered / (deliveryMs / 1000);
  for (const [label, perSecond] of [
    ["(b)", pipelines.b],
    ["(a)", pipelines.a],
    ["(c)", pipelines.c],
  ] as const) {
    rows.push({
      name: `P2 delivery, sweep to DM, vs pipeline ${label}`,
      figure: rate / perSecond,
      unit: "x",
      ...(label === "(b)" ? { target: { value: 0.5, better: "higher" as const } } : {}),
      note: `bot ${rate.toFixed(1)}/s vs ${perSecond.toFixed(0)}/s`,
    });
  }
  if (created !== pairs) log(`WARNING: the slot sweep created ${created} of ${pairs} check-ins`);
}

type JobTimes = Map<string, { count: number; seconds: number }>;

/** Completed job attempts by name, from the bot's own job histogram. */
async function jobTimes(bot: RunningBot): Promise<JobTimes> {
  const times: JobTimes = new Map();
  for (const value of (await bot.metrics.jobSeconds.get()).values) {
    const name = String(value.labels.name);
    if (value.labels.outcome !== "completed") continue;
    const entry = times.get(name) ?? { count: 0, seconds: 0 };
    if (value.metricName?.endsWith("_count")) entry.count += value.value;
    else if (value.metricName?.endsWith("_sum")) entry.seconds += value.value;
    times.set(name, entry);
  }
  return times;
}

function diffJobTimes(after: JobTimes, before: JobTimes): JobTimes {
  const diff: JobTimes = new Map();
  for (const [name, { count, seconds }] of after) {
    const earlier = before.get(name) ?? { count: 0, seconds: 0 };
    if (count > earlier.count)
      diff.set(name, { count: count - earlier.count, seconds: seconds - earlier.seconds });
  }
  return diff;
}

/** What one delivered check-in cost: its jobs' time, and its database commands by kind. */
function printDeliveryBreakdown(delivered: number, jobs: JobTimes): void {
  const per = Math.max(delivered, 1);
  const lines = ["Delivery, per delivered check-in (outside the sweep):"];
  for (const [name, { count, seconds }] of jobs) {
    lines.push(
      `  job ${name}: ${count} completed, ${((seconds / count) * 1000).toFixed(1)} ms each`,
    );
  }
  const byTime = [...commandProfile].sort((x, y) => y[1].ms - x[1].ms);
  for (const [key, { count, ms }] of byTime) {
    lines.push(
      `  ${key.padEnd(34)} ${(count / per).toFixed(2).padStart(6)} cmds  ${(ms / per).toFixed(2).padStart(7)} ms  (${(ms / count).toFixed(2)} ms each)`,
    );
  }
  breakdown.push(...lines, "");
  for (const line of lines) log(line);
}

// ------------------------------------------------------------------------------------------------
// P3. Slack's rate limits (issue 14)

/**
 * chat.postMessage's workspace ceiling in the double's tier mode. Slack publishes none (only
 * "about one a second per channel" and a workspace-wide limit), so the bench picks one.
 */
const P3_POSTS_PER_SECOND = Number(process.env.BENCH_P3_POSTS_PER_SECOND ?? 20);
const P3_DEADLINE_MS = 600_000;
/**
 * People in the workspace at P3, the pairs' and as many others as it takes: users.list lists
 * them all, 200 a page, and the program's people are spread through it.
 */
const P3_WORKSPACE = Number(process.env.BENCH_P3_WORKSPACE ?? 10_000);
/** When the last profile walk ran before the slot (twice a day: at most 12 hours before). */
const P3_WALK_BEFORE_SLOT_MS = 8 * 3600_000;

/**
 * The rest of a P3_WORKSPACE-person workspace, each listed right after a pair's mentee or mentor
 * (users.list's order knows nothing of the program).
 */
function addColleagues(double: SlackDouble, pairs: number): string[] {
  const count = Math.max(0, P3_WORKSPACE - 2 * pairs);
  return Array.from({ length: count }, (_, k) => {
    const beside = userId(k % 2 === 0 ? "E" : "M", (Math.floor(k / 2) % pairs) + 1);
    const id = `${beside}X${k}`;
    double.addUser({ id, name: `colleague${k}`, tz: SWEEP_ZONES[k % 3] });
    return id;
  });
}

/**
 * The bot's walk of users.list the night before the slot (bot.refreshProfilesNow(), what the
 * people.refresh job does twice a day), outside Slack's tiers: it runs hours before the slot, so
 * its pace is not P3's. Printed as a context row.
 */
async function walkProfilesBeforeSlot(bot: RunningBot, double: SlackDouble): Promise<void> {
  double.forgetCalls();
  const started = performance.now();
  const walk = await bot.refreshProfilesNow();
  const ms = performance.now() - started;
  const pages = double.calls("users.list").length;
  rows.push({
    name: "P3 profile walk before the slot, users.list pages",
    figure: pages,
    unit: "",
    note: `${(ms / 1000).toFixed(1)} s, ${(ms / Math.max(pages, 1)).toFixed(0)} ms a page; ${JSON.stringify(walk)}`,
  });
  log(`  P3 walk: ${rows.at(-1)?.note}`);
}

/**
 * Where P3's time went, from the double's call log: when the first post came after the sweep
 * began, when the sweep returned, the posts Slack accepted in each second of the run, and the
 * seconds in which it answered 429 (a steady run posts the ceiling every second, from the first).
 */
function printPostTimeline(double: SlackDouble, startedAt: number, sweptAt: number): void {
  const posts = double.calls("chat.postMessage");
  const second = (at: number) => Math.floor((at - startedAt) / 1000);
  const accepted: number[] = [];
  const refused: number[] = [];
  for (const call of posts) {
    const into = call.failed?.status === 429 ? refused : accepted;
    const s = second(call.at);
    into[s] = (into[s] ?? 0) + 1;
  }
  const first = posts[0] ? ((posts[0].at - startedAt) / 1000).toFixed(2) : "-";
  const counts = (per: number[]) => Array.from({ length: per.length }, (_, s) => per[s] ?? 0);
  const limitedAt = counts(refused).flatMap((n, s) => (n > 0 ? [`${s}:${n}`] : []));
  const lines = [
    `P3 timeline: first post ${first} s after the sweep began; sweep returned at ${((sweptAt - startedAt) / 1000).toFixed(1)} s`,
    `  posts accepted per second: ${counts(accepted).join(" ")}`,
    `  429s (second:count): ${limitedAt.join(" ") || "none"}`,
  ];
  breakdown.push(...lines, "");
  for (const line of lines) log(line);
}

/**
 * Which deliveries went twice to a mentee's DM channel (by the delivery key each post carries in
 * its metadata) and which mentees got nothing: what a failed or duplicated count is made of.
 */
function logExtraPosts(posts: ReturnType<SlackDouble["calls"]>, pairs: number): void {
  const byChannel = new Map<string, string[]>();
  for (const post of posts) {
    const channel = String(post.params.channel);
    byChannel.set(channel, [...(byChannel.get(channel) ?? []), deliveryKeyOf(post.params)]);
  }
  for (const [channel, keys] of byChannel) {
    if (keys.length > 1) log(`  P3 ${channel} got ${keys.length} posts: ${keys.join(", ")}`);
  }
  const missed = Array.from({ length: pairs }, (_, i) => `D${userId("E", i + 1)}`).filter(
    (channel) => !byChannel.has(channel),
  );
  if (missed.length > 0) log(`  P3 no post in ${missed.length}: ${missed.slice(0, 20).join(" ")}`);
}

/** The delivery key a post carries in its metadata (the double parses it as Slack does). */
function deliveryKeyOf(params: Record<string, unknown>): string {
  const metadata = params.metadata as { event_payload?: { key?: unknown } } | undefined;
  return String(metadata?.event_payload?.key ?? "no key");
}

/**
 * The second week of the P2 pairs, with the double in tier mode, in a workspace of P3_WORKSPACE
 * people. Every mentee's DM channel is known from week one. Their profiles are a week old, as
 * with weekly check-ins in a running workspace, until the profile walk the night before the slot
 * refreshes them; with BENCH_P3_WALK=0 (as before that walk existed) the sweep refreshes them
 * itself through users.list (Tier 2, counted in the minimum). Week one's unanswered check-ins
 * are closed in MongoDB so no reminder joins in.
 */
async function benchTierLimits(
  bot: RunningBot,
  double: SlackDouble,
  mongodbUri: string,
  clock: TestClock,
  pairs: number,
  config: { redisUrl: string; queuePrefix: string },
): Promise<void> {
  // Week one's last sends may still be saving after their DMs were counted: a check-in saved as
  // sent after the close below would stay open, and its reminder would join week two's posts.
  await notificationsDrained({ config }, 120_000);
  const colleagues = addColleagues(double, pairs);
  log(`  P3 workspace: ${colleagues.length} people beside the pairs' ${2 * pairs}`);
  const client = new mongoose.mongo.MongoClient(mongodbUri);
  try {
    const weekLater = Math.max(
      ...SWEEP_ZONES.map((zone) => nextOccurrence(DEFAULT_CADENCE, zone, clock.now()).getTime()),
    );
    if (process.env.BENCH_P3_WALK !== "0") {
      clock.set(new Date(weekLater - P3_WALK_BEFORE_SLOT_MS));
      await walkProfilesBeforeSlot(bot, double);
    }
    clock.set(new Date(weekLater));
    await client
      .db()
      .collection("checkins")
      .updateMany({ status: "sent" }, { $set: { status: "missed", followUpBucket: -1 } });
  } finally {
    await client.close();
  }
  // Week one's messages stay in Slack: a week-one delivery still under way must find its post.
  double.forgetCalls();
  double.enforceTierLimits({ postsPerSecond: P3_POSTS_PER_SECOND });
  try {
    const started = performance.now();
    const startedAt = Date.now();
    let created = 0;
    for (let pass = 0; pass < MAX_SWEEP_PASSES && created < pairs; pass++) {
      const result = await bot.sweepNow();
      created += result.created;
      if (result.created === 0) break;
    }
    const sweptAt = Date.now();
    const posted = () =>
      double
        .calls("chat.postMessage")
        .filter((c) => !c.failed && String(c.params.channel).startsWith("DUBE"));
    const deadline = started + P3_DEADLINE_MS;
    // Until every mentee has a post: an extra post must not end the wait before the last one.
    const reached = () => new Set(posted().map((c) => String(c.params.channel))).size;
    while (reached() < created && performance.now() < deadline) await sleep(100);
    const totalMs = performance.now() - started;
    const ok = posted();
    const channels = new Set(ok.map((c) => String(c.params.channel)));
    const limitedCalls = double.calls().filter((c) => c.failed?.status === 429);
    const limited = limitedCalls.length;
    const limitedBy = [...new Set(limitedCalls.map((c) => c.method))]
      .map((method) => `${method} ${limitedCalls.filter((c) => c.method === method).length}`)
      .join(", ");
    const calls = (method: string) => double.calls(method).filter((c) => !c.failed).length;
    // The least time the limits allow for the calls that had to be made: a rolling window
    // lets `limit` through at once, then `limit` more each time the window has passed.
    const windowed = (n: number, limit: number, ms: number) =>
      Math.max(0, Math.ceil(n / limit) - 1) * ms;
    const minimumMs = Math.max(
      1_000,
      windowed(calls("chat.postMessage"), P3_POSTS_PER_SECOND, 1_000),
      windowed(calls("conversations.open"), 50, 60_000),
      windowed(calls("users.info"), 100, 60_000),
      windowed(calls("users.list"), 20, 60_000),
    );
    const missing = created - channels.size;
    // The same delivery twice; any other post to a mentee (a reminder, say) is counted apart.
    const keys = ok.map((c) => deliveryKeyOf(c.params));
    const duplicated = keys.length - new Set(keys).size;
    const others = ok.length - channels.size - duplicated;
    rows.push({
      name: `P3 ${created} check-ins under Slack's limits, time/minimum`,
      figure: totalMs / minimumMs,
      unit: "x",
      target: { value: 1.1, better: "lower" },
      note: `${(totalMs / 1000).toFixed(1)} s vs ${(minimumMs / 1000).toFixed(1)} s at ${P3_POSTS_PER_SECOND} posts/s; failed ${missing}, duplicated ${duplicated}, other posts ${others}; ${limited} x 429${limited > 0 ? ` (${limitedBy})` : ""}; conversations.open ${calls("conversations.open")}, users.info ${calls("users.info")}, users.list ${calls("users.list")}`,
    });
    log(`  P3: ${rows.at(-1)?.note}`);
    if (missing > 0 || ok.length > channels.size) logExtraPosts(ok, pairs);
    printPostTimeline(double, startedAt, sweptAt);
  } finally {
    double.enforceTierLimits(null);
    // P4 walks users.list from its start: the same list as before P3 had colleagues.
    for (const id of colleagues) double.removeUser(id);
  }
}

// ------------------------------------------------------------------------------------------------
// P4. 100,000 relationships: one sweep page stays bounded (issue 14)

/** On FerretDB's SQLite backend P4 is off unless BENCH_P4_RELATIONSHIPS asks (it scans). */
const P4_RELATIONSHIPS = 100_000;
const P4_INSERT_BATCH = 5_000;

/** The P4 mentee of seed number n (its mentor is UP4M…). */
const p4Mentee = (n: number) => `UP4E${String(n).padStart(6, "0")}`;

async function benchSize(
  bot: RunningBot,
  double: SlackDouble,
  db: Database,
  mongodbUri: string,
  clock: TestClock,
  count: number,
  processes: Omit<P4ProcessOptions, "mongodbUri" | "now" | "users">,
) {
  // Known to Slack, as in a real workspace: the sweep reads their profiles (users.list).
  for (let n = 0; n < count; n++) {
    double.addUser({ id: p4Mentee(n), name: `p4mentee${n}`, tz: SWEEP_ZONES[n % 3] });
  }
  const client = new mongoose.mongo.MongoClient(mongodbUri);
  try {
    const relationships = client.db().collection("relationships");
    const now = clock.now();
    const seedStarted = performance.now();
    for (let from = 0; from < count; from += P4_INSERT_BATCH) {
      const docs = Array.from({ length: Math.min(P4_INSERT_BATCH, count - from) }, (_, i) => {
        const n = String(from + i).padStart(6, "0");
        const [mentorId, menteeId] = [`UP4M${n}`, p4Mentee(from + i)];
        return {
          mentorId,
          menteeId,
          status: "active",
          pairKey: [mentorId, menteeId].sort().join(":"),
          createdBy: PEOPLE.admin,
          requestedBy: null,
          awaitingUserId: null,
          endReason: null,
          activatedAt: now,
          endedAt: null,
          goal: null,
          cadence: null,
          // Never planned: the sweep plans a page of them (no Slack message goes out).
          nextCheckinAt: null,
          dueBucket: LOOK_NOW,
          checkinsPaused: false,
          skipNextCheckin: false,
          settings: {},
          reflections: {},
          createdAt: now,
          updatedAt: now,
        };
      });
      await relationships.insertMany(docs, { ordered: false });
    }
    const seedMs = performance.now() - seedStarted;
    log(`  seeded ${count} relationships in ${(seedMs / 1000).toFixed(1)} s`);

    const queryStarted = performance.now();
    // The sweep's first read: the pairs every sweep looks at, by equality on the due index.
    const page = await db.relationships.listInBucket(LOOK_NOW, CHECKIN_SWEEP_PAGE_SIZE);
    const queryMs = performance.now() - queryStarted;
    const heapBefore = process.memoryUsage().heapUsed;
    const pageStarted = performance.now();
    sweepProfile.clear();
    const result = await inSweep.run(true, () => bot.sweepNow());
    const pageMs = performance.now() - pageStarted;
    const heapAfter = process.memoryUsage().heapUsed;
    const rss = process.memoryUsage().rss;
    const pages = Math.max(1, Math.ceil(result.scheduled / CHECKIN_SWEEP_PAGE_SIZE));
    log(
      `  one sweep, ${pages} page(s): ${JSON.stringify(result)} in ${(pageMs / 1000).toFixed(1)} s`,
    );
    logSweepProfile("the sweep's");
    const note = `${count.toLocaleString("en-US")} relationships in the database`;
    rows.push(
      {
        name: `P4 seed ${count.toLocaleString("en-US")} relationships (bulk)`,
        figure: seedMs,
        unit: "ms",
        note: `insertMany of ${P4_INSERT_BATCH.toLocaleString("en-US")}, ordered: false`,
      },
      {
        name: `P4 due-page query (${CHECKIN_SWEEP_PAGE_SIZE} of them)`,
        figure: queryMs,
        unit: "ms",
        note: `${note}; returned ${page.length}`,
      },
      {
        name: "P4 one sweep page, time",
        figure: pageMs / pages,
        unit: "ms",
        note: `${note}; one sweep planned ${result.scheduled} in ${pages} page(s), ${(pageMs / 1000).toFixed(1)} s`,
      },
      {
        name: "P4 one sweep, heap growth",
        figure: mb(heapAfter - heapBefore),
        unit: "MB",
        note: `no forced GC: an upper bound on what the sweep of ${pages} page(s), read one at a time, holds`,
      },
      {
        name: "P4 RSS, bench process (in-process bot)",
        figure: mb(rss),
        unit: "MB",
        note: "both roles, the Slack double and the bench in one process; the processes' own below",
      },
    );
  } finally {
    await client.close();
  }
  log("P4 the web and worker as processes, as the image starts them");
  rows.push(
    ...(await benchProcesses({
      ...processes,
      mongodbUri,
      now: clock.now(),
      users: Array.from({ length: Math.min(count, 200) }, (_, n) => p4Mentee(n)),
    })),
  );
}

// ------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const wallStarted = performance.now();
  log("1/5 nextOccurrence");
  benchCadence();

  log("starting Redis + FerretDB (unless REDIS_URL / MONGODB_URI are set)");
  // PostgreSQL when installed: closer to a production database server than SQLite.
  const backend = process.env.BENCH_FERRETDB_BACKEND ?? "auto";
  if (backend !== "auto" && backend !== "sqlite" && backend !== "postgresql") {
    throw new Error(`BENCH_FERRETDB_BACKEND must be auto, sqlite or postgresql, not ${backend}`);
  }
  const services = await startLocalServices(process.env, backend);
  cleanups.push({ what: "servers", run: () => services.stop() });
  const double = await SlackDouble.start();
  cleanups.push({ what: "Slack double", run: () => double.close() });
  double.addUser({ id: PEOPLE.admin, name: "ada", realName: "Ada Admin", tz: "Europe/Berlin" });
  double.addUser({ id: PEOPLE.mentor, name: "maria", tz: "America/New_York" });
  double.addUser({ id: PEOPLE.mentee, name: "sam", tz: "Asia/Kolkata" });

  const suffix = randomBytes(4).toString("hex");
  const dbName = `bench_${suffix}`;
  const mongodbUri = withDatabase(services.mongodbUri, dbName);
  // The in-process bot's settings; P1's web process gets the same (bench/p1-processes.ts).
  const botEnv = {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: double.apiUrl,
    // Command monitoring counts the bot's database commands (P2); the bench's own do not count.
    MONGODB_URI: `${mongodbUri}${mongodbUri.includes("?") ? "&" : "?"}monitorCommands=true`,
    REDIS_URL: services.redisUrl,
    QUEUE_PREFIX: `bench_${suffix}`,
    PORT: "0",
    ADMIN_USER_IDS: PEOPLE.admin,
    LOG_LEVEL: "warn",
    SHUTDOWN_TIMEOUT_MS: "3000",
    CHECKIN_SWEEP_INTERVAL_MS: "0",
    // P3 walks users.list itself, at the bench clock's night before the slot.
    PROFILE_REFRESH_INTERVAL_MS: "0",
    // P1 sends thousands of commands as one person: the per-person cap would refuse them.
    COMMANDS_PER_MINUTE: "100000000",
    // The double has no rate limits here, so pacing at Slack's tiers would only measure the tiers.
    SLACK_PACING: "off",
  };
  const config = loadConfig(botEnv);
  if (process.env.MONGODB_URI) {
    cleanups.push({
      what: `database ${dbName}`,
      run: async () => {
        const client = new mongoose.mongo.MongoClient(mongodbUri);
        try {
          await client.db(dbName).dropDatabase();
        } finally {
          await client.close();
        }
      },
    });
  }
  if (process.env.REDIS_URL) {
    cleanups.push({
      what: `Redis keys ${config.queuePrefix}:*`,
      run: async () => {
        const redis = new Redis(services.redisUrl, { maxRetriesPerRequest: 1 });
        try {
          let cursor = "0";
          do {
            const [nextCursor, keys] = await redis.scan(
              cursor,
              "MATCH",
              `${config.queuePrefix}:*`,
              "COUNT",
              1000,
            );
            cursor = nextCursor;
            if (keys.length > 0) await redis.del(...keys);
          } while (cursor !== "0");
        } finally {
          await redis.quit();
        }
      },
    });
  }
  const environment = await describeEnvironment(services, mongodbUri);
  // On FerretDB's SQLite backend the full 2,000 pairs take too long (see FERRETDB_PAIRS).
  const onSqlite = environment.ferretdb && services.ferretdbBackend !== "postgresql";
  const pairs = Number(process.env.BENCH_PAIRS ?? (onSqlite ? FERRETDB_PAIRS : PAIRS));
  if (!Number.isInteger(pairs) || pairs < 1 || pairs > 20_000) {
    throw new Error(`BENCH_PAIRS must be a whole number from 1 to 20000, not ${pairs}`);
  }
  if (pairs !== PAIRS) {
    environment.lines.push(
      `sweep scaled to ${pairs} pairs, not ${PAIRS}${onSqlite && !process.env.BENCH_PAIRS ? ": on FerretDB the sweep's updateOne({ _id, nextCheckinAt }) scans the whole collection (~115 ms per call at 2,000 pairs on SQLite), so 2,000 pairs take > 10 min; BENCH_PAIRS=2000 forces it" : " (BENCH_PAIRS)"}`,
    );
  }

  // Bot logs (warn and up) go to stderr, counted, so they never mix with the report.
  const sink = new Writable({
    write(chunk, _encoding, done) {
      warnLines += String(chunk).split("\n").filter(Boolean).length;
      process.stderr.write(chunk, () => done());
    },
  });
  const clock = new TestClock(START);
  const bot = await startBot(config, { logger: createLogger(config.logLevel, sink), clock });
  cleanups.push({ what: "bot", run: () => bot.stop() });
  for (const connection of mongoose.connections) {
    connection.getClient?.()?.on("commandStarted", (event) => {
      if (event.commandName === "hello" || event.commandName === "endSessions") return;
      const on = event.commandName === "getMore" ? "collection" : event.commandName;
      const collection = event.command[on];
      const kind =
        `${event.commandName} ${typeof collection === "string" ? collection : ""}`.trim();
      if (inSweep.getStore()) {
        commands.sweep++;
        sweepCommands.set(event.requestId, kind);
      } else {
        commands.other++;
        profiledCommands.set(event.requestId, kind);
      }
    });
    const settle = (event: { requestId: number; duration: number }) => {
      for (const [pending, profile] of [
        [profiledCommands, commandProfile],
        [sweepCommands, sweepProfile],
      ] as const) {
        const key = pending.get(event.requestId);
        if (key === undefined) continue;
        pending.delete(event.requestId);
        const entry = profile.get(key) ?? { count: 0, ms: 0 };
        entry.count++;
        entry.ms += event.duration;
        profile.set(key, entry);
      }
    };
    connection.getClient?.()?.on("commandSucceeded", settle);
    connection.getClient?.()?.on("commandFailed", settle);
  }
  // The bench's own writes (milestones, ended pairs) drop the bot's cached reads, as a replica's.
  const cacheRedis = new Redis(services.redisUrl, { maxRetriesPerRequest: 1 });
  cleanups.push({ what: "bench cache connection", run: () => cacheRedis.quit() });
  const readCache = new RedisReadCache(cacheRedis, config.queuePrefix, (err) => {
    throw err;
  });
  const db = await Database.connect(mongodbUri, clock, readCache);
  const benchUri = mongodbUri;
  cleanups.push({ what: "bench database connection", run: () => db.close() });
  const slack = new SlackRequests({
    appUrl: `http://127.0.0.1:${bot.port}`,
    signingSecret: SIGNING_SECRET,
    double,
  });

  log("2/5 /mentor help");
  await benchHelp(slack, double);
  log("3/5 /mentor roadmap");
  const roadmapPair = await benchRoadmap(slack, double, db, clock);
  log("P1 commands under load, against a bare Bolt app; each a process of its own");
  await benchCommandLoad(botEnv, clock.now());
  // Only the bench's 2,000 pairs take part in the sweep.
  await db.relationships.end(roadmapPair, "active", "bench", clock.now());
  log("P2 bare BullMQ pipelines (a) and (b)");
  const pipelines = await benchPipelines(services.redisUrl, double, benchUri, pairs);
  log("4/5 sweep");
  await benchSweep(bot, double, db, clock, pairs, pipelines);

  if (process.env.BENCH_P3 !== "0") {
    log("P3 check-ins under Slack's rate limits");
    await benchTierLimits(bot, double, benchUri, clock, pairs, config);
  }
  const p4 = Number(process.env.BENCH_P4_RELATIONSHIPS ?? (onSqlite ? 0 : P4_RELATIONSHIPS));
  if (p4 > 0) {
    log(`P4 ${p4} relationships`);
    double.reset();
    await benchSize(bot, double, db, benchUri, clock, p4, {
      redisUrl: services.redisUrl,
      slackApiUrl: double.apiUrl,
      signingSecret: SIGNING_SECRET,
      botToken: BOT_TOKEN,
      adminUserId: PEOPLE.admin,
      queuePrefix: `${config.queuePrefix}_p4`,
    });
  } else {
    environment.lines.push(
      `P4 skipped${onSqlite ? " on SQLite" : ""} (BENCH_P4_RELATIONSHIPS=100000 runs it)`,
    );
  }
  log("5/5 memory");
  double.reset(); // the double's recordings are harness memory, not the bot's
  const gcForced = collectGarbage();
  const memoryAtEnd = process.memoryUsage();
  const gcNote = gcForced ? "after a forced GC" : "no forced GC available";
  rows.push(
    {
      name: "RSS growth",
      figure: mb(memoryAtEnd.rss - memoryAtStart.rss),
      unit: "MB",
      target: { value: 150, better: "lower" },
      note: `${mb(memoryAtStart.rss).toFixed(0)} -> ${mb(memoryAtEnd.rss).toFixed(0)} MB; bot still running, ${gcNote}`,
    },
    {
      name: "heap used growth",
      figure: mb(memoryAtEnd.heapUsed - memoryAtStart.heapUsed),
      unit: "MB",
      note: `${mb(memoryAtStart.heapUsed).toFixed(0)} -> ${mb(memoryAtEnd.heapUsed).toFixed(0)} MB`,
    },
  );

  const misses = rows.filter(missed).length;
  const lines = [
    "",
    "Mentorship bot benchmark",
    ...environment.lines.map((line) => `  ${line}`),
    "",
    "ratio < 1 meets the target on every row: figure/target for times and memory (lower is",
    "better), target/figure for throughputs (higher is better). Rows without a target are context.",
    "",
    formatTable(rows),
    "",
    ...breakdown,
    `${misses === 0 ? "all targets met" : `${misses} target(s) MISSED`}; bot warn/error log lines: ${warnLines}; bench wall time ${((performance.now() - wallStarted) / 1000).toFixed(1)} s (before cleanup)`,
    "",
  ];
  process.stdout.write(lines.join("\n"));
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}

try {
  await main();
} catch (err) {
  log(`failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
// Stray handles (a keep-alive socket, a timer) must not keep a finished report alive.
process.exit(process.exitCode ?? 0);
