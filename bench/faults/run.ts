// The fault runs (`npm run faults`): N due check-ins fanned out by REAL processes (the bot's web
// and worker roles via `node --import tsx src/main.ts`, redis-server, FerretDB, and the Slack
// double as its own process), with one fault injected mid fan-out. Each scenario prints one line:
// scenario, N, delivered, lost, duplicated, time. Exits 1 if anything was lost or duplicated.
//
//   FAULTS_N=250                 check-ins per scenario (default 250; 50 with FAULTS_SHORT=1)
//   FAULTS_SHORT=1               the CI set: R1-post, R3-kill, R5 at N=50
//   FAULTS_SCENARIOS=R0,R2       pick scenarios by name (see SCENARIOS below)
//
// Loopback only; every scenario has a deadline; everything started here is stopped at the end.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import mongoose from "mongoose";
import { freePort } from "../../test/support/local-services.js";
import type { SlackDouble } from "../../test/support/slack-double.js";
import { SlackRequests } from "../../test/support/slack-requests.js";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const SHORT = process.env.FAULTS_SHORT === "1";
const N = Number(process.env.FAULTS_N ?? (SHORT ? 50 : 250));
const SIGNING_SECRET = "faults-signing-secret";
const BOT_TOKEN = "xoxb-faults-token-not-real";
/** Past this, a scenario stops waiting and counts what is missing as lost. */
const SCENARIO_DEADLINE_MS = Number(process.env.FAULTS_DEADLINE_MS ?? 240_000);
/** Nothing new for this long, with nothing claimed or scheduled: the run is over. */
const QUIET_MS = 4_000;
const FREEZE_MS = Number(process.env.FAULTS_FREEZE_MS ?? 30_000);

const work = mkdtempSync(join(tmpdir(), "mentorbot-faults-"));
const children = new Set<ChildProcess>();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (text: string) => process.stderr.write(`[faults] ${text}\n`);

// ---------------------------------------------------------------------------------------------
// Processes

interface Proc {
  child: ChildProcess;
  logFile: string;
  exited: Promise<void>;
}

function startProcess(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv): Proc {
  const logFile = join(work, `${name}-${randomBytes(3).toString("hex")}.log`);
  const fd = openSync(logFile, "a");
  const child = spawn(cmd, args, { cwd: repoRoot, env, stdio: ["pipe", fd, fd] });
  closeSync(fd);
  children.add(child);
  const exited = new Promise<void>((resolve) =>
    child.once("exit", () => {
      children.delete(child);
      resolve();
    }),
  );
  return { child, logFile, exited };
}

async function kill(proc: Proc, signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  proc.child.kill(signal);
  const timer = setTimeout(() => proc.child.kill("SIGKILL"), 15_000);
  await proc.exited;
  clearTimeout(timer);
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

const httpOk = (url: string) =>
  fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
    (res) => res.ok,
    () => false,
  );

class Ferret {
  proc!: Proc;
  constructor(
    readonly port: number,
    readonly dir: string,
  ) {}

