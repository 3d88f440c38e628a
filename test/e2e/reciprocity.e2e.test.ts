// Issue 16, "What we learn from each other", end to end on real Redis and FerretDB with the
// injected clock: every fourth check-in also asks the mentee what they can offer the mentor,
// and once a month the mentor gets "Navigating the workplace", whose advice reaches the mentee;
// both are kept with the pair and shown on App Home.
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buttonsIn, pairAsAdmin, textOf, waitForDm } from "../support/mentor-commands.js";
import { notificationsDrained } from "../support/queue-drain.js";
import { errorLogs, PEOPLE, startTestBot, type TestBot } from "../support/test-bot.js";

type Json = Record<string, unknown>;
const WEEK = 7 * 24 * 3600_000;
/** Paired on Mon 23 Nov 2026 15:00Z; the first default check-in is Monday 10:00 in Kolkata. */
const SLOT1 = Date.parse("2026-11-30T04:30:00Z");
const HOME_EVENT = JSON.parse(
  readFileSync(
    new URL(
      "../fixtures/slack/payloads/app_home_opened.slack-docs-inner-event.json",
      import.meta.url,
    ),
    "utf8",
  ),
) as Json;

let bot: TestBot;
let rel: string;

beforeEach(async () => {
  bot = await startTestBot();
  rel = await pairAsAdmin(bot);
});
afterEach(async () => {
  expect(errorLogs(bot)).toEqual([]);
  await bot.stop();
});

const text = (value: string) => ({ value: { type: "plain_text_input", value } });
const dms = (userId: string, phrase: string) =>
  bot.double.dmsTo(userId).filter((c) => textOf(c).includes(phrase));

async function sweepAt(when: number | string) {
  bot.clock.set(new Date(when));
  await bot.sweepNow();
  await notificationsDrained(bot);
}

/** Opens the Home tab as `userId`; the published view as text to search. */
async function homeOf(userId: string): Promise<string> {
  const published = () =>
    bot.double.calls("views.publish").filter((c) => c.params.user_id === userId);
  const before = published().length;
  await bot.slack.event({ ...structuredClone(HOME_EVENT), user: userId, tab: "home" });
  await bot.double.waitFor("views.publish", () => published().length > before);
  return JSON.stringify(published().at(-1)?.params.view);
}

describe("reciprocity", () => {
  it("every fourth check-in asks what the mentee can offer; the mentor sees it, and so does Home", async () => {
    await bot.sweepNow(); // plans the first check-in
    for (let week = 0; week < 4; week++) await sweepAt(SLOT1 + week * WEEK);
    const checkins = dms(PEOPLE.mentee, "Time for your check-in");
    expect(checkins).toHaveLength(4);
    const asking = checkins.map((c) => textOf(c).includes("Mentoring goes both ways"));
    expect(asking).toEqual([false, false, false, true]);
    const offer = buttonsIn((checkins[3]?.params as Json | undefined)?.blocks).find(
      (b) => b.actionId === "exchange.offer",
    );
    expect(offer).toMatchObject({ value: rel, text: "Share something with your mentor" });

    await bot.slack.blockAction(PEOPLE.mentee, { actionId: "exchange.offer", value: rel });
    await bot.double.waitFor("views.open");
    const empty = await bot.slack.viewSubmission(PEOPLE.mentee, {
      callbackId: "exchange.offer",
      values: { offer: text("   ") },
    });
    expect(empty.json).toMatchObject({
      response_action: "errors",
      errors: { offer: "Please add what you can offer." },
    });
    // The mentor can't write the mentee's offer.
    const mentor = await bot.slack.viewSubmission(PEOPLE.mentor, {
      callbackId: "exchange.offer",
      values: { offer: text("Something") },
    });
    expect(mentor.json).toMatchObject({ response_action: "errors" });
    expect(await bot.db.exchanges.recent(rel, 10)).toEqual([]);

    const sent = await bot.slack.viewSubmission(PEOPLE.mentee, {
      callbackId: "exchange.offer",
      values: { offer: text("A walkthrough of the new tracing tool") },
    });
    expect(sent.json).toBeUndefined();
    // Both Homes show the offer at once, without reopening the tab.
    for (const person of [PEOPLE.mentee, PEOPLE.mentor]) {
      await bot.double.waitFor(
        "views.publish",
        (c) => c.params.user_id === person && JSON.stringify(c.params).includes("new tracing tool"),
      );
    }
    const told = await waitForDm(bot, PEOPLE.mentor, "has something to offer you");
    expect(textOf(told)).toContain("A walkthrough of the new tracing tool");
    // The form closed silently: the mentee hears it was passed on, once.
    await waitForDm(bot, PEOPLE.mentee, `passed it on to <@${PEOPLE.mentor}>`);
    await notificationsDrained(bot);
    expect(dms(PEOPLE.mentor, "has something to offer you")).toHaveLength(1);
    expect(dms(PEOPLE.mentee, "passed it on")).toHaveLength(1);

    for (const person of [PEOPLE.mentor, PEOPLE.mentee]) {
      const home = await homeOf(person);
      expect(home).toContain("What we learn from each other");
      expect(home).toContain("offers: A walkthrough of the new tracing tool");
    }
  });

  it("the fourth check-in keeps its offer to share once the mentee answered it", async () => {
    await bot.sweepNow(); // plans the first check-in
    for (let week = 0; week < 4; week++) await sweepAt(SLOT1 + week * WEEK);
    const fourth = dms(PEOPLE.mentee, "Time for your check-in")[3];
    const blocks = (fourth?.params as Json | undefined)?.blocks;
    const onTrack = buttonsIn(blocks).find((b) => b.actionId === "checkin.on_track");
    await bot.slack.blockAction(PEOPLE.mentee, {
      actionId: "checkin.on_track",
      value: onTrack?.value ?? "",
      blockId: `checkin_${onTrack?.value}`,
      message: { ts: String(fourth?.response.ts), channelId: String(fourth?.response.channel) },
    });
    const update = await bot.double.waitFor("chat.update", () => true);
    expect(textOf(update)).toContain("Check-in answered");
    expect(buttonsIn(update.params.blocks).map((b) => b.actionId)).toEqual(["exchange.offer"]);
  });
});

