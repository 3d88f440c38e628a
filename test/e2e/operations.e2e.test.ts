// What an operator sees of a running bot: /metrics, the queue dashboard, and readiness while
// Slack cannot be reached at start-up.
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it, vi } from "vitest";
import { QUEUE_NAMES } from "../../src/jobs/registry.js";
import { testMongoUri, uniqueName } from "../support/isolation.js";
import { startLocalServices } from "../support/local-services.js";
import { parsePrometheusText, sampleValue } from "../support/prometheus-text.js";
import { addNotificationJobs, notificationsDrained } from "../support/queue-drain.js";
import { at, PEOPLE, startTestBot, type TestBot } from "../support/test-bot.js";

const running: TestBot[] = [];
afterEach(async () => {
  for (const bot of running.splice(0)) await bot.stop();
});

async function start(...args: Parameters<typeof startTestBot>): Promise<TestBot> {
  const bot = await startTestBot(...args);
  running.push(bot);
  return bot;
}

async function mentor(bot: TestBot, userId: string, text: string): Promise<string> {
  const sent = await bot.slack.command(userId, text);
  expect(sent.status).toBe(200);
  return String((await bot.double.waitForResponse(sent.responseUrl)).text);
}

const basic = (user: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`,
});

const DAY_MS = 24 * 3600 * 1000;

describe("GET /metrics", () => {
  it("after a pairing, counts the command, jobs, Slack calls, deliveries, a duplicate, a sweep and a purge", async () => {
    const bot = await start();
    expect(
      await mentor(bot, PEOPLE.admin, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`),
    ).toContain("is now mentoring");
    await bot.double.waitForCalls("chat.postMessage", 2);
    await notificationsDrained(bot);
    // The same introduction job once more under another id: the ledger sends nothing.
    const pair = await bot.db.relationships.findOpenBetween(PEOPLE.mentor, PEOPLE.mentee);
    await addNotificationJobs(bot, [
      { name: "pairing.introduce", data: { relationshipId: pair?.id ?? "" }, jobId: "again" },
    ]);
    await notificationsDrained(bot);
    expect(bot.double.calls("chat.postMessage")).toHaveLength(2);
    await bot.sweepNow();
    await bot.db.audit.record({
      at: new Date(bot.clock.now().getTime() - 400 * DAY_MS),
      actorId: "system",
      action: "test.old",
      entityType: "test",
      entityId: "old",
      details: {},
    });
    await bot.purgeNow();

    const res = await fetch(`${bot.appUrl}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const samples = parsePrometheusText(await res.text());
    const value = (name: string, labels: Record<string, string> = {}) =>
      sampleValue(samples, `mentorship_${name}`, labels);

    expect(value("http_requests_total", { route: "/slack/events", status: "200" })).toBe(1);
    expect(value("slash_command_duration_seconds_count", { subcommand: "pair" })).toBe(1);
    expect(value("jobs_total", { name: "pairing.introduce", outcome: "completed" })).toBe(2);
    expect(
      value("job_duration_seconds_count", { name: "pairing.introduce", outcome: "completed" }),
    ).toBe(2);
    expect(value("slack_api_calls_total", { method: "chat.postMessage", outcome: "ok" })).toBe(2);
    expect(value("slack_api_calls_total", { method: "auth.test", outcome: "ok" })).toBe(1);
    // The reply to /mentor pair came back in the ack body: nothing went to its response_url.
    expect(value("slack_api_calls_total", { method: "response_url", outcome: "ok" })).toBe(
      undefined,
    );
    expect(value("deliveries_total", { outcome: "sent" })).toBe(2);
    expect(value("deliveries_total", { outcome: "duplicate" })).toBe(2);
    expect(value("queue_jobs", { queue: "notifications", state: "waiting" })).toBe(0);
    expect(value("queue_jobs", { queue: "scheduler", state: "failed" })).toBe(0);
    expect(value("sweep_duration_seconds_count")).toBe(1);
    expect(value("retention_purged_total", { collection: "audit" })).toBe(1);
    // Process defaults come along.
    expect(sampleValue(samples, "process_cpu_user_seconds_total")).toBeGreaterThan(0);
    expect(sampleValue(samples, "nodejs_heap_size_used_bytes")).toBeGreaterThan(0);
  });

  it("counts Slack's 429s and 5xx answers by method", async () => {
    const bot = await start();
    bot.double.failNext("chat.postMessage", { status: 429, retryAfterSeconds: 1 });
    bot.double.failNext("conversations.open", { status: 503 });
    await mentor(bot, PEOPLE.admin, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`);
    await bot.double.waitForCalls("chat.postMessage", 3, 15_000);
    await notificationsDrained(bot, 15_000);
    const samples = parsePrometheusText(await (await fetch(`${bot.appUrl}/metrics`)).text());
    const calls = (method: string, outcome: string) =>
      sampleValue(samples, "mentorship_slack_api_calls_total", { method, outcome });
    expect(calls("chat.postMessage", "rate_limited")).toBe(1);
    expect(calls("conversations.open", "server_error")).toBe(1);
    expect(calls("chat.postMessage", "ok")).toBe(2);
    expect(
      sampleValue(samples, "mentorship_jobs_total", {
        name: "pairing.introduce",
        outcome: "retried",
      }),
    ).toBeGreaterThanOrEqual(1);
  });

  it("is served by a worker-only process too", async () => {
    const worker = await start({ ROLE: "worker" });
    expect((await fetch(`${worker.appUrl}/metrics`)).status).toBe(200);
    const res = await fetch(`${worker.appUrl}/metrics`);
    const samples = parsePrometheusText(await res.text());
    expect(
      sampleValue(samples, "mentorship_queue_jobs", { queue: "notifications", state: "active" }),
    ).toBe(0);
    // The first scrape was counted once its response had been sent.
    expect(
      sampleValue(samples, "mentorship_http_requests_total", { route: "/metrics", status: "200" }),
    ).toBe(1);
  });

  it("with METRICS_TOKEN, answers only a matching bearer token", async () => {
    const bot = await start({ METRICS_TOKEN: "scrape-me-please" });
    expect((await fetch(`${bot.appUrl}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${bot.appUrl}/metrics`, {
      headers: { authorization: "Bearer scrape-me-pleasE" },
    });
    expect(wrong.status).toBe(401);
    const right = await fetch(`${bot.appUrl}/metrics`, {
      headers: { authorization: "Bearer scrape-me-please" },
    });
    expect(right.status).toBe(200);
    expect(await right.text()).toContain("mentorship_queue_jobs");
  });
});