  get uri() {
    return `mongodb://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const launcher = join(repoRoot, "tools/ferretdb/bin/ferretdb-launcher");
    // PostgreSQL when installed (FAULTS_FERRETDB_BACKEND=sqlite|postgresql forces one); a
    // restart on the same -dir finds the same data, a killed launcher's cluster is reused.
    const backend = process.env.FAULTS_FERRETDB_BACKEND ?? "auto";
    const args = ["-listen", `127.0.0.1:${this.port}`, "-dir", this.dir, "-backend", backend];
    this.proc = startProcess("ferretdb", launcher, args, process.env);
    await waitFor("FerretDB", () => mongoPing(this.uri), 30_000);
  }
}

async function mongoPing(uri: string): Promise<boolean> {
  const client = new mongoose.mongo.MongoClient(uri, { serverSelectionTimeoutMS: 1_000 });
  try {
    return (await client.db("admin").command({ ping: 1 })).ok === 1;
  } finally {
    await client.close();
  }
}

interface Double {
  proc: Proc;
  apiUrl: string;
  responseBase: string;
  // biome-ignore lint/suspicious/noExplicitAny: the control API's answers are read by shape.
  control(path: string, input?: unknown): Promise<any>;
}

async function startDouble(): Promise<Double> {
  const logFile = join(work, `double-${randomBytes(3).toString("hex")}.log`);
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "bench/faults/slack-double-server.ts"],
    {
      cwd: repoRoot,
      stdio: ["pipe", "pipe", openSync(logFile, "a")],
    },
  );
  children.add(child);
  const exited = new Promise<void>((resolve) =>
    child.once("exit", () => {
      children.delete(child);
      resolve();
    }),
  );
  const first = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk) => {
      out += String(chunk);
      const line = out.split("\n")[0];
      if (out.includes("\n") && line) resolve(line);
    });
    child.once("exit", () => reject(new Error(`the Slack double exited: see ${logFile}`)));
  });
  const { apiUrl, responseBase, controlUrl } = JSON.parse(first);
  return {
    proc: { child, logFile, exited },
    apiUrl,
    responseBase,
    async control(path, input) {
      const res = await fetch(`${controlUrl}${path}`, {
        method: input === undefined ? "GET" : "POST",
        headers: { "content-type": "application/json" },
        body: input === undefined ? undefined : JSON.stringify(input),
        // Bounded even when the awaited moment never comes (a hold with nothing left to send).
        signal: AbortSignal.timeout(120_000),
      });
      return res.json();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// One scenario

interface Result {
  scenario: string;
  n: number;
  delivered: number;
  lost: number;
  duplicated: number;
  ms: number;
  note: string;
}

const mentee = (i: number) => `UE${String(i).padStart(5, "0")}`;
const mentor = (i: number) => `UM${String(i).padStart(5, "0")}`;

class Run {
  readonly db = `faults_${randomBytes(4).toString("hex")}`;
  readonly prefix = `f${randomBytes(4).toString("hex")}`;
  double!: Double;
  web!: Proc;
  worker!: Proc;
  webPort = 0;
  workerPort = 0;
  private mongo!: mongoose.mongo.MongoClient;
  readonly started = Date.now();

  constructor(
    readonly name: string,
    readonly redisUrl: string,
    readonly ferret: Ferret,
  ) {}

  async setUp(): Promise<void> {
    this.double = await startDouble();
    const ids = Array.from({ length: N }, (_, i) => [mentee(i), mentor(i)]).flat();
    await this.double.control("/users", { ids });
    this.mongo = new mongoose.mongo.MongoClient(`${this.ferret.uri}/${this.db}`, {
      serverSelectionTimeoutMS: 2_000,
      socketTimeoutMS: 5_000,
    });
    const now = new Date();
    const due = new Date(now.getTime() - 60_000);
    await this.mongo
      .db()
      .collection("relationships")
      .insertMany(
        Array.from({ length: N }, (_, i) => ({
          mentorId: mentor(i),
          menteeId: mentee(i),
          status: "active",
          pairKey: [mentee(i), mentor(i)].sort().join(":"),
          createdBy: mentor(i),
          requestedBy: null,
          awaitingUserId: null,
          endReason: null,
          activatedAt: now,
          endedAt: null,
          goal: null,
          cadence: null,
          nextCheckinAt: due,
          // Stored straight into the collection: every sweep looks (src/domain/due-index.ts).
          dueBucket: 0,
          checkinsPaused: false,
          skipNextCheckin: false,
          settings: {},
          createdAt: now,
          updatedAt: now,
        })),
      );
    // Reachable at any hour, any day: the run must not wait for anyone's working hours.
    await this.mongo
      .db()
      .collection("availability")
      .insertMany(
        ids.map((userId) => ({
          userId,
          hours: { start: "00:00", end: "23:59", days: [1, 2, 3, 4, 5, 6, 7] },
          away: null,
          updatedAt: now,
        })),
      );
    this.webPort = await freePort();
    this.workerPort = await freePort();
    this.web = this.startBot("web", this.webPort);
    this.worker = this.startBot("worker", this.workerPort);
    await waitFor("the web role", () => httpOk(`http://127.0.0.1:${this.webPort}/healthz`));
    await waitFor("the worker role", () => httpOk(`http://127.0.0.1:${this.workerPort}/healthz`));
  }

  startBot(role: "web" | "worker", port: number): Proc {
    const proc = this.startBotProcess(role, port);
    this.logFiles.push(proc.logFile);
    return proc;
  }

  private startBotProcess(role: "web" | "worker", port: number): Proc {
    return startProcess(role, process.execPath, ["--import", "tsx", "src/main.ts"], {
      PATH: process.env.PATH,
      ROLE: role,
      PORT: String(port),
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: this.double.apiUrl,
      MONGODB_URI: `${this.ferret.uri}/${this.db}`,
      REDIS_URL: this.redisUrl,
      QUEUE_PREFIX: this.prefix,
      CHECKIN_SWEEP_INTERVAL_MS: "5000",
      SHUTDOWN_TIMEOUT_MS: "3000",
      LOG_LEVEL: "warn",
      DEFAULT_TIMEZONE: "UTC",
      // This double has no rate limits: pacing at Slack's tiers would only slow the fan-out.
      SLACK_PACING: "off",
    });
  }

