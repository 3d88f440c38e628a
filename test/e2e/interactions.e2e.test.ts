// Issue 11, defects found in review: every interaction is acknowledged and answered visibly
// (unknown buttons and forms, Home buttons that are refused or fail), messages in the
// Messages tab get a pointer, and the help is grouped by role.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { at, errorLogs, PEOPLE, startTestBot, type TestBot } from "../support/test-bot.js";

type Json = Record<string, unknown>;

// Slack's own sample payloads, vendored with their provenance in test/fixtures/slack/PROVENANCE.md.
const payload = (name: string): Json =>
  JSON.parse(readFileSync(new URL(`../fixtures/slack/payloads/${name}`, import.meta.url), "utf8"));

let bot: TestBot;
let rel: string;

beforeAll(async () => {
  bot = await startTestBot();
  await command(PEOPLE.admin, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`);
  rel = (await bot.db.relationships.findOpenBetween(PEOPLE.mentor, PEOPLE.mentee))?.id ?? "";
});
afterAll(() => bot.stop());
beforeEach(() => {
  bot.double.reset();
  bot.logs.length = 0;
});

async function command(userId: string, text: string): Promise<string> {
  const sent = await bot.slack.command(userId, text);
  expect(sent.status).toBe(200);
  return String((await bot.double.waitForResponse(sent.responseUrl)).text);
}

/** Posts an interaction payload exactly as Slack does: form-encoded `payload=`, signed. */
async function interaction(body: Json) {
  const form = `payload=${encodeURIComponent(JSON.stringify(body))}`;
  return bot.slack.raw(form, {
    "Content-Type": "application/x-www-form-urlencoded",
    ...bot.slack.signedHeaders(form),
  });
}

/** Ephemeral notes the bot left in someone's DM with it (Home buttons have no response_url). */
const ephemeralsTo = (userId: string) =>
  bot.double
    .calls("chat.postEphemeral")
    .filter((c) => !c.failed && c.params.user === userId && c.params.channel === `D${userId}`)
    .map((c) => String(c.params.text));

const homeView = { id: "VHOME0001", type: "home", blocks: [] };

describe("buttons and forms the bot does not know", () => {
  it("Slack's sample block_actions: acknowledged at once, answered with what to do now, logged at info", async () => {
    const sample = payload("block_actions.bolt-python.json");
    const responseUrl = bot.double.responseUrl("older-button");
    const sent = await interaction({ ...sample, response_url: responseUrl });
    expect(sent.status).toBe(200);
    const reply = await bot.double.waitForResponse(responseUrl);
    expect(reply).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(String(reply.text)).toContain("That button is from an older message");
    expect(String(reply.text)).toContain("/mentor help");
    expect(bot.logs.some((l) => l.level === 30 && l.msg === "button from an older message")).toBe(
      true,
    );
    expect(errorLogs(bot)).toEqual([]);
  });

  it("Slack's sample view_submission: acknowledged with a clear message in place of the form", async () => {
    const sent = await interaction(payload("view_submission.bolt-python.json"));
    expect(sent.status).toBe(200);
    const ack = JSON.parse(sent.body) as { response_action: string; view: Json };
    expect(ack.response_action).toBe("update");
    expect(JSON.stringify(ack.view)).toContain("This form is from an older version of the app");
    expect(errorLogs(bot)).toEqual([]);
  });

  it("an unknown button on the Home tab is answered in the person's DM", async () => {
    const sent = await bot.slack.blockAction(PEOPLE.mentee, {
      actionId: "home.something_removed",
      value: rel,
      view: homeView,
    });
    expect(sent.status).toBe(200);
    await bot.double.waitFor("chat.postEphemeral");
    expect(ephemeralsTo(PEOPLE.mentee)).toEqual([
      expect.stringContaining("That button is from an older message"),
    ]);
  });
});

describe("Home buttons that are refused or fail say so", () => {
  it("a refused Home button tells the person why, in their DM with the bot", async () => {
    await bot.slack.blockAction(PEOPLE.other, {
      actionId: "home.add_milestone",
      value: rel,
      view: homeView,
    });
    await bot.double.waitFor("chat.postEphemeral");
    expect(ephemeralsTo(PEOPLE.other)).toHaveLength(1);
    expect(bot.double.calls("views.open")).toEqual([]);
    expect(errorLogs(bot)).toEqual([]);
  });

  it("a form Slack would not open is apologised for, saying nothing was changed", async () => {
    bot.double.failNext("views.open", { error: "expired_trigger_id" });
    await bot.slack.blockAction(PEOPLE.mentee, {
      actionId: "home.log_progress",
      value: rel,
      view: homeView,
    });
    await bot.double.waitFor("chat.postEphemeral");
    expect(ephemeralsTo(PEOPLE.mentee)).toEqual([
      "Sorry, I couldn't open that form, so nothing was changed. Please try again in a moment.",
    ]);
  });

  it("Home's Give feedback on a request that closed says so (no respond() on Home)", async () => {
    await command(PEOPLE.mentee, "feedback Quarterly demo tomorrow");
    const [request] = await bot.db.feedbackRequests.listByRequester(PEOPLE.mentee);
    await command(PEOPLE.mentee, "feedback cancel 1");
    await bot.slack.blockAction(PEOPLE.mentor, {
      actionId: "feedback.give",
      value: request?.id ?? "",
      view: homeView,
    });
    await bot.double.waitFor("chat.postEphemeral");
    expect(ephemeralsTo(PEOPLE.mentor)).toEqual([expect.stringMatching(/closed|couldn't find/)]);
    expect(errorLogs(bot)).toEqual([]);
  });
});

describe("the Messages tab", () => {
  const message = (user: string, text: string, extra: Json = {}) => ({
    type: "message",
    channel: `D${user}`,
    channel_type: "im",
    user,
    text,
    ts: "1700000100.000100",
    ...extra,
  });

  it("answers `help` and any other text with a pointer to the commands and the Home tab, once", async () => {
    await bot.slack.event(message(PEOPLE.mentee, "help"), { eventId: "EvDM1" });
    await bot.slack.event(message(PEOPLE.mentee, "help"), { eventId: "EvDM1", retryNum: 1 });
    await bot.slack.event(message(PEOPLE.mentor, "hello? anyone there"));
    const replies = await bot.double.waitForCalls("chat.postMessage", 2);
    for (const [reply, user] of [
      [replies[0], PEOPLE.mentee],
      [replies[1], PEOPLE.mentor],
    ] as const) {
      expect(reply?.params.channel).toBe(`D${user}`);
      expect(String(reply?.params.text)).toContain("/mentor help");
      expect(String(reply?.params.text)).toContain("*Home* tab");
    }
  });

  it("ignores bots (itself included), edits and other subtypes", async () => {
    await bot.slack.event(message("UBOT", "Hi!", { bot_id: "BBOT" }));
    await bot.slack.event(message(PEOPLE.mentee, "edited", { subtype: "message_changed" }));
    await bot.slack.event(message(PEOPLE.mentee, "in a channel", { channel_type: "channel" }));
    await bot.slack.event(message(PEOPLE.mentee, "help"));
    await bot.double.waitForCalls("chat.postMessage", 1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(bot.double.calls("chat.postMessage")).toHaveLength(1);
  });
});

describe("/mentor help", () => {
  it("groups commands by role, with admin commands only for admins", async () => {
    const mentee = await command(PEOPLE.mentee, "help");
    expect(mentee).toContain("*For mentors and mentees*");
    expect(mentee).toContain("*For mentees*");
    expect(mentee).toContain("*For mentors*");
    expect(mentee).not.toContain("*For program admins*");
    expect(mentee).not.toContain("/mentor failures");

    const admin = await command(PEOPLE.admin, "help");
    expect(admin).toContain("*For program admins*");
    expect(admin).toContain("/mentor failures");
  });
});
