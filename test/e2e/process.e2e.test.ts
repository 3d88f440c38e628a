// The real entry point as its own process: config errors, serving Slack and health checks,
// keeping secrets out of logs, graceful SIGTERM, and the worker role's HTTP surface.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testMongoUri, testRedisUrl, uniqueName } from "../support/isolation.js";
import { freePort } from "../support/local-services.js";
import { SlackDouble } from "../support/slack-double.js";
import { SlackRequests } from "../support/slack-requests.js";
import { BOT_TOKEN, PEOPLE, SIGNING_SECRET } from "../support/test-bot.js";

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const SHUTDOWN_TIMEOUT_MS = 3_000;
/** main.ts forces exit(1) this long after SIGTERM if graceful shutdown hangs. */
const SHUTDOWN_BOUND_MS = SHUTDOWN_TIMEOUT_MS + 5_000;
/**
 * tsx compiles the whole of src/ in the new process: seconds on an idle machine, far more while
 * other test files run beside it on two shared cores. A wait, not a speed check (that is bench's).
 */
const START_MS = 45_000;
const TEST_MS = 60_000;

interface BotProcess {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children: ChildProcess[] = [];

/** `node --import tsx src/main.ts` with only PATH and `env` in its environment. */
function spawnBot(env: Record<string, string>): BotProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  let err = "";
  child.stdout?.on("data", (chunk) => {
    out += String(chunk);
  });
  child.stderr?.on("data", (chunk) => {
    err += String(chunk);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await gone;
    }
  }
});