  async restartWorker(): Promise<void> {
    this.worker = this.startBot("worker", this.workerPort);
    await waitFor("the worker role", () => httpOk(`http://127.0.0.1:${this.workerPort}/healthz`));
  }

  stats(): Promise<{
    posts: Record<string, number>;
    checkins: Record<string, string>;
    publishes: Record<string, number>;
  }> {
    return this.double.control("/stats");
  }

  async delivered(): Promise<number> {
    const { posts } = await this.stats();
    return Array.from({ length: N }, (_, i) => posts[`D${mentee(i)}`] ?? 0).filter((c) => c > 0)
      .length;
  }

  /** Waits until `share` of the check-ins went out (the "mid fan-out" moment). */
  async midFanOut(share = 1 / 3): Promise<void> {
    await waitFor("mid fan-out", async () => (await this.delivered()) >= N * share, 180_000);
  }

  /** Claimed deliveries and scheduled check-ins still open (null while MongoDB does not answer). */
  private async open(): Promise<number | null> {
    try {
      const db = this.mongo.db();
      const claimed = await db.collection("deliveries").countDocuments({ status: "claimed" });
      const scheduled = await db.collection("checkins").countDocuments({ status: "scheduled" });
      return claimed + scheduled;
    } catch {
      return null;
    }
  }

  /** Until every expected message is out and the system is quiet, or the deadline. */
  async settle(expected: () => Promise<number>, target: number): Promise<boolean> {
    let last = "";
    let quietSince = Date.now();
    for (;;) {
      const snapshot = JSON.stringify((await this.stats()).posts);
      if (snapshot !== last) {
        last = snapshot;
        quietSince = Date.now();
      }
      const done = (await expected()) >= target && (await this.open()) === 0;
      if (done && Date.now() - quietSince >= QUIET_MS) return true;
      if (Date.now() - this.started > SCENARIO_DEADLINE_MS) return false;
      await sleep(500);
    }
  }

  /** The check-in DMs: one per mentee is right, none is lost, two or more is a duplicate. */
  async checkinResult(settled: boolean, note = ""): Promise<Result> {
    const { posts } = await this.stats();
    const counts = Array.from({ length: N }, (_, i) => posts[`D${mentee(i)}`] ?? 0);
    return this.result(counts, settled, note);
  }

  result(counts: number[], settled: boolean, note: string): Result {
    const delivered = counts.filter((c) => c > 0).length;
    const errors = this.errorLines();
    const notes = [note, settled ? "" : "deadline", errors ? `error-logs=${errors}` : ""];
    return {
      scenario: this.name,
      n: counts.length,
      delivered,
      lost: counts.length - delivered,
      duplicated: counts.reduce((sum, c) => sum + Math.max(0, c - 1), 0),
      ms: Date.now() - this.started,
      note: notes.filter(Boolean).join(" "),
    };
  }

  /** Error-level (pino 50+) lines the bot processes logged. */
  errorLines(): number {
    let count = 0;
    for (const file of this.logFiles) {
      for (const line of readFileSync(file, "utf8").split("\n")) {
        if (/"level":(5\d|60)/.test(line)) count++;
      }
    }
    return count;
  }

  readonly logFiles: string[] = [];

  async tearDown(): Promise<void> {
    await Promise.all([this.web, this.worker].filter(Boolean).map((p) => kill(p, "SIGTERM")));
    if (this.double) await kill(this.double.proc, "SIGTERM");
    await this.mongo
      ?.db()
      .dropDatabase()
      .catch(() => {});
    await this.mongo?.close().catch(() => {});
  }
}

// ---------------------------------------------------------------------------------------------
// Scenarios

type Scenario = (run: Run, env: { redis: Redis; ferret: Ferret }) => Promise<Result | Result[]>;

const fanOut =
  (fault: (run: Run, env: { redis: Redis; ferret: Ferret }) => Promise<unknown>) =>
  async (run: Run, env: { redis: Redis; ferret: Ferret }) => {
    const said = await fault(run, env);
    const note = typeof said === "string" ? said : "";
    const settled = await run.settle(() => run.delivered(), N);
    return run.checkinResult(settled, note);
  };

