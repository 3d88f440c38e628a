// Starts REAL Redis and FerretDB (MongoDB wire protocol) servers on free loopback ports, for the
// vitest global setup (test/support/services.global-setup.ts) and the benchmark (bench/run.ts).
// There is deliberately no in-memory fallback: if a server cannot start, the caller fails loudly.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import mongoose from "mongoose";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const launcher = join(repoRoot, "tools/ferretdb/bin/ferretdb-launcher");
const buildScript = join(repoRoot, "tools/ferretdb/build.sh");
const STARTUP_TIMEOUT_MS = 30_000;

interface Service {
  name: string;
  child: ChildProcess;
  log: string;
  spawnError?: Error;
}

export interface LocalServices {
  /** redis://127.0.0.1:PORT, or REDIS_URL when it was set. */
  redisUrl: string;
  /** MongoDB-wire base URI without a database name (may carry ?options). */
  mongodbUri: string;
  /** The storage under the FerretDB this call started; null when MONGODB_URI was given. */
  ferretdbBackend: FerretdbBackend | null;
  /** On PostgreSQL: equality filters served from GIN twins of FerretDB's indexes (the launcher's default). */
  ferretdbEqualityIndexes: boolean;
  /** Stops the servers this call started and removes their temp directory. */
  stop(): Promise<void>;
}

/** Asks the kernel for a free port; the tiny race until the server binds is acceptable here. */
/** A loopback port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function start(name: string, cmd: string, args: string[], log: string): Service {
  // Logs go to files (not the console) and are quoted in errors when startup fails.
  const fd = openSync(log, "a");
  const child = spawn(cmd, args, { stdio: ["ignore", fd, fd] });
  closeSync(fd);
  const service: Service = { name, child, log };
  // Without this listener a missing binary (ENOENT) would crash the calling process.
  child.once("error", (err) => {
    service.spawnError = err;
  });
  return service;
}

async function logTail(log: string): Promise<string> {
  const text = await readFile(log, "utf8").catch(() => "");
  return text.split("\n").slice(-30).join("\n");
}

/** Polls `ready` until it resolves true; fails fast with the log tail if the process dies. */
async function waitUntilReady(svc: Service, ready: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let lastError: unknown;
  for (;;) {
    const { exitCode, signalCode } = svc.child;
    const dead = svc.spawnError !== undefined || exitCode !== null || signalCode !== null;
    if (dead || Date.now() > deadline) {
      const why = svc.spawnError
        ? `could not be spawned: ${svc.spawnError.message}`
        : dead
          ? `exited early (code ${exitCode}, signal ${signalCode})`
          : `did not become ready within ${STARTUP_TIMEOUT_MS} ms (last error: ${String(lastError)})`;
      throw new Error(`${svc.name} ${why}\n--- ${svc.log} (tail) ---\n${await logTail(svc.log)}`);
    }
    try {
      if (await ready()) return;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Raw RESP PING, so readiness does not depend on a client library's retry behaviour. */
function redisPing(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.setTimeout(1000, () => socket.destroy(new Error("PING timed out")));
    socket.once("error", reject);
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => {
      socket.destroy();
      resolve(data.toString().startsWith("+PONG"));
    });
  });
}

/** A TCP connect alone is not enough: FerretDB prints "listening" before it serves commands. */
async function mongoPing(uri: string): Promise<boolean> {
  const client = new mongoose.mongo.MongoClient(uri, {
    serverSelectionTimeoutMS: 1000,
    connectTimeoutMS: 1000,
  });
  try {
    const res = await client.db("admin").command({ ping: 1 });
    return res.ok === 1;
  } finally {
    await client.close();
  }
}

async function stop(svc: Service): Promise<void> {
  const { child } = svc;
  if (svc.spawnError || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const killTimer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(killTimer);
}

/** Drops the database path of a user-supplied URI but keeps ?options (tests add their own db). */
export function stripDatabase(uri: string): string {
  const m = /^(mongodb(?:\+srv)?:\/\/[^/?]+)(?:\/[^?]*)?(\?.*)?$/.exec(uri);
  if (!m) throw new Error(`MONGODB_URI is not a mongodb:// URI: ${uri}`);
  return m[2] ? `${m[1]}/${m[2]}` : (m[1] as string);
}

export type FerretdbBackend = "sqlite" | "postgresql";

/**
 * Starts Redis unless `env.REDIS_URL` is set and FerretDB unless `env.MONGODB_URI` is set.
 * FerretDB keeps its data in SQLite unless `backend` asks for PostgreSQL ("auto": when it is
 * installed; the launcher then runs a throwaway cluster of its own).
 * On failure, stops whatever already started before rethrowing.
 */
export async function startLocalServices(
  env: {
    REDIS_URL?: string | undefined;
    MONGODB_URI?: string | undefined;
  },
  backend: FerretdbBackend | "auto" = "sqlite",
): Promise<LocalServices> {
  const services: Service[] = [];
  const workDir = await mkdtemp(join(tmpdir(), "mentorbot-services-"));
  const teardown = async (): Promise<void> => {
    await Promise.all(services.map(stop));
    await rm(workDir, { recursive: true, force: true });
  };

  try {
    let redisUrl = env.REDIS_URL;
    if (!redisUrl) {
      const port = await freePort();
      const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", ""];
      args.push("--appendonly", "no", "--dir", workDir);
      const redis = start("redis-server", "redis-server", args, join(workDir, "redis.log"));
      services.push(redis);
      await waitUntilReady(redis, () => redisPing(port));
      redisUrl = `redis://127.0.0.1:${port}`;
    }

    let mongodbUri = env.MONGODB_URI ? stripDatabase(env.MONGODB_URI) : undefined;
    let ferretdbBackend: FerretdbBackend | null = null;
    let ferretdbEqualityIndexes = false;
    if (!mongodbUri) {
      // build.sh is a no-op when the binary is up to date, so always calling it keeps it fresh.
      await promisify(execFile)("bash", [buildScript]).catch((err: { stderr?: string }) => {
        throw new Error(`tools/ferretdb/build.sh failed:\n${err.stderr ?? String(err)}`);
      });
      const port = await freePort();
      const args = ["-listen", `127.0.0.1:${port}`, "-dir", join(workDir, "ferretdb")];
      args.push("-backend", backend);
      const log = join(workDir, "ferretdb.log");
      const ferret = start("ferretdb", launcher, args, log);
      services.push(ferret);
      mongodbUri = `mongodb://127.0.0.1:${port}`;
      const uri = mongodbUri;
      await waitUntilReady(ferret, () => mongoPing(uri));
      const said = /, backend (sqlite|postgresql)(, equality served from indexes)?/.exec(
        await readFile(log, "utf8"),
      );
      ferretdbBackend = (said?.[1] as FerretdbBackend | undefined) ?? null;
      ferretdbEqualityIndexes = said?.[2] !== undefined;
    }
    return { redisUrl, mongodbUri, ferretdbBackend, ferretdbEqualityIndexes, stop: teardown };
  } catch (err) {
    await teardown();
    throw err;
  }
}
