// Issue 11: shout-outs go only where the program allows, name no more than the mentee agreed to,
// and a pair can't flood a channel.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { buttonsIn, pairAsAdmin, say, textOf, waitForDm } from "../support/mentor-commands.js";
import { notificationsDrained } from "../support/queue-drain.js";
import { PEOPLE, type TestBot, TestBots } from "../support/test-bot.js";

const WINS = "CWINS001";
const GENERAL = "CGENERAL";
const TEAM = "CTEAM001";

const bots = new TestBots();

const newBot = (): Promise<TestBot> => bots.start({ CELEBRATION_CHANNEL_ID: WINS });

afterEach(() => bots.release());
afterAll(() => bots.stopAll());

/** Pairs mentor and mentee, sets the aspiration, adds the milestones; returns the pair's id. */
async function roadmap(bot: TestBot, titles: string[]): Promise<string> {
  const relationshipId = await pairAsAdmin(bot);
  await say(bot, PEOPLE.mentee, "goal Become staff engineer despite my burnout");
  for (const title of titles) await say(bot, PEOPLE.mentee, `milestone add ${title}`);
  await notificationsDrained(bot);
  return relationshipId;
}

const postsIn = (bot: TestBot, channel: string) =>
  bot.double.calls("chat.postMessage").filter((c) => !c.failed && c.params.channel === channel);

const waitForPost = (bot: TestBot, channel: string) =>
  bot.double.waitFor("chat.postMessage", (c) => !c.failed && c.params.channel === channel, 8_000);

/** `ms` later, the sweeps post the waiting sixth shout-out, once (a second sweep adds none). */
async function sixthPostedAfter(bot: TestBot, ms: number): Promise<void> {
  bot.clock.advance(ms);
  await bot.sweepNow();
  await bot.double.waitFor("chat.postMessage", () => postsIn(bot, WINS).length >= 6, 8_000);
  await notificationsDrained(bot);
  await bot.sweepNow();
  await notificationsDrained(bot);
  const posts = postsIn(bot, WINS);
  expect(posts).toHaveLength(6);
  expect(textOf(posts[5])).toContain("*Six*");
}

describe("celebration channels", () => {
  it("only the program's channel or one an admin allowed can be picked; a removed one falls back", async () => {
    const bot = await newBot();
    const relationshipId = await roadmap(bot, ["First talk", "Second talk"]);

    expect(await say(bot, PEOPLE.mentee, "celebrate in <#CGENERAL|general>")).toContain(
      "Shout-outs can go only to the program's celebration channel",
    );
    expect((await bot.db.relationships.findById(relationshipId))?.settings).toEqual({});
    expect(await say(bot, PEOPLE.mentee, "channels allow <#CGENERAL|general>")).toContain(
      "Only program admins",
    );
    expect(await say(bot, PEOPLE.mentee, "channels")).toContain(
      `<#${WINS}> (the program's channel)`,
    );

    expect(await say(bot, PEOPLE.admin, `channels allow <#${TEAM}|team>`)).toContain("is now open");
    expect(await say(bot, PEOPLE.mentee, "channels")).toContain(`<#${TEAM}>`);
    expect(await say(bot, PEOPLE.mentee, `celebrate in <#${TEAM}|team>`)).toContain(
      `posted in <#${TEAM}>`,
    );
    await say(bot, PEOPLE.mentee, "done 1");
    await waitForPost(bot, TEAM);

    expect(await say(bot, PEOPLE.admin, `channels remove <#${TEAM}|team>`)).toContain(
      "no longer open",
    );
    expect(await say(bot, PEOPLE.mentee, "celebrate")).toContain(`<#${WINS}>`);
    await say(bot, PEOPLE.mentee, "done 2");
    await waitForPost(bot, WINS);
    await notificationsDrained(bot);
    expect(postsIn(bot, TEAM)).toHaveLength(1);
    expect(postsIn(bot, GENERAL)).toEqual([]);
    expect(bot.double.calls("conversations.join").map((c) => c.params.channel)).not.toContain(
      GENERAL,
    );
  });
});