const SCENARIOS: Record<string, Scenario> = {
  R0: fanOut(async () => undefined),
  "R1-kill": fanOut(async (run) => {
    await run.midFanOut();
    await kill(run.worker);
    await run.restartWorker();
  }),
  "R1-post": fanOut(async (run) => {
    await run.midFanOut();
    // Slack accepts the next message and holds its answer: the worker dies in the window.
    await run.double.control("/hold", { method: "chat.postMessage" });
    await kill(run.worker);
    await run.double.control("/release", {});
    await run.restartWorker();
  }),
  R2: fanOut(async (run, { redis }) => {
    await run.midFanOut();
    await redis.flushall();
  }),
  "R3-freeze": fanOut(async (run, { ferret }) => {
    await run.midFanOut();
    ferret.proc.child.kill("SIGSTOP");
    await sleep(2_000);
    const started = Date.now();
    const res = await fetch(`http://127.0.0.1:${run.workerPort}/readyz`, {
      signal: AbortSignal.timeout(10_000),
    }).catch(() => null);
    const readyz = res ? `readyz=${res.status}/${Date.now() - started}ms` : "readyz=no-answer";
    await sleep(Math.max(0, FREEZE_MS - 2_000 - (Date.now() - started)));
    ferret.proc.child.kill("SIGCONT");
    return readyz;
  }),
  "R3-kill": fanOut(async (run, { ferret }) => {
    await run.midFanOut();
    await kill(ferret.proc);
    await sleep(2_000);
    await ferret.start();
  }),
  R4: fanOut(async (run) => {
    await run.double.control("/fail-randomly", {
      method: "chat.postMessage",
      failure: { status: 429, retryAfterSeconds: 1 },
      rate: 0.3,
    });
    await run.double.control("/fail-randomly", {
      method: "chat.postMessage",
      failure: { status: 503 },
      rate: 0.1 / 0.7,
    });
  }),
  R5: async (run) => [await buttonsTwice(run), await eventRetries(run)],
};

/** Every mentee presses "On track" twice at once: the mentor hears once, the mentee is thanked once. */
async function buttonsTwice(run: Run): Promise<Result> {
  const settled = await run.settle(() => run.delivered(), N);
  if (!settled) return run.checkinResult(false, "fan-out");
  const { checkins } = await run.stats();
  const slack = requests(run);
  const urls: string[][] = [];
  for (let i = 0; i < N; i += 10) {
    await Promise.all(
      Array.from({ length: Math.min(10, N - i) }, async (_, k) => {
        const user = mentee(i + k);
        const channelId = `D${user}`;
        const press = () =>
          slack.blockAction(user, {
            actionId: "checkin.on_track",
            value: checkins[channelId] ?? "",
            message: { ts: "1700000000.000100", channelId },
          });
        const both = await Promise.all([press(), press()]);
        urls[i + k] = both.map((b) => b.responseUrl);
      }),
    );
  }
  const told = async () => {
    const { posts } = await run.stats();
    return Array.from({ length: N }, (_, i) => posts[`D${mentor(i)}`] ?? 0).filter((c) => c > 0)
      .length;
  };
  const done = await run.settle(told, N);
  const { posts } = await run.stats();
  const texts: string[][][] = await run.double.control("/responses", { urls: urls.flat() });
  const thanked = Array.from({ length: N }, (_, i) =>
    [texts[2 * i], texts[2 * i + 1]].flat().filter((t) => t?.includes("let your mentor know")),
  );
  // A check-in counts once per mentor DM and once per "I've let your mentor know".
  const counts = Array.from({ length: N }, (_, i) =>
    Math.max(posts[`D${mentor(i)}`] ?? 0, thanked[i]?.length ?? 0),
  );
  const extraThanks = thanked.reduce((sum, t) => sum + Math.max(0, t.length - 1), 0);
  const result = run.result(counts, done, `thanked-twice=${extraThanks}`);
  return { ...result, scenario: "R5-button" };
}

