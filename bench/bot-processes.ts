// P4 of issue 14: the bot's roles as real processes, as the image runs them (`node dist/main.js`
// with ROLE=web or ROLE=worker), each with its resident memory read from /proc: the bench's own
// process holds the Slack double, the in-process bot and the harness, so its RSS says nothing
// about one role's.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const START_TIMEOUT_MS = 60_000;
const SAMPLE_EVERY_MS = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The newest modification time of any file under `dir`, in ms. */
function newestUnder(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * Compiles src/ to dist/ (`npm run build`) unless dist/main.js is newer than every source, so the
 * processes run the code being measured. Returns whether it compiled.
 */
export function buildDist(): boolean {
  const main = join(repoRoot, "dist/main.js");
  if (existsSync(main) && statSync(main).mtimeMs > newestUnder(join(repoRoot, "src"))) return false;
  execFileSync(
    process.execPath,
    [join(repoRoot, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"],
    { cwd: repoRoot, stdio: "inherit" },
  );
  return true;
}

/**
 * How the image starts a role: the final stage's `ENV` settings and its exec-form `CMD`, read from
 * the Dockerfile so the bench measures the processes as they run in production. NODE_ENV is left
 * out: its production value refuses the playground's shared clock, all the bench takes of
 * playground mode.
 */
export function imageCommand(): { args: string[]; env: Record<string, string> } {
  const lines = readFileSync(join(repoRoot, "Dockerfile"), "utf8")
    .split("\n")
    .filter((line) => !/^\s*#/.test(line))
    .join("\n")
    .replace(/\\\r?\n/g, " ")
    .split("\n")
    .map((line) => line.trim());
  const finalStage = lines.slice(lines.findLastIndex((line) => /^FROM\s/i.test(line)));
  const env: Record<string, string> = {};
  for (const line of finalStage) {
    const settings = /^ENV\s+(.*)$/i.exec(line)?.[1] ?? "";
    for (const [, name = "", value = ""] of settings.matchAll(/(\w+)=("[^"]*"|\S+)/g)) {
      env[name] = value.replace(/^"|"$/g, "");
    }
  }
  delete env.NODE_ENV;
  const cmd = finalStage.filter((line) => /^CMD\s/i.test(line)).at(-1) ?? "";
  const [command, ...args] = JSON.parse(cmd.replace(/^CMD\s+/i, "") || "[]") as string[];
  if (command !== "node" || !args.includes("dist/main.js")) {
    throw new Error(`the Dockerfile's CMD is not node … dist/main.js: ${cmd}`);
  }
  return { args, env };
}

/** One process's memory as the kernel counts it (MB): now, and its peak so far (VmHWM). */
export function memoryOf(pid: number): { rss: number; peak: number } | null {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return null; // exited, or no /proc here
  }
  const kb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1]);
  return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
}

/**
 * File pages a process maps as huge pages (MB): mostly the node binary's code once the kernel's
 * khugepaged has collapsed it. Shared by every process of that binary, yet counted whole in each
 * one's RSS: measured here, a bare `node` went from 43 to 72 MB when it happened mid-session.
 */
export function hugeFilePagesOf(pid: number): number | null {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
    const kb = Number(/^FilePmdMapped:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0);
    return kb / 1024;
  } catch {
    return null;
  }
}

export interface BotProcess {
  role: "web" | "worker";
  port: number;
  pid: number;
  logFile: string;
  /** The highest VmRSS sampled, and the kernel's own peak (VmHWM) at the last sample, in MB. */
  memory(): { sampledMax: number; peak: number; last: number };
  /** Warn and error lines the process logged (pino levels 40 and up). */
  warnings(): string[];
  /** SIGTERM (a graceful stop: requests, then jobs), SIGKILL past `graceMs`; the exit code. */
  stop(graceMs: number): Promise<number | null>;
  /** Sends `message` over the IPC channel (started with `ipc`) and resolves with the next reply. */
  ask(message: string): Promise<unknown>;
}

/** The image's node flags: its CMD's arguments before the script. */
export function imageNodeFlags(): string[] {
  const { args } = imageCommand();
  return args.slice(0, args.indexOf("dist/main.js"));
}

/**
 * Starts `role` as the image does (`node … dist/main.js`); resolves once /healthz answers.
 * `nodeArgs` go after the image's own flags (a bench-only `--import`, say), and `ipc` opens a
 * channel to the process for `ask`.
 */
export async function startBotProcess(
  role: "web" | "worker",
  port: number,
  env: Record<string, string>,
  logDir: string,
  options: { nodeArgs?: readonly string[]; ipc?: boolean } = {},
): Promise<BotProcess> {
  const logFile = join(logDir, `${role}.log`);
  const fd = openSync(logFile, "a");
  const image = imageCommand();
  const script = image.args.indexOf("dist/main.js");
  const args = [
    ...image.args.slice(0, script),
    ...(options.nodeArgs ?? []),
    // Profiling a child: BENCH_CHILD_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof", say.
    ...(process.env.BENCH_CHILD_NODE_ARGS?.split(" ").filter(Boolean) ?? []),
    ...image.args.slice(script),
  ];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? "", ...image.env, ...env, ROLE: role, PORT: String(port) },
    stdio: options.ipc ? ["ignore", fd, fd, "ipc"] : ["ignore", fd, fd],
  });
  closeSync(fd);
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const pid = child.pid;
  if (pid === undefined) throw new Error(`the ${role} process did not start`);

  let sampledMax = 0;
  let last = 0;
  let peak = 0;
  const sample = () => {
    const m = memoryOf(pid);
    if (!m) return;
    last = m.rss;
    sampledMax = Math.max(sampledMax, m.rss);
    peak = Math.max(peak, m.peak);
  };
  const sampler = setInterval(sample, SAMPLE_EVERY_MS);
  sampler.unref();
  void exited.then(() => clearInterval(sampler));

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the ${role} process exited at start-up; see ${logFile}`);
    }
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`, {
      signal: AbortSignal.timeout(2_000),
    }).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the ${role} process did not answer /healthz; see ${logFile}`);
    }
    await sleep(100);
  }

  return {
    role,
    port,
    pid,
    logFile,
    memory() {
      sample();
      return { sampledMax, peak, last };
    },
    warnings() {
      return readFileSync(logFile, "utf8")
        .split("\n")
        .filter((line) => /"level":(4\d|5\d|60)/.test(line));
    },
    async stop(graceMs) {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      sample();
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    ask(message) {
      if (!child.connected)
        return Promise.reject(new Error(`no IPC channel to the ${role} process`));
      const reply = new Promise<unknown>((resolve, reject) => {
        child.once("message", resolve);
        void exited.then(() => reject(new Error(`the ${role} process exited`)));
      });
      child.send(message);
      return reply;
    },
  };
}
