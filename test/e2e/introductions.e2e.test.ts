// Issue 6, end to end over HTTP: the mentor's network. `/mentor intro @person <why>` opens a group
// DM of mentor, mentee and person with an introduction, recorded and shown in App Home;
// `/mentor intro request <topic>` asks the mentor by DM. Both refuse the wrong people.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pairAsAdmin, say } from "../support/mentor-commands.js";
import { notificationsDrained } from "../support/queue-drain.js";
import type { RecordedCall } from "../support/slack-double.js";
import { at, errorLogs, PEOPLE, sharedTestBot } from "../support/test-bot.js";
import { deactivated } from "../support/user-events.js";

type Json = Record<string, unknown>;

const MENTEE2 = "UMENTEE2";
const UNKNOWN = "UNOBODY99";
const WAIT_MS = 10_000;

const bot = sharedTestBot();
let relationshipId: string;

beforeEach(async () => {
  bot.double.addUser({ id: MENTEE2, name: "tess", realName: "Tess Mentee", tz: "Europe/London" });
  relationshipId = await pairAsAdmin(bot, PEOPLE.mentor, PEOPLE.mentee);
  await notificationsDrained(bot);
});
afterEach(() => {
  expect(errorLogs(bot)).toEqual([]);
});

const textOf = (call: RecordedCall | undefined) =>
  `${String(call?.params.text)} ${JSON.stringify(call?.params.blocks ?? [])}`;

const groupOpens = () =>
  bot.double
    .calls("conversations.open")
    .filter((c) => String(c.params.users ?? "").split(",").length === 3);

const groupPosts = () =>
  bot.double.calls("chat.postMessage").filter((c) => String(c.params.channel).startsWith("G"));

/** Everything a refused command could have written or sent. */
async function nothingHappened(): Promise<void> {
  await notificationsDrained(bot);
  expect(await bot.db.introductions.listForRelationship(relationshipId, 10)).toEqual([]);
  expect(groupOpens()).toEqual([]);
  expect(groupPosts()).toEqual([]);
}

