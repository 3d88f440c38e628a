// P1's two targets as processes of their own, as in production: the bot's web role started as the
// image starts it (bot-processes.ts), and the bare Bolt app (bare-bolt-process.ts) with the same
// node flags and memory settings. The bench process keeps only the load: signing, sending and
// catching the replies. So neither target shares an event loop or a GC with the load generator or
// with the other, and each one's peak RSS is its own.
import { type ChildProcess, spawn } from "node:child_process";
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { stripTypeScriptTypes } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { sharedClockKey } from "../src/cache/shared-clock.js";
import { freePort } from "../test/support/local-services.js";
import {
  type BotProcess,
  buildDist,
  imageCommand,
  imageNodeFlags,
  memoryOf,
  startBotProcess,
} from "./bot-processes.js";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const START_TIMEOUT_MS = 30_000;
const SHUTDOWN_MS = 10_000;
/** The message db-command-count.ts answers with the web process's counts since the last one. */
const DB_PROFILE_MESSAGE = "db-profile";

const log = (text: string) => process.stderr.write(`[bench] ${text}\n`);

/**
 * `bench/<name>.ts` as plain JavaScript in .cache/bench/ (resolving packages from the repository's
 * node_modules), so the processes run no TypeScript loader: Node's own type stripping would
 * load its compiler into both and add to their memory, which P1 reports.
 */
function plainScript(name: string): string {
  const source = readFileSync(join(repoRoot, "bench", `${name}.ts`), "utf8");
  const dir = join(repoRoot, ".cache", "bench");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, stripTypeScriptTypes(source));
  return file;
}

export type DbProfile = Map<string, { count: number; ms: number }>;

export interface P1Targets {
  botUrl: string;
  bareUrl: string;
  /** How the processes were started, for the report. */
  started: string;
  /** Tells the bare app the bot's reply to `text`: it answers `text` with the same. */
  mirror(text: string, reply: Record<string, unknown>): Promise<void>;
  /**
   * The web process's database commands (count, round trips summed) since the last call; null
   * when started without the count.
   */
  dbProfile(): Promise<DbProfile | null>;
  /** Each process's peak resident memory so far, as the kernel counts it (VmHWM), in MB. */
  peaks(): { web: number; bare: number };
  /** Warn and error lines the web process logged. */
  warnings(): string[];
  stop(): Promise<void>;
}

export interface P1ProcessOptions {
  /**
   * The in-process bot's settings (its config's environment): the web process runs on the same
   * database, Redis, queue prefix and Slack double, with the same limits. Its MONGODB_URI should
   * carry monitorCommands=true, which the database-command profile needs.
   */
  botEnv: Record<string, string>;
  /**
   * Counts the web process's database commands (bench/db-command-count.ts, with the driver's
   * command monitoring). Off, the web process runs without either: to see what the count costs.
   */
  countDbCommands: boolean;
  signingSecret: string;
  /** The bench clock's now: the web process reads it through the playground's shared clock. */
  now: Date;
}