describe("navigating the workplace", () => {
  it("prompts the mentor monthly in their working hours; the advice reaches the mentee and stays", async () => {
    // A month after pairing: Wed 23 Dec 2026 15:00Z, 10:00 in New York.
    await sweepAt("2026-12-23T14:59:00Z");
    expect(dms(PEOPLE.mentor, "Navigating the workplace")).toHaveLength(0);
    await sweepAt("2026-12-23T15:00:00Z");
    await sweepAt("2026-12-23T15:01:00Z");
    const [prompt, ...again] = dms(PEOPLE.mentor, "Navigating the workplace");
    expect(again).toEqual([]);
    expect(textOf(prompt)).toContain("Building alliances");
    expect(textOf(prompt)).toContain("Presenting ideas in meetings");
    expect(textOf(prompt)).toContain("Cross-department projects");
    expect(dms(PEOPLE.mentee, "Navigating the workplace")).toHaveLength(0);

    // A month later is a Saturday: it waits for Monday 09:00 in New York.
    await sweepAt("2027-01-23T15:00:00Z");
    expect(dms(PEOPLE.mentor, "Navigating the workplace")).toHaveLength(1);
    expect((await bot.db.workplacePrompts.find(rel))?.nextAt).toEqual(
      new Date("2027-01-25T14:00:00Z"),
    );
    await sweepAt("2027-01-25T14:00:00Z");
    expect(dms(PEOPLE.mentor, "Navigating the workplace")).toHaveLength(2);

    const [share] = buttonsIn((prompt?.params as Json | undefined)?.blocks);
    expect(share).toMatchObject({ actionId: "exchange.advise", value: rel, text: "Share advice" });
    await bot.slack.blockAction(PEOPLE.mentor, { actionId: "exchange.advise", value: rel });
    await bot.double.waitFor("views.open");
    const topic = (value: string) => ({
      value: { type: "static_select", selected_option: { value } },
    });
    const noAdvice = await bot.slack.viewSubmission(PEOPLE.mentor, {
      callbackId: "exchange.advice",
      values: { topic: topic("alliances"), advice: text("") },
    });
    expect(noAdvice.json).toMatchObject({ errors: { advice: "Please add your advice." } });
    const byMentee = await bot.slack.viewSubmission(PEOPLE.mentee, {
      callbackId: "exchange.advice",
      values: { topic: topic("alliances"), advice: text("Advice to myself") },
    });
    expect(byMentee.json).toMatchObject({ response_action: "errors" });
    expect(await bot.db.exchanges.recent(rel, 10)).toEqual([]);

    const given = await bot.slack.viewSubmission(PEOPLE.mentor, {
      callbackId: "exchange.advice",
      values: {
        topic: topic("alliances"),
        advice: text("Have coffee with one person from another team each week."),
      },
    });
    expect(given.json).toBeUndefined();
    const advice = await waitForDm(bot, PEOPLE.mentee, "Advice from");
    expect(textOf(advice)).toContain("Building alliances");
    expect(textOf(advice)).toContain("Have coffee with one person");
    await waitForDm(bot, PEOPLE.mentor, `passed it on to <@${PEOPLE.mentee}>`);
    expect(await homeOf(PEOPLE.mentee)).toContain("on Building alliances: Have coffee");
  });
});
