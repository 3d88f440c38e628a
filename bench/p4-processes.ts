// P4 of issue 14 with the roles as separate processes: a web and a worker, started as the image
// starts them (bot-processes.ts), on the bench's database (100,000 relationships already seeded), Redis and Slack double. The
// worker sweeps pages of never-planned pairs (a schedule.sweep job, as the periodic one), the web
// takes a burst of signed commands, and each process's peak RSS is read from the kernel.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Job, Queue, QueueEvents } from "bullmq";
import { Redis } from "ioredis";
import { sharedClockKey } from "../src/cache/shared-clock.js";
import { CHECKIN_SWEEP_PAGE_SIZE } from "../src/domain/checkin-scheduler.js";
import { freePort } from "../test/support/local-services.js";
import { parsePrometheusText, sampleValue } from "../test/support/prometheus-text.js";
import {
  type BotProcess,
  buildDist,
  hugeFilePagesOf,
  imageCommand,
  startBotProcess,
} from "./bot-processes.js";
import { ReplyCatcher, runInterleaved, summarize } from "./command-load.js";
import type { Row } from "./report.js";

/**
 * Sweeps the worker runs, one after the other: the first, and one in a warm process. Each takes
 * up to CHECKIN_SWEEP_PAGES pages of CHECKIN_SWEEP_PAGE_SIZE never-planned pairs.
 */
const SWEEPS = 2;
const PAGE_TIMEOUT_MS = 600_000;
/** Signed commands per kind in the burst at the web, and how many at once (P1's concurrency). */
const BURST = Number(process.env.BENCH_P4_BURST ?? 1_000);
const BURST_CONCURRENCY = 50;
const DRAIN_TIMEOUT_MS = 120_000;
const SHUTDOWN_MS = 10_000;
const RSS_TARGET_MB = 200;

