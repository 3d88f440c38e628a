// The HTTP surface of the web role: health routes answer, and /slack/events takes only
// requests signed with the app's signing secret within Slack's five-minute window.
import { beforeEach, describe, expect, it } from "vitest";
import { signSlackRequest } from "../support/slack-requests.js";
import { PEOPLE, SIGNING_SECRET, sharedTestBot } from "../support/test-bot.js";

const bot = sharedTestBot();

beforeEach(async () => {
  // Bolt's start-up auth.test is not part of any request under test.
  bot.double.reset();
});

const FORM = "application/x-www-form-urlencoded";
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Gives a wrongly accepted request time to reach the double, then checks nothing did. */
async function expectNothingRecorded(responseUrl: string): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(bot.double.calls()).toEqual([]);
  expect(bot.double.responsesTo(responseUrl)).toEqual([]);
}

describe("health routes", () => {
  it("GET /healthz answers 200", async () => {
    const res = await fetch(`${bot.appUrl}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok" });
  });

  it("GET /readyz answers 200 with MongoDB, Redis and Slack up", async () => {
    const res = await fetch(`${bot.appUrl}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ready", mongodb: true, redis: true, slack: true });
  });
});

describe("request signing on /slack/events", () => {
  it("rejects a command signed with the wrong secret with 401 and does nothing", async () => {
    const { body, responseUrl } = bot.slack.commandBody(PEOPLE.other, "help");
    const timestamp = nowSeconds();
    const res = await bot.slack.raw(body, {
      "Content-Type": FORM,
      "X-Slack-Request-Timestamp": String(timestamp),
      "X-Slack-Signature": signSlackRequest("not-the-signing-secret", timestamp, body),
    });
    expect(res.status).toBe(401);
    await expectNothingRecorded(responseUrl);
  });

  it("rejects a correctly signed but stale (6 minutes old) command with 401", async () => {
    const { body, responseUrl } = bot.slack.commandBody(PEOPLE.other, "help");
    const stale = nowSeconds() - 6 * 60;
    const res = await bot.slack.raw(body, {
      "Content-Type": FORM,
      "X-Slack-Request-Timestamp": String(stale),
      "X-Slack-Signature": signSlackRequest(SIGNING_SECRET, stale, body),
    });
    expect(res.status).toBe(401);
    await expectNothingRecorded(responseUrl);
  });

  it("rejects a command without a signature header with 401", async () => {
    const { body, responseUrl } = bot.slack.commandBody(PEOPLE.other, "help");
    const res = await bot.slack.raw(body, {
      "Content-Type": FORM,
      "X-Slack-Request-Timestamp": String(nowSeconds()),
    });
    expect(res.status).toBe(401);
    await expectNothingRecorded(responseUrl);
  });

  it("rejects a body changed after signing with 401 and does nothing", async () => {
    const signed = bot.slack.commandBody(PEOPLE.other, "help");
    const { body, responseUrl } = bot.slack.commandBody(PEOPLE.other, "pair U1 U2");
    const timestamp = nowSeconds();
    const res = await bot.slack.raw(body, {
      "Content-Type": FORM,
      "X-Slack-Request-Timestamp": String(timestamp),
      "X-Slack-Signature": signSlackRequest(SIGNING_SECRET, timestamp, signed.body),
    });
    expect(res.status).toBe(401);
    await expectNothingRecorded(responseUrl);
  });

  it("answers Slack's unsigned ssl_check with 200 and handles nothing it carries", async () => {
    const { body, responseUrl } = bot.slack.commandBody(PEOPLE.other, "help");
    const res = await bot.slack.raw(`ssl_check=1&${body}`, {
      "Content-Type": FORM,
      "X-Slack-Request-Timestamp": String(nowSeconds()),
    });
    expect(res.status).toBe(200);
    expect(res.body).toBe("");
    await expectNothingRecorded(responseUrl);
  });

  it("accepts a correctly signed `/mentor help` and replies ephemerally", async () => {
    const { body, responseUrl } = bot.slack.commandBody(PEOPLE.other, "help");
    const timestamp = nowSeconds();
    const res = await bot.slack.raw(body, {
      "Content-Type": FORM,
      "X-Slack-Request-Timestamp": String(timestamp),
      "X-Slack-Signature": signSlackRequest(SIGNING_SECRET, timestamp, body),
    });
    expect(res.status).toBe(200);
    const reply = await bot.double.waitForResponse(responseUrl);
    expect(reply.response_type).toBe("ephemeral");
    expect(String(reply.text)).toContain("/mentor help");
  });
});
