/**
 * Socket Mode end to end: with SLACK_APP_TOKEN set the real bot opens a WebSocket through
 * `apps.connections.open` on the Slack double, the same listeners answer envelopes sent over
 * it, and the health routes still listen on PORT (with no `/slack/events` receiver).
 */

import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { freePort } from "../support/local-services.js";
import { actionValue } from "../support/mentor-commands.js";
import { parsePrometheusText, sampleValue } from "../support/prometheus-text.js";
import { APP_ID, BOT_ID, BOT_USER_ID } from "../support/slack-double.js";
import { at, errorLogs, PEOPLE, startTestBot, type TestBot } from "../support/test-bot.js";

type Json = Record<string, unknown>;

const APP_TOKEN = "xapp-1-test";

let bot: TestBot;
/** Set by a test that stops the bot itself. */
let stopped = false;
let port: number;
let seq = 0;

beforeEach(async () => {
  port = await freePort();
  bot = await startTestBot({ SLACK_APP_TOKEN: APP_TOKEN, PORT: String(port) });
  await bot.double.socketConnected();
});
afterEach(async () => {
  if (!stopped) await bot?.stop();
  stopped = false;
});

const triggerId = () => `${Date.now()}${++seq}.1234567890.${randomBytes(16).toString("hex")}`;
const userName = (userId: string) => bot.double.user(userId)?.name ?? userId.toLowerCase();

/** The JSON form of a slash command, as Socket Mode delivers it: the HTTP form's fields, as strings. */
function commandPayload(userId: string, text: string, responseUrl: string): Json {
  const channelId = bot.double.dmChannelId(userId);
  return {
    token: "verification-token-not-checked",
    team_id: "T0001",
    team_domain: "mentorship-test",
    channel_id: channelId,
    channel_name: "directmessage",
    user_id: userId,
    user_name: userName(userId),
    command: "/mentor",
    text,
    api_app_id: APP_ID,
    is_enterprise_install: "false",
    response_url: responseUrl,
    trigger_id: triggerId(),
  };
}

/** A `/mentor` command over the socket: answered in its ack payload, or at its response_url. */
async function mentor(userId: string, text: string): Promise<string> {
  const responseUrl = bot.double.responseUrl(`socket-${++seq}`);
  const ack = await bot.double.socketSend({
    type: "slash_commands",
    accepts_response_payload: true,
    payload: commandPayload(userId, text, responseUrl),
  });
  expect(ack.envelope_id).toBeTruthy();
  const reply = await bot.double.waitForResponse(responseUrl);
  expect(reply.response_type).toBe("ephemeral");
  return String(reply.text);
}