const log = (text: string) => process.stderr.write(`[bench] ${text}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface P4ProcessOptions {
  /** The bench's database (the seeded relationships), without command monitoring. */
  mongodbUri: string;
  redisUrl: string;
  slackApiUrl: string;
  signingSecret: string;
  botToken: string;
  adminUserId: string;
  /** A queue prefix of their own: the bench's in-process bot must not take their jobs. */
  queuePrefix: string;
  /** The bench clock's now: the processes share it (the playground's clock offset in Redis). */
  now: Date;
  /** Who sends the burst's commands (people the double knows). */
  users: readonly string[];
}

/** Runs the two processes through the pages and the burst; the rows to print. */
export async function benchProcesses(options: P4ProcessOptions): Promise<Row[]> {
  const built = performance.now();
  if (buildDist()) log(`  built dist/ in ${((performance.now() - built) / 1000).toFixed(1)} s`);
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const logDir = mkdtempSync(join(tmpdir(), "mentorbot-p4-"));
  const processes: BotProcess[] = [];
  const queue = new Queue("scheduler", { connection: redis, prefix: options.queuePrefix });
  const eventsConnection = redis.duplicate();
  const events = new QueueEvents("scheduler", {
    connection: eventsConnection,
    prefix: options.queuePrefix,
  });
  let keepLogs = false;
  try {
    // The processes read the bench's time, not the machine's: the data was written at it.
    await redis.set(
      sharedClockKey(options.queuePrefix),
      String(options.now.getTime() - Date.now()),
    );
    const env = {
      SLACK_BOT_TOKEN: options.botToken,
      SLACK_SIGNING_SECRET: options.signingSecret,
      SLACK_API_URL: options.slackApiUrl,
      MONGODB_URI: options.mongodbUri,
      REDIS_URL: options.redisUrl,
      QUEUE_PREFIX: options.queuePrefix,
      ADMIN_USER_IDS: options.adminUserId,
      LOG_LEVEL: "warn",
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_MS),
      // The bench starts each sweep itself, and the hourly purge would run at start.
      CHECKIN_SWEEP_INTERVAL_MS: "0",
      RETENTION_SWEEP_INTERVAL_MS: "0",
      PROFILE_REFRESH_INTERVAL_MS: "0",
      COMMANDS_PER_MINUTE: "100000000",
      SLACK_PACING: "off",
      // Only the clock: a movable time shared through Redis (see src/cache/shared-clock.ts).
      PLAYGROUND: "true",
      // For a diagnosis only: "NAME=value;NAME=value", e.g. NODE_OPTIONS=--heapsnapshot-signal=SIGUSR2.
      ...extraEnv(process.env.BENCH_P4_ENV),
    };
    const image = imageCommand();
    const started = [
      ...Object.entries(image.env).map(([name, value]) => `${name}=${value}`),
      "node",
      ...image.args,
    ].join(" ");
    const worker = await startBotProcess("worker", await freePort(), env, logDir);
    processes.push(worker);
    const web = await startBotProcess("web", await freePort(), env, logDir);
    processes.push(web);
    const atStart = { web: web.memory().last, worker: worker.memory().last };
    const hugeText = { web: hugeFilePagesOf(web.pid), worker: hugeFilePagesOf(worker.pid) };
    log(`  started web (pid ${web.pid}): ${await memoryLine(web)}`);
    log(`  started worker (pid ${worker.pid}): ${await memoryLine(worker)}`);
    await events.waitUntilReady();

    const sweeps: { ms: number; scheduled: number }[] = [];
    for (let sweep = 1; sweep <= SWEEPS; sweep++) {
      const before = await scheduledSoFar(worker);
      const job = await queue.add("schedule.sweep", { reason: "bench" }, { jobId: `p4-${sweep}` });
      await job.waitUntilFinished(events, PAGE_TIMEOUT_MS);
      const done = await Job.fromId(queue, job.id ?? "");
      const ms = (done?.finishedOn ?? 0) - (done?.processedOn ?? 0);
      const scheduled = (await scheduledSoFar(worker)) - before;
      sweeps.push({ ms, scheduled });
      log(
        `  worker sweep ${sweep}: ${scheduled} planned in ${(ms / 1000).toFixed(1)} s; worker ${await memoryLine(worker)}`,
      );
    }
    const afterPages = worker.memory();

    const burst = await commandBurst(web, options);
    await drained(queue, options.queuePrefix, redis);
    // Diagnosis: with NODE_OPTIONS=--heapsnapshot-signal=SIGUSR2 in BENCH_P4_ENV, each process
    // writes a heap snapshot (after a full GC) into the repository root.
    if (process.env.BENCH_P4_SNAPSHOT === "1") {
      for (const p of processes) process.kill(p.pid, "SIGUSR2");
      await sleep(30_000);
    }
    const webMemory = web.memory();
    const workerMemory = worker.memory();
    const codes = [];
    for (const p of processes.splice(0).reverse())
      codes.push(`${p.role} ${await p.stop(SHUTDOWN_MS + 5_000)}`);
    const warnings = [web, worker].flatMap((p) => p.warnings().map((line) => `${p.role}: ${line}`));
    for (const line of warnings.slice(0, 5)) log(`  ${line.slice(0, 300)}`);
    if (warnings.length > 0) keepLogs = true;
    log(
      `  stopped: exit ${codes.join(", ")}; ${warnings.length} warn/error lines (logs ${logDir})`,
    );

    const [first, ...rest] = sweeps;
    const perPage = (s: { ms: number; scheduled: number }) =>
      s.ms / Math.max(1, Math.ceil(s.scheduled / CHECKIN_SWEEP_PAGE_SIZE));
    return [
      {
        name: "P4 one sweep page, worker process",
        figure: first ? perPage(first) : Number.NaN,
        unit: "ms",
        note: `a schedule.sweep job (processedOn -> finishedOn) of ${first?.scheduled ?? 0} pairs planned in ${((first?.ms ?? 0) / 1000).toFixed(1)} s; then ${rest.map((s) => `${(perPage(s) / 1000).toFixed(1)} s a page (${s.scheduled})`).join(", ")}`,
      },
      {
        name: "P4 web process RSS, peak",
        figure: webMemory.peak,
        unit: "MB",
        target: { value: RSS_TARGET_MB, better: "lower" },
        note: `${started}, ROLE=web; ${atStart.web.toFixed(0)} MB at start, ${webMemory.last.toFixed(0)} MB after ${burst}${hugeNote(hugeText.web)}`,
      },
      {
        name: "P4 worker process RSS, peak",
        figure: workerMemory.peak,
        unit: "MB",
        target: { value: RSS_TARGET_MB, better: "lower" },
        note: `ROLE=worker; ${atStart.worker.toFixed(0)} MB at start, ${afterPages.last.toFixed(0)} MB after ${SWEEPS} sweeps, ${workerMemory.last.toFixed(0)} MB at the end${hugeNote(hugeText.worker)}`,
      },
    ];
  } finally {
    for (const p of processes.reverse()) await p.stop(SHUTDOWN_MS + 5_000).catch(() => null);
    await events.close().catch(() => {});
    await queue.close().catch(() => {});
    await redis.del(sharedClockKey(options.queuePrefix)).catch(() => 0);
    redis.disconnect();
    eventsConnection.disconnect();
    if (!keepLogs) rmSync(logDir, { recursive: true, force: true });
  }
}

function extraEnv(spec: string | undefined): Record<string, string> {
  const pairs = (spec ?? "").split(";").filter((kv) => kv.includes("="));
  return Object.fromEntries(
    pairs.map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]),
  );
}

async function metricsOf(bot: BotProcess) {
  const res = await fetch(`http://127.0.0.1:${bot.port}/metrics`);
  return parsePrometheusText(await res.text());
}