describe("the queue dashboard at /admin/queues", () => {
  const credentials = { QUEUE_DASHBOARD_USER: "ops", QUEUE_DASHBOARD_PASSWORD: "correct horse" };

  it("refuses (401) without credentials or with wrong ones, and shows the queues with them", async () => {
    const bot = await start(credentials);
    const none = await fetch(`${bot.appUrl}/admin/queues`);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toMatch(/^Basic /);
    const wrongPassword = await fetch(`${bot.appUrl}/admin/queues`, {
      headers: basic("ops", "correct horsE"),
    });
    expect(wrongPassword.status).toBe(401);
    const wrongUser = await fetch(`${bot.appUrl}/admin/queues/api/queues`, {
      headers: basic("admin", "correct horse"),
    });
    expect(wrongUser.status).toBe(401);

    const page = await fetch(`${bot.appUrl}/admin/queues`, {
      headers: basic("ops", "correct horse"),
    });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    const api = await fetch(`${bot.appUrl}/admin/queues/api/queues`, {
      headers: basic("ops", "correct horse"),
    });
    expect(api.status).toBe(200);
    const { queues } = (await api.json()) as { queues: Array<{ name: string }> };
    expect(queues.map((q) => q.name).sort()).toEqual([...QUEUE_NAMES].sort());
  });

  it("is off unless both settings are given, and never on a worker", async () => {
    const plain = await start();
    expect((await fetch(`${plain.appUrl}/admin/queues`)).status).toBe(404);
    const worker = await start({ ...credentials, ROLE: "worker" });
    const res = await fetch(`${worker.appUrl}/admin/queues`, {
      headers: basic("ops", "correct horse"),
    });
    expect(res.status).toBe(404);
  });
});

