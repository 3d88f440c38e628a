// Slack's rate limits held across worker replicas: a token bucket per method in Redis paces
// calls before Slack has to say 429, and after a 429 no replica calls that method until
// Retry-After is over. Measured as the gaps between the calls the Slack double received.
import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { RedisSlackMethodGate } from "../../src/cache/slack-method-gate.js";
import type { PostCeilingOptions } from "../../src/cache/slack-post-ceiling.js";
import { PacedWebClient, SlackMethodBusyError } from "../../src/slack/paced-web-client.js";
import type { MethodPace } from "../../src/slack/slack-rate-tiers.js";
import { testRedisUrl, uniqueName } from "../support/isolation.js";
import { SlackDouble } from "../support/slack-double.js";
import { BOT_TOKEN } from "../support/test-bot.js";

let redis: Redis;
let double: SlackDouble;

beforeAll(async () => {
  redis = new Redis(testRedisUrl());
  double = await SlackDouble.start();
  double.addUser({ id: "UPACE1", name: "pace" });
});
afterAll(async () => {
  await double?.close();
  await redis?.quit();
});
beforeEach(() => double.reset());

/** Worker replicas: each its own client, all on one Redis prefix. */
function replicas(
  count: number,
  paces: Record<string, MethodPace>,
  prefix = uniqueName("gate"),
  postCeiling: PostCeilingOptions = {},
): PacedWebClient[] {
  return Array.from(
    { length: count },
    () =>
      new PacedWebClient(
        BOT_TOKEN,
        { slackApiUrl: double.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true },
        new RedisSlackMethodGate(redis, prefix, postCeiling),
        paces,
      ),
  );
}

/** Two replicas with two posters each post once to each of `channels`, as delivery jobs would. */
async function postToEach(clients: PacedWebClient[], channels: string[]): Promise<void> {
  let next = 0;
  const poster = async (client: PacedWebClient) => {
    for (let n = next++; n < channels.length; n = next++) {
      await postUntilDone(client, channels[n] as string);
    }
  };
  await Promise.all(clients.flatMap((client) => [poster(client), poster(client)]));
}

/** The most posts Slack accepted in any rolling second, as its ceiling counts them. */
function busiestSecond(calls: Array<{ at: number; failed?: unknown }>): number {
  const at = calls.filter((c) => !c.failed).map((c) => c.at);
  return Math.max(0, ...at.map((t) => at.filter((u) => u > t - 1_000 && u <= t).length));
}

/** Calls users.info `times` times, waiting out a busy method as a delayed job would. */
async function callUntilDone(client: PacedWebClient, times: number): Promise<void> {
  for (let done = 0; done < times; ) {
    try {
      await client.users.info({ user: "UPACE1" });
      done++;
    } catch (error) {
      if (!(error instanceof SlackMethodBusyError)) throw error;
      await new Promise((resolve) => setTimeout(resolve, error.waitMs));
    }
  }
}

/** Posts once to `channel`, waiting out a held channel or a paced turn as a delayed job would. */
async function postUntilDone(client: PacedWebClient, channel: string): Promise<void> {
  for (;;) {
    try {
      await client.chat.postMessage({ channel, text: "Time for your check-in" });
      return;
    } catch (error) {
      if (!(error instanceof SlackMethodBusyError)) throw error;
      await new Promise((resolve) => setTimeout(resolve, error.waitMs));
    }
  }
}