describe("shout-out privacy", () => {
  it("names the milestone and the people, never the aspiration or a note, unless the mentee opts in", async () => {
    const bot = await newBot();
    await roadmap(bot, ["Give the first talk", "Give the second talk"]);

    await say(bot, PEOPLE.mentee, "done 1 Felt sick all morning but did it");
    const first = textOf(await waitForPost(bot, WINS));
    expect(first).toContain("Give the first talk");
    expect(first).toContain(`<@${PEOPLE.mentee}>`);
    expect(first).toContain(`<@${PEOPLE.mentor}>`);
    expect(first).not.toContain("burnout");
    expect(first).not.toContain("Felt sick");

    expect(await say(bot, PEOPLE.mentor, "celebrate aspiration on")).toBe(
      "Only the mentee chooses whether shout-outs name their aspiration: it's theirs.",
    );
    expect(await say(bot, PEOPLE.mentee, "celebrate aspiration on")).toContain(
      "name your aspiration",
    );
    await say(bot, PEOPLE.mentee, "done 2");
    await bot.double.waitFor("chat.postMessage", () => postsIn(bot, WINS).length >= 2, 8_000);
    expect(textOf(postsIn(bot, WINS)[1])).toContain("burnout");
  });

  it("a milestone the mentor marks is shared only when the mentee says Share; Keep private posts nothing", async () => {
    const bot = await newBot();
    const relationshipId = await roadmap(bot, ["Ship the service", "Write the post-mortem"]);
    const [first, second] = (await bot.db.milestones.list(relationshipId)).map((m) => m.id);

    await say(bot, PEOPLE.mentor, "done 1");
    const ask = await waitForDm(bot, PEOPLE.mentee, `Share it in <#${WINS}>?`);
    const mentorDm = await waitForDm(bot, PEOPLE.mentor, "reached milestone");
    expect(textOf(mentorDm)).toContain("asked them first");
    await notificationsDrained(bot);
    expect(postsIn(bot, WINS)).toEqual([]);
    expect(buttonsIn(ask.params.blocks).map((b) => [b.actionId, b.value])).toEqual([
      ["celebration.share", first],
      ["celebration.keep_private", first],
    ]);

    // Only the mentee answers.
    const byMentor = await bot.slack.blockAction(PEOPLE.mentor, {
      actionId: "celebration.share",
      value: first ?? "",
    });
    expect(String((await bot.double.waitForResponse(byMentor.responseUrl)).text)).toContain(
      "Only the mentee",
    );
    const shared = await bot.slack.blockAction(PEOPLE.mentee, {
      actionId: "celebration.share",
      value: first ?? "",
    });
    // Said before the post exists: what will happen, not what did.
    expect(String((await bot.double.waitForResponse(shared.responseUrl)).text)).toContain(
      `I'll share it in <#${WINS}>`,
    );
    expect(textOf(await waitForPost(bot, WINS))).toContain("Ship the service");
    // A second click shares nothing more.
    await bot.slack.blockAction(PEOPLE.mentee, {
      actionId: "celebration.share",
      value: first ?? "",
    });

    // An admin marks the second one; the mentee keeps it private.
    await say(bot, PEOPLE.admin, `done 2 <@${PEOPLE.mentee}>`);
    await bot.double.waitFor(
      "chat.postMessage",
      () =>
        bot.double.dmsTo(PEOPLE.mentee).filter((c) => textOf(c).includes("Share it in")).length >=
        2,
      8_000,
    );
    const kept = await bot.slack.blockAction(PEOPLE.mentee, {
      actionId: "celebration.keep_private",
      value: second ?? "",
    });
    expect(String((await bot.double.waitForResponse(kept.responseUrl)).text)).toContain(
      "Kept private",
    );
    await notificationsDrained(bot);
    expect(postsIn(bot, WINS)).toHaveLength(1);
    expect((await bot.db.milestones.findById(second ?? ""))?.shareAnswer).toBe("keep_private");
  });
});

/** The next UTC midnight, as the `<!date^…>` a held shout-out's notice starts its time with. */
const nextUtcMidnight = (bot: TestBot) =>
  `<!date^${(Date.parse(bot.clock.now().toISOString().slice(0, 10)) + 24 * 3600 * 1000) / 1000}^`;