describe("start-up while Slack is unreachable", () => {
  it("logs one line, keeps /readyz at 503, and is ready once auth.test answers", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const bot = await start(
        {},
        {
          beforeStart: (double) => double.failNext("auth.test", { status: 503 }, 1_000),
          slackRetry: { firstMs: 20, maxMs: 100 },
        },
      );
      const down = await fetch(`${bot.appUrl}/readyz`);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ mongodb: true, redis: true, slack: false });
      await bot.double.waitForCalls("auth.test", 3);
      const outage = bot.logs.filter((l) => l.msg.includes("Slack is unreachable"));
      expect(outage).toHaveLength(1);
      expect(JSON.stringify(outage)).not.toContain("xoxb-");

      bot.double.reset(); // Slack answers again.
      const deadline = Date.now() + 10_000;
      let ready = await fetch(`${bot.appUrl}/readyz`);
      while (ready.status !== 200 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        ready = await fetch(`${bot.appUrl}/readyz`);
      }
      expect(await ready.json()).toEqual({
        status: "ready",
        mongodb: true,
        redis: true,
        slack: true,
      });
      expect(await mentor(bot, PEOPLE.admin, "help")).toContain("/mentor");
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
});

describe("Socket Mode start-up while Slack is unreachable", () => {
  it("logs one line, serves /readyz 503 until the connection opens, then is ready", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const bot = await start(
        { SLACK_APP_TOKEN: "xapp-1-test" },
        {
          beforeStart: (double) => double.failNext("apps.connections.open", { status: 503 }, 1_000),
          slackRetry: { firstMs: 20, maxMs: 100 },
        },
      );
      const down = await fetch(`${bot.appUrl}/readyz`);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ slack: false });
      await bot.double.waitForCalls("apps.connections.open", 3);
      expect(bot.logs.filter((l) => l.msg.includes("Slack is unreachable"))).toHaveLength(1);

      bot.double.reset(); // Slack answers again.
      await bot.double.socketConnected();
      const deadline = Date.now() + 10_000;
      let ready = await fetch(`${bot.appUrl}/readyz`);
      while (ready.status !== 200 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        ready = await fetch(`${bot.appUrl}/readyz`);
      }
      expect(ready.status).toBe(200);
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
});