/** Starts the web process and the bare app; both answer once this resolves. */
export async function startP1Targets(options: P1ProcessOptions): Promise<P1Targets> {
  const built = performance.now();
  if (buildDist()) log(`  built dist/ in ${((performance.now() - built) / 1000).toFixed(1)} s`);
  const logDir = mkdtempSync(join(tmpdir(), "mentorbot-p1-"));
  const redisUrl = options.botEnv.REDIS_URL ?? "";
  const prefix = options.botEnv.QUEUE_PREFIX ?? "";
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  let web: BotProcess | undefined;
  let bare: { child: ChildProcess; port: number } | undefined;
  let keepLogs = false;
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      await web?.stop(SHUTDOWN_MS).catch(() => null);
      if (bare) await stopChild(bare.child);
      await redis.del(sharedClockKey(prefix)).catch(() => 0);
      redis.disconnect();
      if (!keepLogs) rmSync(logDir, { recursive: true, force: true });
    })();
    return stopped;
  };
  try {
    // The web process reads the bench's time, not the machine's: the bench wrote its data at it.
    await redis.set(sharedClockKey(prefix), String(options.now.getTime() - Date.now()));
    web = await startBotProcess(
      "web",
      await freePort(),
      {
        ...options.botEnv,
        MONGODB_URI: options.countDbCommands
          ? (options.botEnv.MONGODB_URI ?? "")
          : withoutMonitoring(options.botEnv.MONGODB_URI ?? ""),
        // The playground's clock only (src/cache/shared-clock.ts), as P4's processes.
        PLAYGROUND: "true",
        RETENTION_SWEEP_INTERVAL_MS: "0",
        PROFILE_REFRESH_INTERVAL_MS: "0",
      },
      logDir,
      options.countDbCommands
        ? { nodeArgs: ["--import", plainScript("db-command-count")], ipc: true }
        : {},
    );
    bare = await startBare(options.signingSecret, logDir);
  } catch (err) {
    keepLogs = true;
    log(`  P1 processes failed to start; logs in ${logDir}`);
    await stop();
    throw err;
  }
  const running = { web, bare };
  const image = imageCommand();
  const env = Object.entries(image.env).map(([name, value]) => `${name}=${value}`);
  log(`  started web (pid ${web.pid}) and bare Bolt app (pid ${bare.child.pid})`);
  return {
    botUrl: `http://127.0.0.1:${web.port}/slack/events`,
    bareUrl: `http://127.0.0.1:${bare.port}/slack/events`,
    started: `${[...env, "node", ...imageNodeFlags()].join(" ")} dist/main.js (ROLE=web) and bench/bare-bolt-process.ts`,
    async mirror(text, reply) {
      const res = await fetch(`http://127.0.0.1:${running.bare.port}/bench/replies`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text, reply }),
      });
      if (!res.ok) throw new Error(`the bare app refused the reply for ${text}: ${res.status}`);
    },
    async dbProfile() {
      if (!options.countDbCommands) return null;
      const answer = (await running.web.ask(DB_PROFILE_MESSAGE)) as Record<string, unknown>;
      return new Map(answer[DB_PROFILE_MESSAGE] as [string, { count: number; ms: number }][]);
    },
    peaks() {
      return {
        web: running.web.memory().peak,
        bare: memoryOf(running.bare.child.pid ?? 0)?.peak ?? Number.NaN,
      };
    },
    warnings() {
      const lines = running.web.warnings();
      if (lines.length > 0) keepLogs = true;
      return lines;
    },
    stop,
  };
}

/** `uri` without the driver's command monitoring (monitorCommands=true). */
function withoutMonitoring(uri: string): string {
  return uri.replace(/([?&])monitorCommands=true(&?)/i, (_, separator, next) =>
    next ? separator : "",
  );
}

/** The bare app, with the image's node flags and environment; resolves with its port. */
async function startBare(
  signingSecret: string,
  logDir: string,
): Promise<{ child: ChildProcess; port: number }> {
  const fd = openSync(join(logDir, "bare.log"), "a");
  const child = spawn(process.execPath, [...imageNodeFlags(), plainScript("bare-bolt-process")], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? "",
      ...imageCommand().env,
      BENCH_SIGNING_SECRET: signingSecret,
    },
    stdio: ["ignore", "pipe", fd],
  });
  closeSync(fd);
  const lines = createInterface({ input: child.stdout as NonNullable<typeof child.stdout> });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error("the bare app printed no port")),
        START_TIMEOUT_MS,
      );
      child.once("exit", (code) => reject(new Error(`the bare app exited at start-up (${code})`)));
      lines.once("line", (line) => {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { port: number }).port);
      });
    });
    return { child, port };
  } catch (err) {
    child.kill("SIGKILL");
    throw err;
  } finally {
    lines.close();
    child.stdout?.resume(); // nothing more is read: drained, so the app never blocks on it
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), SHUTDOWN_MS);
  await exited;
  clearTimeout(timer);
}
