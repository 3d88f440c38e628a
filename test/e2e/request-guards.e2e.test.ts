// Issue 11, requests: bodies far bigger than any Slack payload get 413, timestamps more than
// five minutes in the future get 401 like stale ones, and with SLACK_TEAM_ID set a payload from
// any other workspace is refused, over HTTP and over Socket Mode.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/local-services.js";
import { APP_ID, TEAM_ID } from "../support/slack-double.js";
import { SlackRequests, signSlackRequest } from "../support/slack-requests.js";
import { PEOPLE, SIGNING_SECRET, startTestBot, type TestBot } from "../support/test-bot.js";

const FORM = "application/x-www-form-urlencoded";
const nowSeconds = () => Math.floor(Date.now() / 1000);
const OTHER_TEAM = "TEVIL001";

let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot({ SLACK_TEAM_ID: TEAM_ID });
});
afterAll(async () => {
  await bot.stop();
});

/** Gives a wrongly accepted request time to be answered, then checks it was not. */
async function expectNoReply(responseUrl: string): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(bot.double.responsesTo(responseUrl)).toEqual([]);
}

describe("HTTP requests", () => {
  it("refuses a correctly signed body over 1 MB with 413", async () => {
    const { body, responseUrl } = bot.slack.commandBody(
      PEOPLE.other,
      `log 1 ${"x".repeat(1_100_000)}`,
    );
    const res = await bot.slack.raw(body, {
      "Content-Type": FORM,
      ...bot.slack.signedHeaders(body),
    });
    expect(res.status).toBe(413);
    await expectNoReply(responseUrl);
  });

  it("refuses a correctly signed command stamped 6 minutes in the future with 401", async () => {
    const { body, responseUrl } = bot.slack.commandBody(PEOPLE.other, "help");
    const ahead = nowSeconds() + 6 * 60;
    const res = await bot.slack.raw(body, {
      "Content-Type": FORM,
      "X-Slack-Request-Timestamp": String(ahead),
      "X-Slack-Signature": signSlackRequest(SIGNING_SECRET, ahead, body),
    });
    expect(res.status).toBe(401);
    await expectNoReply(responseUrl);
  });

  it("still accepts a command stamped a minute ahead (clock skew)", async () => {
    const { body, responseUrl } = bot.slack.commandBody(PEOPLE.other, "help");
    const ahead = nowSeconds() + 60;
    const res = await bot.slack.raw(body, {
      "Content-Type": FORM,
      "X-Slack-Request-Timestamp": String(ahead),
      "X-Slack-Signature": signSlackRequest(SIGNING_SECRET, ahead, body),
    });
    expect(res.status).toBe(200);
    expect(String((await bot.double.waitForResponse(responseUrl)).text)).toContain("/mentor");
  });

  it("with SLACK_TEAM_ID set, ignores commands and button clicks from another workspace", async () => {
    const evil = new SlackRequests({
      appUrl: bot.appUrl,
      signingSecret: SIGNING_SECRET,
      double: bot.double,
      teamId: OTHER_TEAM,
    });
    const command = await evil.command(PEOPLE.other, `pair <@${PEOPLE.other}> <@${PEOPLE.mentee}>`);
    expect(command.status).toBe(200);
    const click = await evil.blockAction(PEOPLE.other, { actionId: "pairing.accept", value: "x" });
    expect(click.status).toBe(200);
    await expectNoReply(command.responseUrl);
    await expectNoReply(click.responseUrl);
    expect(await bot.db.relationships.listForUser(PEOPLE.other, ["pending", "active"])).toEqual([]);
    expect(bot.logs.filter((l) => l.msg === "payload from another workspace refused")).toHaveLength(
      2,
    );

    // The program's own workspace is served as before.
    const own = await bot.slack.command(PEOPLE.other, "help");
    expect(String((await bot.double.waitForResponse(own.responseUrl)).text)).toContain("/mentor");
  });
});

describe("Socket Mode", () => {
  it("with SLACK_TEAM_ID set, acknowledges but ignores a command from another workspace", async () => {
    const socketBot = await startTestBot({
      SLACK_APP_TOKEN: "xapp-1-test",
      PORT: String(await freePort()),
      SLACK_TEAM_ID: TEAM_ID,
    });
    try {
      await socketBot.double.socketConnected();
      const send = (team: string, responseUrl: string) =>
        socketBot.double.socketSend({
          type: "slash_commands",
          accepts_response_payload: true,
          payload: {
            team_id: team,
            channel_id: socketBot.double.dmChannelId(PEOPLE.other),
            user_id: PEOPLE.other,
            user_name: "olly",
            command: "/mentor",
            text: "help",
            api_app_id: APP_ID,
            response_url: responseUrl,
            trigger_id: `${nowSeconds()}.1234567890.abcdef`,
          },
        });
      const foreign = socketBot.double.responseUrl("socket-foreign");
      expect((await send(OTHER_TEAM, foreign)).envelope_id).toBeTruthy();
      const own = socketBot.double.responseUrl("socket-own");
      await send(TEAM_ID, own);
      expect(String((await socketBot.double.waitForResponse(own)).text)).toContain("/mentor");
      expect(socketBot.double.responsesTo(foreign)).toEqual([]);
    } finally {
      await socketBot.stop();
    }
  });
});