describe("while Redis is down", () => {
  it("a command is still acked and answered (reads go to MongoDB, nobody is rate-limited)", async () => {
    // A Redis of this test's own, to stop midway.
    const own = await startLocalServices({ MONGODB_URI: testMongoUri(uniqueName("unused")) });
    try {
      const bot = await start({ ROLE: "web", REDIS_URL: own.redisUrl });
      expect(await mentor(bot, PEOPLE.mentee, "help")).toContain("/mentor help");
      await own.stop();

      expect(await mentor(bot, PEOPLE.mentee, "help")).toContain("/mentor help");
      expect(bot.logs.filter((l) => l.msg.includes("the rate limit failed"))).toHaveLength(1);
      expect(await mentor(bot, PEOPLE.mentor, "help")).toContain("/mentor help");
      expect(bot.logs.filter((l) => l.msg.includes("the rate limit failed"))).toHaveLength(1);
      // Work that needs a queue is refused at once, not queued for when Redis returns.
      expect(
        await mentor(bot, PEOPLE.admin, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`),
      ).toContain("something went wrong");
    } finally {
      await own.stop();
    }
  });
});

describe("stopping (SIGTERM) while a command's work runs after its ack", () => {
  it("finishes the work before closing MongoDB and Redis, and the person gets the reply", async () => {
    let held: Promise<() => void> | undefined;
    const bot = await startTestBot(
      { ROLE: "web" },
      {
        beforeStart: (double) => {
          held = double.holdAccepted("users.info");
        },
      },
    );
    const sent = await bot.slack.command(
      PEOPLE.admin,
      `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`,
    );
    expect(sent.status).toBe(200);
    const release = await held;
    const stopped = bot.stop();
    // The receiver is closed by now; the work is still waiting for Slack.
    await new Promise((resolve) => setTimeout(resolve, 300));
    release?.();
    await stopped;
    expect(String((await bot.double.waitForResponse(sent.responseUrl)).text)).toContain(
      "is now mentoring",
    );
    expect(bot.logs.filter((l) => l.level >= 50)).toEqual([]);
  });
});

describe("the retention purge", () => {
  it("is scheduled on the scheduler queue when RETENTION_SWEEP_INTERVAL_MS is set", async () => {
    const bot = await start({ ROLE: "worker", RETENTION_SWEEP_INTERVAL_MS: "3600000" });
    const redis = new Redis(bot.config.redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue("scheduler", { connection: redis, prefix: bot.config.queuePrefix });
    try {
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((s) => [s.key, s.name, s.every])).toContainEqual([
        "retention-purge",
        "retention.purge",
        3_600_000,
      ]);
    } finally {
      await queue.close();
      await redis.quit();
    }
  });
});

describe("the profile refresh", () => {
  it("is scheduled when PROFILE_REFRESH_INTERVAL_MS is set, and its job walks users.list", async () => {
    const bot = await start({ ROLE: "worker", PROFILE_REFRESH_INTERVAL_MS: "3600000" });
    const redis = new Redis(bot.config.redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue("scheduler", { connection: redis, prefix: bot.config.queuePrefix });
    try {
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((s) => [s.key, s.name, s.every])).toContainEqual([
        "people-refresh",
        "people.refresh",
        3_600_000,
      ]);
      // Retried within the hour a walk's cursor is kept (profile-refresh.ts).
      expect(schedulers.find((s) => s.key === "people-refresh")?.template?.opts).toMatchObject({
        attempts: 6,
        backoff: { type: "exponential", delay: 60_000 },
      });
      // The first walk goes at once: a worker started after a week down finds profiles stale.
      await bot.double.waitForCalls("users.list", 1);
    } finally {
      await queue.close();
      await redis.quit();
    }
  });

  it("a walk Slack rate-limits midway waits, then goes on from its cursor", async () => {
    let firstPage: Promise<() => void> | undefined;
    const bot = await start(
      { ROLE: "worker", PROFILE_REFRESH_INTERVAL_MS: "3600000" },
      {
        beforeStart: (double) => {
          for (let i = 0; i < 450; i++)
            double.addUser({ id: `UWALK${String(i).padStart(4, "0")}` });
          firstPage = double.holdAccepted("users.list");
        },
      },
    );
    const release = await firstPage;
    bot.double.failNext("users.list", { status: 429, retryAfterSeconds: 1 });
    release?.();

    const calls = await bot.double.waitForCalls("users.list", 4, 10_000);
    expect(calls.map((c) => c.failed?.status ?? "ok")).toEqual(["ok", 429, "ok", "ok"]);
    // The page Slack refused is asked again, with the same cursor; the first is not.
    expect(calls[1]?.params.cursor).toBeTruthy();
    expect(calls[2]?.params.cursor).toBe(calls[1]?.params.cursor);
    await vi.waitFor(() =>
      expect(bot.logs.find((l) => l.msg === "profile refresh done")?.result).toMatchObject({
        outcome: "walked",
        resumed: true,
        pages: 2,
      }),
    );
  });

  it("walks on one worker at a time: a second call meanwhile does nothing", async () => {
    const bot = await start();
    const results = await Promise.all([bot.refreshProfilesNow(), bot.refreshProfilesNow()]);
    expect(results.filter((r) => r === "busy")).toHaveLength(1);
    expect(results.filter((r) => r !== "busy")).toEqual([
      { outcome: "walked", resumed: false, pages: 1, known: 0, changed: 0 },
    ]);
    expect(bot.double.calls("users.list")).toHaveLength(1);
    expect(bot.logs.map((l) => l.msg)).toContain(
      "profile refresh skipped: another worker is walking",
    );
  });
});