describe("pacing Slack methods across replicas", () => {
  it("keeps three replicas together at the method's pace", async () => {
    // One call per 100 ms, no burst; three replicas ask 4 times each, all at once.
    const clients = replicas(3, { "users.info": { perMinute: 600, burst: 1 } });
    await Promise.all(clients.map((c) => callUntilDone(c, 4)));

    // Arrival times jitter a little; over 12 calls the pace shows: 11 gaps of 100 ms.
    const at = double.calls("users.info").map((c) => c.at);
    expect(at).toHaveLength(12);
    expect((at[11] ?? 0) - (at[0] ?? 0)).toBeGreaterThanOrEqual(1_000);
  });

  it("after a 429, no replica calls the method again until Retry-After is over", async () => {
    const clients = replicas(3, { "users.info": { perMinute: 600, burst: 1 } });
    double.failNext("users.info", { status: 429, retryAfterSeconds: 1 });
    await Promise.all(clients.map((c) => callUntilDone(c, 3)));

    const calls = double.calls("users.info");
    const limited = calls.findIndex((c) => c.failed?.status === 429);
    expect(limited).toBe(0);
    expect(calls.filter((c) => !c.failed)).toHaveLength(9);
    const [refused, next] = calls;
    expect((next?.at ?? 0) - (refused?.at ?? 0)).toBeGreaterThanOrEqual(950);
    // Afterwards the pace resumes: 8 more gaps of about 100 ms.
    const after = calls.slice(1).map((c) => c.at);
    expect((after[8] ?? 0) - (after[0] ?? 0)).toBeGreaterThanOrEqual(700);
  });

  it("learns chat.postMessage's workspace ceiling from a 429, and every replica then posts under it", async () => {
    // 8 posts a rolling second across the workspace; every post goes to a channel of its own,
    // so no 429 can be a channel's own limit. Two replicas, two posters each.
    double.enforceTierLimits({ postsPerSecond: 8 });
    try {
      const clients = replicas(2, {});
      await postToEach(
        clients,
        Array.from({ length: 40 }, (_, n) => `DPOST${n}`),
      );

      const calls = double.calls("chat.postMessage");
      expect(calls.filter((c) => !c.failed)).toHaveLength(40);
      // Learning from 429s channel by channel, each second would begin with a burst and end
      // in a 429 for every poster (about 20 here); learnt once, only posts already on their
      // way when Slack first said 429 are refused.
      expect(calls.filter((c) => c.failed?.status === 429).length).toBeLessThanOrEqual(6);
    } finally {
      double.enforceTierLimits(null);
    }
  });

  it("takes for the ceiling the posts Slack accepted in the second before its 429, and waits for that second to pass", async () => {
    const prefix = uniqueName("gate");
    const gate = new RedisSlackMethodGate(redis, prefix);
    // A burst of 11 posts to channels of their own: Slack accepted 8, then refused 3.
    const ids = Array.from({ length: 11 }, (_, n) => `post${n}`);
    for (const [n, id] of ids.entries()) expect(await gate.takePost(`DBURST${n}`, id)).toBe(0);
    for (const n of [8, 9, 10]) {
      expect(await gate.learnPostCeiling(`DBURST${n}`, ids[n] as string)).toBe(8);
    }
    expect(await gate.postPace()).toBe(8);
    // The 8 are still in Slack's second: the next post waits for it, on every replica.
    const replica = new RedisSlackMethodGate(redis, prefix);
    expect(await replica.takePost("DNEXT", "next")).toBeGreaterThan(0);
  });

  it("keeps a learnt ceiling, and finds a higher one by trying one more a second after a quiet while", async () => {
    // A quiet while of 300 ms stands for production's 10 s.
    const clients = replicas(2, {}, uniqueName("gate"), { quietMs: 300 });
    const channels = (batch: string, count: number) =>
      Array.from({ length: count }, (_, n) => `D${batch}${n}`);
    double.enforceTierLimits({ postsPerSecond: 6 });
    try {
      await postToEach(clients, channels("LOW", 20));
      // Slack now allows 10 a second. A ceiling kept as it was learnt (or for a minute, then
      // dropped) would post at 6 a second until then.
      double.enforceTierLimits({ postsPerSecond: 10 });
      double.reset();
      await postToEach(clients, channels("HIGH", 40));
      const calls = double.calls("chat.postMessage");
      expect(calls.filter((c) => !c.failed)).toHaveLength(40);
      expect(busiestSecond(calls)).toBeGreaterThan(6);
    } finally {
      double.enforceTierLimits(null);
    }
  });

  it("does not pace a method without a known tier", async () => {
    const prefix = uniqueName("gate");
    const clients = replicas(2, {}, prefix);
    await Promise.all(clients.map((c) => callUntilDone(c, 5)));
    expect(double.calls("users.info")).toHaveLength(10);
    expect(await redis.keys(`${prefix}:*`)).toEqual([]);
  });
});