describe("/mentor intro @person <why>", () => {
  it("opens a group DM of the three, introduces them saying why, records it, and shows it in App Home", async () => {
    const reply = await say(
      bot,
      PEOPLE.mentor,
      `intro ${at(PEOPLE.other, "olly")} She ran our AWS migration\nand can tell you about the exam`,
    );
    expect(reply).toContain(`<@${PEOPLE.mentee}>`);
    expect(reply).toContain(`<@${PEOPLE.other}>`);
    expect(reply).toContain("group DM");

    const post = await bot.double.waitFor(
      "chat.postMessage",
      (c) => !c.failed && String(c.params.channel).startsWith("G"),
      WAIT_MS,
    );
    await notificationsDrained(bot);
    const [open, ...moreOpens] = groupOpens();
    expect(moreOpens).toEqual([]);
    expect(String(open?.params.users).split(",").sort()).toEqual(
      [PEOPLE.mentor, PEOPLE.mentee, PEOPLE.other].sort(),
    );
    expect(post.params.channel).toBe((open?.response.channel as Json | undefined)?.id);
    expect(groupPosts()).toHaveLength(1);
    const said = textOf(post);
    for (const id of [PEOPLE.mentor, PEOPLE.mentee, PEOPLE.other])
      expect(said).toContain(`<@${id}>`);
    expect(said).toContain("She ran our AWS migration");
    expect(said).toContain("can tell you about the exam");

    const [recorded, ...more] = await bot.db.introductions.listForRelationship(relationshipId, 10);
    expect(more).toEqual([]);
    expect(recorded).toMatchObject({
      kind: "introduction",
      mentorId: PEOPLE.mentor,
      menteeId: PEOPLE.mentee,
      personId: PEOPLE.other,
      text: "She ran our AWS migration\nand can tell you about the exam",
      createdBy: PEOPLE.mentor,
    });
    expect(recorded?.sentAt).toBeInstanceOf(Date);
    expect((await bot.db.audit.listFor(recorded?.id ?? "")).map((a) => a.action)).toEqual([
      "introduction.made",
    ]);

    // App Home, for the mentee and for the mentor.
    for (const viewer of [PEOPLE.mentee, PEOPLE.mentor]) {
      const before = bot.double.calls("views.publish").length;
      await bot.slack.event({
        type: "app_home_opened",
        user: viewer,
        channel: `D${viewer}`,
        tab: "home",
      });
      await bot.double.waitForCalls("views.publish", before + 1);
      const home = JSON.stringify(bot.double.lastView("views.publish"));
      expect(home).toContain("Introductions");
      expect(home).toContain(`Introduced to <@${PEOPLE.other}>`);
      expect(home).toContain("She ran our AWS migration");
    }
  });

  it("with several mentees, `to @mentee` picks one; without it the reply lists the choices", async () => {
    await pairAsAdmin(bot, PEOPLE.mentor, MENTEE2);
    expect(await say(bot, PEOPLE.mentor, `intro ${at(PEOPLE.other)} Knows the QA guild`)).toContain(
      "several mentorships",
    );
    const reply = await say(
      bot,
      PEOPLE.mentor,
      `intro ${at(PEOPLE.other)} to ${at(MENTEE2, "tess")} Knows the QA guild`,
    );
    expect(reply).toContain(`<@${MENTEE2}>`);
    const post = await bot.double.waitFor(
      "chat.postMessage",
      (c) => !c.failed && String(c.params.channel).startsWith("G"),
      WAIT_MS,
    );
    expect(textOf(post)).toContain(`<@${MENTEE2}>`);
    expect(textOf(post)).toContain("Knows the QA guild");
    expect(textOf(post)).not.toContain("to <@");
    const rel2 = (await bot.db.relationships.findOpenBetween(PEOPLE.mentor, MENTEE2))?.id ?? "";
    expect(await bot.db.introductions.listForRelationship(rel2, 10)).toHaveLength(1);
  });

  it("with several mentees, a mentee named at the end picks one, as the ambiguity reply says", async () => {
    await pairAsAdmin(bot, PEOPLE.mentor, MENTEE2);
    expect(await say(bot, PEOPLE.mentor, `intro ${at(PEOPLE.other)} Knows the QA guild`)).toContain(
      "Add who you mean at the end",
    );
    const reply = await say(
      bot,
      PEOPLE.mentor,
      `intro ${at(PEOPLE.other)} Knows the QA guild ${at(MENTEE2, "tess")}`,
    );
    expect(reply).toContain(`<@${MENTEE2}>`);
    expect(reply).not.toContain("several mentorships");
    const rel2 = (await bot.db.relationships.findOpenBetween(PEOPLE.mentor, MENTEE2))?.id ?? "";
    await notificationsDrained(bot);
    expect(await bot.db.introductions.listForRelationship(rel2, 10)).toMatchObject([
      { menteeId: MENTEE2, personId: PEOPLE.other, text: "Knows the QA guild" },
    ]);
  });

  it("a mention ending the reason that is not a mentee of theirs stays in the reason", async () => {
    const reply = await say(
      bot,
      PEOPLE.mentor,
      `intro ${at(PEOPLE.other)} Ask about ${at(PEOPLE.admin)}`,
    );
    expect(reply).toContain(`<@${PEOPLE.mentee}>`);
    await notificationsDrained(bot);
    expect(await bot.db.introductions.listForRelationship(relationshipId, 10)).toMatchObject([
      { menteeId: PEOPLE.mentee, text: `Ask about @${PEOPLE.admin.toLowerCase()}` },
    ]);
  });

  it("refuses the mentee, outsiders, unknown people, bots, the pair itself and a missing reason", async () => {
    expect(await say(bot, PEOPLE.mentee, `intro ${at(PEOPLE.other)} Knows AWS`)).toContain(
      "Only the mentor makes introductions",
    );
    expect(await say(bot, PEOPLE.other, `intro ${at(PEOPLE.admin)} Knows AWS`)).toContain(
      "No roadmap found",
    );
    expect(await say(bot, PEOPLE.mentor, `intro ${at(UNKNOWN)} Knows AWS`)).toContain(
      `couldn't find <@${UNKNOWN}>`,
    );
    expect(await say(bot, PEOPLE.mentor, `intro ${at(PEOPLE.gone)} Knows AWS`)).toContain(
      "couldn't find",
    );
    expect(await say(bot, PEOPLE.mentor, `intro ${at(PEOPLE.bot)} Knows AWS`)).toContain(
      "is a bot",
    );
    expect(await say(bot, PEOPLE.mentor, `intro ${at(PEOPLE.mentee)} Knows AWS`)).toContain(
      "already part of this mentorship",
    );
    expect(await say(bot, PEOPLE.mentor, `intro ${at(PEOPLE.other)}`)).toContain(
      "Say why they should meet",
    );
    expect(await say(bot, PEOPLE.mentor, "intro olly Knows AWS")).toContain(
      "Start with the person to introduce",
    );
    expect(await say(bot, PEOPLE.mentor, `intro ${at(PEOPLE.other)} {"$gt": ""}`)).toContain(
      "looks like code",
    );
    await nothingHappened();
  });
});