/** Slack delivers each app_home_opened twice with one event_id (a retry): one Home publish. */
async function eventRetries(run: Run): Promise<Result> {
  const started = Date.now();
  const before = (await run.stats()).publishes;
  const slack = requests(run);
  for (let i = 0; i < N; i += 10) {
    await Promise.all(
      Array.from({ length: Math.min(10, N - i) }, async (_, k) => {
        const user = mentee(i + k);
        const event = { type: "app_home_opened", user, channel: `D${user}`, tab: "home" };
        const eventId = `Ev${randomBytes(5).toString("hex").toUpperCase()}`;
        await Promise.all([
          slack.event(event, { eventId }),
          slack.event(event, { eventId, retryNum: 1, retryReason: "http_timeout" }),
        ]);
      }),
    );
  }
  const published = async () => {
    const { publishes } = await run.stats();
    return Array.from({ length: N }, (_, i) => mentee(i)).filter(
      (u) => (publishes[u] ?? 0) > (before[u] ?? 0),
    ).length;
  };
  const done = await run.settle(published, N);
  const { publishes } = await run.stats();
  const counts = Array.from(
    { length: N },
    (_, i) => (publishes[mentee(i)] ?? 0) - (before[mentee(i)] ?? 0),
  );
  const result = run.result(counts, done, "");
  return { ...result, scenario: "R5-event", ms: Date.now() - started };
}

function requests(run: Run): SlackRequests {
  // SlackRequests needs only these of the double (which runs in its own process here).
  const double = {
    responseUrl: (id: string) => `${run.double.responseBase}${encodeURIComponent(id)}`,
    dmChannelId: (user: string) => `D${user}`,
    user: () => undefined,
  } as unknown as SlackDouble;
  return new SlackRequests({
    appUrl: `http://127.0.0.1:${run.webPort}`,
    signingSecret: SIGNING_SECRET,
    double,
  });
}

// ---------------------------------------------------------------------------------------------
// Main

function format(r: Result): string {
  return [
    r.scenario.padEnd(10),
    `N=${r.n}`.padEnd(6),
    `delivered=${r.delivered}`.padEnd(14),
    `lost=${r.lost}`.padEnd(8),
    `duplicated=${r.duplicated}`.padEnd(14),
    `time=${(r.ms / 1000).toFixed(1)}s`.padEnd(11),
    r.note,
  ]
    .join(" ")
    .trimEnd();
}

async function main(): Promise<number> {
  // R5 fans out with no fault before pressing buttons, so it stands in for R0 here.
  const short = ["R1-post", "R3-kill", "R5"];
  const names =
    process.env.FAULTS_SCENARIOS?.split(",").filter(Boolean) ??
    (SHORT ? short : Object.keys(SCENARIOS));
  const unknown = names.filter((name) => !SCENARIOS[name]);
  if (unknown.length) throw new Error(`unknown scenario(s): ${unknown.join(", ")}`);

  execFileSync("bash", [join(repoRoot, "tools/ferretdb/build.sh")], { stdio: "inherit" });
  const redisPort = await freePort();
  const redisProc = startProcess(
    "redis",
    "redis-server",
    ["--port", String(redisPort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    process.env,
  );
  const redisUrl = `redis://127.0.0.1:${redisPort}`;
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  redis.on("error", () => {}); // until redis-server listens; waitFor below retries
  await waitFor("Redis", async () => (await redis.ping()) === "PONG", 30_000);
  const ferret = new Ferret(await freePort(), join(work, "ferretdb"));
  await ferret.start();

  const backend = /, backend (\w+)/.exec(readFileSync(ferret.proc.logFile, "utf8"))?.[1];
  log(`N=${N}, scenarios: ${names.join(", ")}; FerretDB on ${backend ?? "?"}`);
  let failed = false;
  try {
    for (const name of names) {
      const run = new Run(name, redisUrl, ferret);
      let results: Result[];
      try {
        await run.setUp();
        const out = await (SCENARIOS[name] as Scenario)(run, { redis, ferret });
        results = Array.isArray(out) ? out : [out];
      } catch (err) {
        log(`${name} failed to run: ${String(err)}`);
        results = [{ ...run.result([], false, "error"), lost: N }];
      } finally {
        await run.tearDown();
      }
      for (const result of results) {
        process.stdout.write(`${format(result)}\n`);
        if (result.lost > 0 || result.duplicated > 0) failed = true;
      }
    }
  } finally {
    await redis.quit().catch(() => redis.disconnect());
    ferret.proc.child.kill("SIGCONT");
    await kill(ferret.proc, "SIGTERM");
    await kill(redisProc, "SIGTERM");
  }
  return failed ? 1 : 0;
}

function cleanUp(): void {
  for (const child of children) {
    child.kill("SIGCONT");
    child.kill("SIGKILL");
  }
  rmSync(work, { recursive: true, force: true });
}

process.on("SIGINT", () => {
  cleanUp();
  process.exit(130);
});
main().then(
  (code) => {
    cleanUp();
    process.exit(code);
  },
  (err) => {
    log(String(err instanceof Error ? err.stack : err));
    cleanUp();
    process.exit(2);
  },
);