/** Polls `url` until it answers 200, failing early (with the logs) if the process exits. */
async function waitForHttp(bot: BotProcess, url: string, timeoutMs = START_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (bot.child.exitCode !== null) {
      throw new Error(`bot exited with ${bot.child.exitCode}\n${bot.stdout()}\n${bot.stderr()}`);
    }
    const ok = await fetch(url).then(
      (res) => res.status === 200,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) {
      throw new Error(`${url} not ready in ${timeoutMs} ms\n${bot.stdout()}\n${bot.stderr()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const logLines = (bot: BotProcess) =>
  bot
    .stdout()
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { msg?: string; level?: number });

describe("configuration errors", () => {
  it(
    "exits 1 naming every bad variable in one message",
    async () => {
      const bot = spawnBot({ PORT: "abc", LOG_LEVEL: "info" });
      const { code } = await bot.exited;
      expect(code).toBe(1);
      const stderr = bot.stderr();
      expect(stderr).toContain("Invalid configuration");
      expect(stderr).toContain("SLACK_BOT_TOKEN");
      expect(stderr).toContain("SLACK_SIGNING_SECRET");
      expect(stderr).toContain("PORT");
      // One message: the three problems are listed together, once.
      expect(stderr.match(/Invalid configuration/g)).toHaveLength(1);
      expect(bot.stdout()).toBe("");
    },
    TEST_MS,
  );
});

describe("a running process", () => {
  let double: SlackDouble;

  beforeEach(async () => {
    double = await SlackDouble.start();
  });
  afterEach(async () => {
    await double.close();
  });

  async function env(extra: Record<string, string> = {}): Promise<Record<string, string>> {
    return {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: double.apiUrl,
      MONGODB_URI: testMongoUri(uniqueName("proc")),
      REDIS_URL: testRedisUrl(),
      QUEUE_PREFIX: uniqueName("q"),
      PORT: String(await freePort()),
      LOG_LEVEL: "info",
      SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS),
      ...extra,
    };
  }

  it(
    "serves health and Slack, keeps secrets out of logs and stops cleanly on SIGTERM",
    async () => {
      const vars = await env();
      const bot = spawnBot(vars);
      const appUrl = `http://127.0.0.1:${vars.PORT}`;
      await waitForHttp(bot, `${appUrl}/healthz`);
      // /healthz answers from the start; /readyz once start-up has finished.
      await waitForHttp(bot, `${appUrl}/readyz`);

      const ready = await fetch(`${appUrl}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ mongodb: true, redis: true });

      const slack = new SlackRequests({ appUrl, signingSecret: SIGNING_SECRET, double });
      const sent = await slack.command(PEOPLE.other, "help");
      expect(sent.status).toBe(200);
      const reply = await double.waitForResponse(sent.responseUrl);
      expect(reply.response_type).toBe("ephemeral");
      expect(String(reply.text)).toContain("/mentor pair @mentor @mentee");

      const signalledAt = Date.now();
      bot.child.kill("SIGTERM");
      const { code } = await bot.exited;
      const took = Date.now() - signalledAt;
      expect(code).toBe(0);
      expect(took).toBeLessThan(SHUTDOWN_BOUND_MS);

      const messages = logLines(bot).map((line) => line.msg);
      expect(messages).toContain("mentorship bot started");
      expect(messages).toContain("mentorship bot stopped");
      expect(bot.stdout()).not.toContain(BOT_TOKEN);
      expect(bot.stdout()).not.toContain(SIGNING_SECRET);
      expect(bot.stderr()).not.toContain(BOT_TOKEN);
      expect(bot.stderr()).not.toContain(SIGNING_SECRET);
    },
    TEST_MS,
  );

  it(
    "exits 1 when Slack refuses the bot token, saying so without the token, and asks once",
    async () => {
      double.failNext("auth.test", { error: "invalid_auth" });
      const bot = spawnBot(await env());
      expect((await bot.exited).code).toBe(1);
      expect(bot.stderr()).toContain("SLACK_BOT_TOKEN was refused by Slack: invalid_auth");
      expect(bot.stderr()).not.toContain("unreachable");
      expect(`${bot.stdout()}${bot.stderr()}`).not.toContain(BOT_TOKEN);
      expect(double.calls("auth.test")).toHaveLength(1);
    },
    TEST_MS,
  );

  it(
    "exits 1 when Slack refuses the app-level token in Socket Mode, naming SLACK_APP_TOKEN",
    async () => {
      double.failNext("apps.connections.open", { error: "invalid_auth" });
      const bot = spawnBot(await env({ SLACK_APP_TOKEN: "xapp-1-refused" }));
      expect((await bot.exited).code).toBe(1);
      expect(bot.stderr()).toContain("SLACK_APP_TOKEN was refused by Slack: invalid_auth");
      expect(bot.stdout()).not.toContain("unreachable");
      expect(`${bot.stdout()}${bot.stderr()}`).not.toContain("xapp-1-refused");
      expect(double.calls("apps.connections.open")).toHaveLength(1);
    },
    TEST_MS,
  );

  it(
    "answers /healthz (alive) and /readyz 503 while Redis cannot be reached at start-up",
    async () => {
      // Nothing listens there: start-up waits for Redis.
      const vars = await env({ REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
      const bot = spawnBot(vars);
      const appUrl = `http://127.0.0.1:${vars.PORT}`;
      await waitForHttp(bot, `${appUrl}/healthz`);
      const ready = await fetch(`${appUrl}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ started: false });
      expect(logLines(bot).map((line) => line.msg)).not.toContain("mentorship bot started");
    },
    TEST_MS,
  );

  it(
    "ROLE=worker answers health checks on PORT and has no Slack endpoint",
    async () => {
      const vars = await env({ ROLE: "worker" });
      const bot = spawnBot(vars);
      const baseUrl = `http://127.0.0.1:${vars.PORT}`;
      await waitForHttp(bot, `${baseUrl}/healthz`);
      await waitForHttp(bot, `${baseUrl}/readyz`);

      const ready = await fetch(`${baseUrl}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ mongodb: true, redis: true });

      const slack = new SlackRequests({ appUrl: baseUrl, signingSecret: SIGNING_SECRET, double });
      const sent = await slack.command(PEOPLE.other, "help");
      expect(sent.status).toBe(404);
      expect((await fetch(`${baseUrl}/slack/events`)).status).toBe(404);

      bot.child.kill("SIGTERM");
      expect((await bot.exited).code).toBe(0);
      expect(logLines(bot).map((line) => line.msg)).toContain("mentorship bot stopped");
    },
    TEST_MS,
  );
});