/** Pairs the worker has planned so far (its sweep findings, from its /metrics). */
async function scheduledSoFar(worker: BotProcess): Promise<number> {
  return (await metricsOf(worker))
    .filter((s) => s.name === "mentorship_sweep_due_items_total" && s.labels.kind === "scheduled")
    .reduce((sum, s) => sum + s.value, 0);
}

/** Where a process's memory is, as Node sees it: "RSS (heap used/total, external)" in MB. */
async function memoryLine(bot: BotProcess): Promise<string> {
  const samples = await metricsOf(bot);
  const mb = (name: string) => ((sampleValue(samples, name) ?? Number.NaN) / 2 ** 20).toFixed(0);
  return `${bot.memory().last.toFixed(0)} MB (heap ${mb("nodejs_heap_size_used_bytes")}/${mb("nodejs_heap_size_total_bytes")}, external ${mb("nodejs_external_memory_bytes")})`;
}

/** `help` and `hours` (a database read) at the web, 50 at once; every reply awaited. */
async function commandBurst(web: BotProcess, options: P4ProcessOptions): Promise<string> {
  const catcher = await ReplyCatcher.start();
  const parts: string[] = [];
  try {
    for (const [text, needle] of [
      ["help", "/mentor"],
      ["hours", "working hours"],
    ] as const) {
      const figures = await runInterleaved({
        targets: [{ name: "web", url: `http://127.0.0.1:${web.port}/slack/events` }],
        signingSecret: options.signingSecret,
        catcher,
        users: options.users,
        text,
        count: BURST,
        concurrency: BURST_CONCURRENCY,
        block: BURST,
        replyTimeoutMs: 30_000,
        check: (reply) => JSON.stringify(reply).includes(needle),
      });
      const f = figures.get("web");
      if (!f) continue;
      const s = summarize(f);
      const part = `${BURST} ${text} (p99 ${s.p99.toFixed(0)} ms, ${s.perSecond.toFixed(0)}/s${f.failures ? `, ${f.failures} FAILED` : ""})`;
      log(`  web burst: ${part}; web ${await memoryLine(web)}`);
      parts.push(part);
    }
  } finally {
    await catcher.close();
  }
  return parts.join(" and ");
}

/** Until the processes' queues hold no waiting, active or delayed job (bounded). */
async function drained(scheduler: Queue, prefix: string, redis: Redis): Promise<void> {
  const queues = [scheduler, new Queue("notifications", { connection: redis, prefix })];
  try {
    const deadline = Date.now() + DRAIN_TIMEOUT_MS;
    for (;;) {
      const counts = await Promise.all(
        queues.map((q) => q.getJobCounts("waiting", "active", "delayed", "prioritized")),
      );
      const open = counts.reduce((sum, c) => sum + Object.values(c).reduce((a, b) => a + b, 0), 0);
      if (open === 0) return;
      if (Date.now() > deadline) {
        log(`  WARNING: ${open} jobs still open after ${DRAIN_TIMEOUT_MS / 1000} s`);
        return;
      }
      await sleep(200);
    }
  } finally {
    await queues[1]?.close();
  }
}

/** The part of a process's RSS that is the node binary's code in shared huge pages, if any. */
function hugeNote(mb: number | null): string {
  return mb
    ? `; ${mb.toFixed(0)} MB of it file huge pages (node's code, collapsed by khugepaged)`
    : "";
}