describe("Socket Mode", () => {
  it("opens the connection with the app-level token through SLACK_API_URL", () => {
    const opens = bot.double.calls("apps.connections.open");
    expect(opens).toHaveLength(1);
    expect(opens[0]).toMatchObject({ authenticated: true, tokenType: "app" });
    expect(opens[0]?.response).toMatchObject({ ok: true });
  });

  it("serves /healthz and /readyz on PORT, and no /slack/events receiver", async () => {
    expect(bot.appUrl).toBe(`http://127.0.0.1:${port}`);
    expect((await fetch(`${bot.appUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${bot.appUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready" });

    const body = "command=%2Fmentor&text=help";
    const events = await bot.slack.raw(body, {
      "Content-Type": "application/x-www-form-urlencoded",
      ...bot.slack.signedHeaders(body),
    });
    expect(events.status).toBe(404);
  });

  it("serves /metrics on PORT, counting the Web API calls Socket Mode made", async () => {
    const res = await fetch(`${bot.appUrl}/metrics`);
    expect(res.status).toBe(200);
    const samples = parsePrometheusText(await res.text());
    expect(
      sampleValue(samples, "mentorship_slack_api_calls_total", {
        method: "apps.connections.open",
        outcome: "ok",
      }),
    ).toBe(1);
  });

  it("answers /mentor help in the slash_commands envelope's ack payload", async () => {
    const responseUrl = bot.double.responseUrl("socket-1");
    const ack = await bot.double.socketSend({
      envelope_id: "envelope-help-1",
      type: "slash_commands",
      accepts_response_payload: true,
      payload: commandPayload(PEOPLE.other, "help", responseUrl),
    });
    expect(ack.envelope_id).toBe("envelope-help-1");

    const reply = ack.payload ?? {};
    expect(bot.double.responsesTo(responseUrl)).toEqual([reply]);
    expect(reply.response_type).toBe("ephemeral");
    expect(String(reply.text)).toContain("/mentor pair @mentor @mentee");
    expect(String(reply.text)).toContain("/mentor help");
  });

  it("pairs by an admin over the socket and introduces both people", async () => {
    const reply = await mentor(PEOPLE.admin, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`);
    expect(reply).toContain("is now mentoring");

    const [toMentor, toMentee] = await Promise.all([
      bot.double.waitFor("chat.postMessage", (c) => c.params.channel === `D${PEOPLE.mentor}`),
      bot.double.waitFor("chat.postMessage", (c) => c.params.channel === `D${PEOPLE.mentee}`),
    ]);
    expect(String(toMentor.params.text)).toContain("your new mentee");
    expect(String(toMentee.params.text)).toContain("your new mentor");
    const pair = await bot.db.relationships.findOpenBetween(PEOPLE.mentor, PEOPLE.mentee);
    expect(pair).toMatchObject({ status: "active", createdBy: PEOPLE.admin });
  });

  it("handles an interactive block_actions envelope: Accept tells the requester", async () => {
    // The mentee asks; the mentor gets Accept and Decline buttons.
    const reply = await mentor(PEOPLE.mentee, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`);
    expect(reply).toContain(`asked <@${PEOPLE.mentor}> to accept`);
    const ask = await bot.double.waitFor(
      "chat.postMessage",
      (c) => c.params.channel === `D${PEOPLE.mentor}`,
    );
    const relationshipId = actionValue(ask.params.blocks, "pairing.accept");
    expect(relationshipId).toBeTruthy();

    const channelId = `D${PEOPLE.mentor}`;
    const ts = String(ask.response.ts);
    const now = Math.floor(Date.now() / 1000);
    const ack = await bot.double.socketSend({
      type: "interactive",
      accepts_response_payload: false,
      payload: {
        type: "block_actions",
        user: {
          id: PEOPLE.mentor,
          username: userName(PEOPLE.mentor),
          name: userName(PEOPLE.mentor),
          team_id: "T0001",
        },
        api_app_id: APP_ID,
        token: "verification-token-not-checked",
        container: { type: "message", message_ts: ts, channel_id: channelId, is_ephemeral: false },
        trigger_id: triggerId(),
        team: { id: "T0001", domain: "mentorship-test" },
        enterprise: null,
        is_enterprise_install: false,
        channel: { id: channelId, name: "directmessage" },
        message: {
          type: "message",
          user: BOT_USER_ID,
          bot_id: BOT_ID,
          team: "T0001",
          text: String(ask.params.text),
          ts,
          blocks: ask.params.blocks,
        },
        state: { values: {} },
        response_url: bot.double.responseUrl("socket-action-1"),
        actions: [
          {
            action_id: "pairing.accept",
            block_id: "actions",
            text: { type: "plain_text", text: "Accept", emoji: true },
            value: relationshipId,
            type: "button",
            action_ts: `${now}.000100`,
          },
        ],
      },
    });
    expect(ack.envelope_id).toBeTruthy();

    const told = await bot.double.waitFor(
      "chat.postMessage",
      (c) => c.params.channel === `D${PEOPLE.mentee}`,
    );
    expect(String(told.params.text)).toContain(`<@${PEOPLE.mentor}> accepted`);
    expect(await bot.db.relationships.findById(relationshipId ?? "")).toMatchObject({
      status: "active",
    });
    expect(errorLogs(bot)).toEqual([]);
  });

  it("handles an events_api envelope: app_home_opened publishes the Home, once per event id", async () => {
    const envelope = {
      type: "events_api",
      accepts_response_payload: false,
      retry_attempt: 0,
      retry_reason: "",
      payload: {
        token: "verification-token-not-checked",
        team_id: "T0001",
        api_app_id: APP_ID,
        type: "event_callback",
        event_id: "Ev0SOCKET01",
        event_time: Math.floor(Date.now() / 1000),
        event: {
          type: "app_home_opened",
          user: PEOPLE.other,
          channel: `D${PEOPLE.other}`,
          tab: "home",
          event_ts: `${Math.floor(Date.now() / 1000)}.000200`,
        },
        authorizations: [{ team_id: "T0001", user_id: BOT_USER_ID, is_bot: true }],
      },
    };
    expect((await bot.double.socketSend(envelope)).envelope_id).toBeTruthy();
    const published = await bot.double.waitFor("views.publish");
    expect(published.params.user_id).toBe(PEOPLE.other);
    expect(JSON.stringify(published.params.view)).toContain("not in a mentorship yet");

    // Slack redelivers the same event: it is handled once.
    await bot.double.socketSend({ ...envelope, retry_attempt: 1, retry_reason: "timeout" });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bot.double.calls("views.publish")).toHaveLength(1);
  });

  it("closes the socket itself on stop (normal closure, before the double goes away)", async () => {
    stopped = true;
    const closed = bot.double.socketClosed(10_000);
    const started = Date.now();
    const stopping = bot.stop();
    // 1000 = normal closure sent by the bot; the double's own shutdown would show 1006.
    expect(await closed).toBe(1000);
    await stopping;
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(bot.logs.map((l) => l.msg)).not.toContain(
      "Socket Mode connection did not close in time; continuing shutdown",
    );
    expect(errorLogs(bot)).toEqual([]);
  });
});