describe("shout-outs per pair", () => {
  it("at most 5 a day; the sixth waits for the next day and is posted once", async () => {
    const bot = await newBot();
    await roadmap(bot, ["One", "Two", "Three", "Four", "Five", "Six", "Seven"]);
    for (let n = 1; n <= 6; n++) await say(bot, PEOPLE.mentee, `done ${n}`);
    await bot.double.waitFor(
      "chat.postMessage",
      () =>
        bot.double.dmsTo(PEOPLE.mentor).filter((c) => textOf(c).includes("reached milestone"))
          .length >= 6,
      10_000,
    );
    await notificationsDrained(bot);
    expect(postsIn(bot, WINS)).toHaveLength(5);
    const sixth = bot.double
      .dmsTo(PEOPLE.mentor)
      .find((c) => textOf(c).includes("reached milestone 6"));
    // When it goes out, as a time each reader's Slack shows in their own zone: the next UTC
    // midnight is this evening in New York, so "tomorrow" would be wrong there.
    expect(textOf(sixth)).toContain(`<#${WINS}> ${nextUtcMidnight(bot)}`);
    expect(textOf(sixth)).not.toContain("tomorrow");

    // The sweep before midnight (UTC) leaves it waiting; the next day it goes out, once.
    await bot.sweepNow();
    await notificationsDrained(bot);
    expect(postsIn(bot, WINS)).toHaveLength(5);
    await sixthPostedAfter(bot, 10 * 3600 * 1000);
    expect(
      bot.double.dmsTo(PEOPLE.mentor).filter((c) => textOf(c).includes("reached milestone 6")),
    ).toHaveLength(1);
  });

  it("one the mentor marked and the mentee shared past the limit goes out the next day, once", async () => {
    const bot = await newBot();
    const relationshipId = await roadmap(bot, ["One", "Two", "Three", "Four", "Five", "Six"]);
    for (let n = 1; n <= 5; n++) await say(bot, PEOPLE.mentee, `done ${n}`);
    await bot.double.waitFor("chat.postMessage", () => postsIn(bot, WINS).length >= 5, 10_000);
    await say(bot, PEOPLE.mentor, "done 6");
    await waitForDm(bot, PEOPLE.mentee, `Share it in <#${WINS}>?`);
    const sixth = (await bot.db.milestones.list(relationshipId))[5]?.id ?? "";
    await bot.slack.blockAction(PEOPLE.mentee, { actionId: "celebration.share", value: sixth });
    await notificationsDrained(bot);
    expect(postsIn(bot, WINS)).toHaveLength(5);
    expect((await bot.db.milestones.findById(sixth))?.shoutOutDueAt).toBeTruthy();
    // The mentee, told "I'll share it", hears that it waits, and until when.
    const held = bot.double
      .dmsTo(PEOPLE.mentee)
      .filter((c) => textOf(c).includes(`<#${WINS}> ${nextUtcMidnight(bot)}`));
    expect(held).toHaveLength(1);
    expect(textOf(held[0])).toContain("*Six*");

    await sixthPostedAfter(bot, 24 * 3600 * 1000);
    expect((await bot.db.milestones.findById(sixth))?.shoutOutDueAt).toBeFalsy();
    // The mentee was asked once.
    const asked = bot.double.dmsTo(PEOPLE.mentee).filter((c) => textOf(c).includes("Share it in"));
    expect(asked).toHaveLength(1);
  });

  it("a held shout-out that can no longer go out stops waiting (reopened, or the mentee went private)", async () => {
    const bot = await newBot();
    const relationshipId = await roadmap(bot, ["1", "2", "3", "4", "5", "Six", "Seven"]);
    for (let n = 1; n <= 7; n++) await say(bot, PEOPLE.mentee, `done ${n}`);
    await bot.double.waitFor(
      "chat.postMessage",
      () =>
        bot.double.dmsTo(PEOPLE.mentor).filter((c) => textOf(c).includes("reached milestone"))
          .length >= 7,
      10_000,
    );
    await notificationsDrained(bot);
    const [sixth = "", seventh = ""] = (await bot.db.milestones.list(relationshipId))
      .slice(5)
      .map((m) => m.id);
    expect((await bot.db.milestones.findById(seventh))?.shoutOutDueAt).toBeTruthy();

    // Taken back: it waits no more, and a reopened milestone is never the sweep's to post.
    await say(bot, PEOPLE.mentee, "reopen 7");
    expect((await bot.db.milestones.findById(seventh))?.shoutOutDueAt).toBeFalsy();
    await bot.db.milestones.deferShoutOut(seventh, bot.clock.now());
    expect(
      (await bot.db.milestones.listShoutOutsDue(bot.clock.now(), 100)).map((m) => m.id),
    ).toEqual([]);

    // Private overnight: the next day's run posts nothing, and the sixth waits no more.
    await say(bot, PEOPLE.mentee, "celebrate private");
    bot.clock.advance(24 * 3600 * 1000);
    await bot.sweepNow();
    await notificationsDrained(bot);
    expect(postsIn(bot, WINS)).toHaveLength(5);
    expect((await bot.db.milestones.findById(sixth))?.shoutOutDueAt).toBeFalsy();
    expect(await bot.db.milestones.listShoutOutsDue(bot.clock.now(), 100)).toEqual([]);
  });
});
