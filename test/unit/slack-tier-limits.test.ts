// The Slack double's tier mode answers like Slack when calls outrun its documented limits.
import { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SlackDouble } from "../support/slack-double.js";
import { SlackTierLimits } from "../support/slack-tier-limits.js";
import { BOT_TOKEN } from "../support/test-bot.js";

const T0 = 1_800_000_000_000;

describe("SlackTierLimits", () => {
  it("lets a Tier 3 method through 50 times a rolling minute, then asks to wait", () => {
    const limits = new SlackTierLimits();
    for (let i = 0; i < 50; i++) {
      expect(limits.refuse("conversations.open", {}, T0 + i * 100)).toBeNull();
    }
    // The oldest call leaves the window 60 s after it was made: 55.1 s from here.
    expect(limits.refuse("conversations.open", {}, T0 + 4_900)).toBe(56);
    expect(limits.refuse("conversations.open", {}, T0 + 60_001)).toBeNull();
  });

  it("keeps each tier: users.list 20, users.info 100 a minute; others are not limited", () => {
    const limits = new SlackTierLimits();
    const accepted = (method: string, calls: number) =>
      Array.from({ length: calls }, () => limits.refuse(method, {}, T0)).filter((w) => w === null)
        .length;
    expect(accepted("users.list", 30)).toBe(20);
    expect(accepted("users.info", 130)).toBe(100);
    expect(accepted("auth.test", 500)).toBe(500);
  });

  it("spaces chat.postMessage per channel and under the workspace ceiling", () => {
    const limits = new SlackTierLimits({ postsPerSecond: 3 });
    expect(limits.refuse("chat.postMessage", { channel: "D1" }, T0)).toBeNull();
    expect(limits.refuse("chat.postMessage", { channel: "D1" }, T0 + 10)).toBeNull();
    expect(limits.refuse("chat.postMessage", { channel: "D1" }, T0 + 20)).toBe(2);
    expect(limits.refuse("chat.postMessage", { channel: "D2" }, T0 + 30)).toBeNull();
    // The workspace's 3 a second are used up, whichever channel asks.
    expect(limits.refuse("chat.postMessage", { channel: "D3" }, T0 + 40)).toBe(1);
    expect(limits.refuse("chat.postMessage", { channel: "D3" }, T0 + 1_001)).toBeNull();
  });
});

describe("SlackDouble in tier mode", () => {
  let double: SlackDouble;
  let client: WebClient;
  beforeAll(async () => {
    double = await SlackDouble.start();
    double.addUser({ id: "UTIER1", name: "tier" });
    double.enforceTierLimits({ perMinute: { "users.info": 2 } });
    client = new WebClient(BOT_TOKEN, {
      slackApiUrl: double.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    });
  });
  afterAll(async () => {
    await double?.close();
  });

  it("answers 429 with Retry-After over the limit, as Slack does, and records the refusal", async () => {
    await client.users.info({ user: "UTIER1" });
    await client.users.info({ user: "UTIER1" });
    await expect(client.users.info({ user: "UTIER1" })).rejects.toMatchObject({
      code: "slack_webapi_rate_limited_error",
      retryAfter: 60,
    });
    expect(double.calls("users.info").map((c) => c.failed?.status ?? 200)).toEqual([200, 200, 429]);
  });
});