describe("/mentor intro request <topic>", () => {
  it("asks the mentor by DM whom they could introduce the mentee to", async () => {
    const reply = await say(
      bot,
      PEOPLE.mentee,
      "intro request someone who moved from engineering to product",
    );
    expect(reply).toContain(`I've asked <@${PEOPLE.mentor}>`);

    const dm = await bot.double.waitFor(
      "chat.postMessage",
      (c) =>
        !c.failed &&
        c.params.channel === bot.double.dmChannelId(PEOPLE.mentor) &&
        String(c.params.text).includes("introduce them to"),
      WAIT_MS,
    );
    await notificationsDrained(bot);
    expect(textOf(dm)).toContain(`<@${PEOPLE.mentee}>`);
    expect(textOf(dm)).toContain("someone who moved from engineering to product");
    expect(textOf(dm)).toContain("/mentor intro @person");
    expect(
      bot.double.dmsTo(PEOPLE.mentor).filter((c) => String(c.params.text).includes("introduce")),
    ).toHaveLength(1);
    expect(await bot.db.introductions.listForRelationship(relationshipId, 10)).toMatchObject([
      { kind: "request", personId: null, text: "someone who moved from engineering to product" },
    ]);
  });

  it("refuses the mentor, outsiders and an empty topic", async () => {
    expect(await say(bot, PEOPLE.mentor, "intro request someone in product")).toContain(
      "Only the mentee asks for introductions",
    );
    expect(await say(bot, PEOPLE.other, "intro request someone in product")).toContain(
      "No roadmap found",
    );
    expect(await say(bot, PEOPLE.mentee, "intro request")).toContain(
      "Say what you'd like to be introduced for",
    );
    await nothingHappened();
    expect(
      bot.double
        .dmsTo(PEOPLE.mentor)
        .filter((c) => String(c.params.text).includes("introduce them")),
    ).toEqual([]);
  });
});

describe("someone of the pair left the workspace", () => {
  it("the mentor's intro is refused when the mentee left, and nothing is made", async () => {
    await bot.slack.event(deactivated(PEOPLE.mentee, "sam"));
    await bot.double.waitFor(
      "chat.postMessage",
      (c) => String(c.params.text).includes("has left the workspace"),
      WAIT_MS,
    );
    const reply = await say(bot, PEOPLE.mentor, `intro ${at(PEOPLE.other)} Knows AWS`);
    expect(reply).toContain(`<@${PEOPLE.mentee}> has left the workspace`);
    expect(reply).not.toContain("introducing");
    await nothingHappened();
  });

  it("the mentee's intro request is refused when the mentor left", async () => {
    await bot.slack.event(deactivated(PEOPLE.mentor, "maria"));
    await bot.double.waitFor(
      "chat.postMessage",
      (c) => String(c.params.text).includes("has left the workspace"),
      WAIT_MS,
    );
    const reply = await say(bot, PEOPLE.mentee, "intro request someone in product");
    expect(reply).toContain(`<@${PEOPLE.mentor}> has left the workspace`);
    expect(reply).not.toContain("I've asked");
    await nothingHappened();
  });
});

describe("help", () => {
  it("lists the celebration and introduction commands", async () => {
    const help = await say(bot, PEOPLE.mentee, "help");
    expect(help).toContain("/mentor celebrate [in #channel | public | private]");
    expect(help).toContain("/mentor intro @person [to @mentee] <why>");
    expect(help).toContain("/mentor intro request <topic>");
  });
});
