import { describe, expect, it } from "vitest";
import { actionValue, say } from "../support/mentor-commands.js";
import { notificationsDrained } from "../support/queue-drain.js";
import { at, errorLogs, PEOPLE, sharedTestBot } from "../support/test-bot.js";

const bot = sharedTestBot();

describe("pairing by a program admin", () => {
  it("makes an active pair and introduces both people once", async () => {
    const reply = await say(bot, PEOPLE.admin, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`);
    expect(reply).toContain("is now mentoring");

    const [toMentor, toMentee] = await Promise.all([
      bot.double.waitFor("chat.postMessage", (c) => c.params.channel === `D${PEOPLE.mentor}`),
      bot.double.waitFor("chat.postMessage", (c) => c.params.channel === `D${PEOPLE.mentee}`),
    ]);
    expect(String(toMentor.params.text)).toContain(`<@${PEOPLE.mentee}>`);
    expect(String(toMentor.params.text)).toContain("your new mentee");
    expect(String(toMentee.params.text)).toContain("your new mentor");
    expect(JSON.stringify(toMentee.params.blocks)).toContain("What happens next");
    // Feedback is asked for by the mentee; the bot does not ask by itself.
    expect(JSON.stringify(toMentee.params.blocks)).toContain("/mentor feedback");
    expect(JSON.stringify(toMentee.params.blocks)).not.toContain("ask for feedback after");

    const pair = await bot.db.relationships.findOpenBetween(PEOPLE.mentor, PEOPLE.mentee);
    expect(pair).toMatchObject({
      status: "active",
      mentorId: PEOPLE.mentor,
      createdBy: PEOPLE.admin,
    });
    const audit = await bot.db.audit.listFor(pair?.id ?? "");
    expect(audit.map((a) => a.action)).toEqual(["relationship.paired_by_admin"]);

    // Let the queue drain, then confirm nobody got a second introduction.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bot.double.dmsTo(PEOPLE.mentor)).toHaveLength(1);
    expect(bot.double.dmsTo(PEOPLE.mentee)).toHaveLength(1);
  });

  it("a retry after the introductions could not be queued sends them, once", async () => {
    // What a failed queue leaves: the pair written (and audited), its introductions never queued.
    await bot.db.relationships.create({
      mentorId: PEOPLE.mentor,
      menteeId: PEOPLE.mentee,
      status: "active",
      createdBy: PEOPLE.admin,
      requestedBy: null,
      awaitingUserId: null,
      now: bot.clock.now(),
    });
    const intros = () =>
      [PEOPLE.mentor, PEOPLE.mentee].map(
        (id) =>
          bot.double.dmsTo(id).filter((c) => /your new (mentor|mentee)/.test(String(c.params.text)))
            .length,
      );
    for (let retry = 0; retry < 2; retry++) {
      expect(await say(bot, PEOPLE.admin, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`)).toBe(
        "Those two people are already paired.",
      );
      await notificationsDrained(bot);
      expect(intros()).toEqual([1, 1]);
    }
    // Someone else's pairing (or the pair the other way round) is not this admin's to finish.
    await bot.db.relationships.create({
      mentorId: PEOPLE.other,
      menteeId: PEOPLE.mentee,
      status: "active",
      createdBy: PEOPLE.mentee,
      requestedBy: PEOPLE.mentee,
      awaitingUserId: null,
      now: bot.clock.now(),
    });
    await say(bot, PEOPLE.admin, `pair ${at(PEOPLE.other)} ${at(PEOPLE.mentee)}`);
    await notificationsDrained(bot);
    expect(bot.double.dmsTo(PEOPLE.other)).toEqual([]);
  });

  it("accepts the unescaped <@U123> form too", async () => {
    const reply = await say(bot, PEOPLE.admin, `pair <@${PEOPLE.mentor}> <@${PEOPLE.mentee}>`);
    expect(reply).toContain("is now mentoring");
  });
});

describe("pairing requested by one of the two people", () => {
  async function requestAsMentee() {
    const reply = await say(bot, PEOPLE.mentee, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`);
    expect(reply).toContain(`asked <@${PEOPLE.mentor}> to accept`);
    const ask = await bot.double.waitFor(
      "chat.postMessage",
      (c) => c.params.channel === `D${PEOPLE.mentor}`,
    );
    expect(String(ask.params.text)).toContain(
      `<@${PEOPLE.mentee}> would like you to be their mentor`,
    );
    // A mentor gets no check-ins of their own: they hear the mentee's answers.
    expect(JSON.stringify(ask.params.blocks)).not.toContain("you'll both get milestone check-ins");
    expect(JSON.stringify(ask.params.blocks)).toContain("you hear their answers");
    const relationshipId = actionValue(ask.params.blocks, "pairing.accept");
    expect(relationshipId).toBeTruthy();
    expect(actionValue(ask.params.blocks, "pairing.decline")).toBe(relationshipId);
    const message = { ts: String(ask.response.ts), channelId: `D${PEOPLE.mentor}` };
    return { relationshipId: relationshipId ?? "", message };
  }

  it("asks the other person, and Accept activates the pair and introduces both, once each", async () => {
    const { relationshipId, message } = await requestAsMentee();
    expect(await bot.db.relationships.findById(relationshipId)).toMatchObject({
      status: "pending",
    });

    await bot.slack.blockAction(PEOPLE.mentor, {
      actionId: "pairing.accept",
      value: relationshipId,
      message,
    });

    const told = await bot.double.waitFor(
      "chat.postMessage",
      (c) => c.params.channel === `D${PEOPLE.mentee}`,
    );
    expect(String(told.params.text)).toContain(`<@${PEOPLE.mentor}> accepted`);
    expect(String(told.params.text)).toContain("your new mentor");
    expect(JSON.stringify(told.params.blocks)).toContain("What happens next");
    const update = await bot.double.waitFor("chat.update");
    expect(update.params).toMatchObject({ channel: message.channelId, ts: message.ts });
    expect(String(update.params.text)).toContain("You accepted");
    expect(await bot.db.relationships.findById(relationshipId)).toMatchObject({ status: "active" });
    // The one who accepted is introduced too; the requester gets one DM, not an extra "accepted".
    const intro = await bot.double.waitFor(
      "chat.postMessage",
      (c) => c.params.channel === `D${PEOPLE.mentor}` && String(c.params.text).includes("Meet"),
    );
    expect(String(intro.params.text)).toContain(`<@${PEOPLE.mentee}>, your new mentee`);
    expect(JSON.stringify(intro.params.blocks)).toContain("What happens next");
    await notificationsDrained(bot);
    expect(bot.double.dmsTo(PEOPLE.mentee)).toHaveLength(1);
    // The request itself, then the introduction.
    expect(bot.double.dmsTo(PEOPLE.mentor)).toHaveLength(2);
  });

  it("Decline ends the request and tells the requester kindly", async () => {
    const { relationshipId, message } = await requestAsMentee();
    await bot.slack.blockAction(PEOPLE.mentor, {
      actionId: "pairing.decline",
      value: relationshipId,
      message,
    });

    const told = await bot.double.waitFor(
      "chat.postMessage",
      (c) => c.params.channel === `D${PEOPLE.mentee}`,
    );
    expect(String(told.params.text)).toContain("isn't able to take on this mentorship right now");
    expect(String(told.params.text)).not.toMatch(/reject/i);
    // Who can help next is named, not just "your program admins".
    expect(String(told.params.text)).toContain(
      `A program admin can help you find another match: <@${PEOPLE.admin}>.`,
    );
    expect(await bot.db.relationships.findById(relationshipId)).toMatchObject({
      status: "ended",
      endReason: "declined",
    });
    // Declined is not "paired": they may try again, but not within a week (issue 11).
    const soon = await say(bot, PEOPLE.mentee, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`);
    expect(soon).toContain("answered a request from you");
    bot.clock.advance(8 * 24 * 3600 * 1000);
    const again = await say(bot, PEOPLE.mentee, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`);
    expect(again).toContain("asked");
  });

  it("lets only the invitee answer, and only once", async () => {
    const { relationshipId, message } = await requestAsMentee();

    const own = await bot.slack.blockAction(PEOPLE.mentee, {
      actionId: "pairing.accept",
      value: relationshipId,
    });
    expect(String((await bot.double.waitForResponse(own.responseUrl)).text)).toContain(
      "Only the person who was asked",
    );
    const outsider = await bot.slack.blockAction(PEOPLE.other, {
      actionId: "pairing.accept",
      value: relationshipId,
    });
    expect(String((await bot.double.waitForResponse(outsider.responseUrl)).text)).toContain(
      "couldn't find that pairing request",
    );
    expect(await bot.db.relationships.findById(relationshipId)).toMatchObject({
      status: "pending",
    });

    await Promise.all([
      bot.slack.blockAction(PEOPLE.mentor, {
        actionId: "pairing.accept",
        value: relationshipId,
        message,
      }),
      bot.slack.blockAction(PEOPLE.mentor, {
        actionId: "pairing.accept",
        value: relationshipId,
        message,
      }),
    ]);
    await bot.double.waitFor("chat.postMessage", (c) => c.params.channel === `D${PEOPLE.mentee}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bot.double.dmsTo(PEOPLE.mentee)).toHaveLength(1);
  });

  it("refuses a second request while one is pending", async () => {
    await requestAsMentee();
    const reply = await say(bot, PEOPLE.mentor, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`);
    expect(reply).toContain("already a pairing request");
  });
});

describe("refusals write nothing", () => {
  const cases: Array<[string, string, string, RegExp]> = [
    [
      "someone outside the pair",
      PEOPLE.other,
      `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`,
      /Only a program admin, or one of the two people/,
    ],
    [
      "self-pairing",
      PEOPLE.admin,
      `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentor)}`,
      /can't pair someone with themselves/,
    ],
    ["a bot", PEOPLE.admin, `pair ${at(PEOPLE.bot)} ${at(PEOPLE.mentee)}`, /is a bot/],
    [
      "an unknown user",
      PEOPLE.admin,
      `pair ${at("UNOBODY99")} ${at(PEOPLE.mentee)}`,
      /couldn't find <@UNOBODY99>/,
    ],
    [
      "a deactivated user",
      PEOPLE.admin,
      `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.gone)}`,
      /couldn't find/,
    ],
    ["plain names instead of mentions", PEOPLE.admin, "pair @maria @sam", /Mention both people/],
    ["a missing mentee", PEOPLE.admin, `pair ${at(PEOPLE.mentor)}`, /exactly two people/],
    [
      "an operator-looking argument",
      PEOPLE.admin,
      `pair {"$gt":""} ${at(PEOPLE.mentee)}`,
      /Mention both people/,
    ],
  ];

  it.each(cases)("refuses %s", async (_name, actor, text, expected) => {
    expect(await say(bot, actor, text)).toMatch(expected);
    expect(
      await bot.db.relationships.listForUser(PEOPLE.mentee, [
        "pending",
        "active",
        "paused",
        "ended",
      ]),
    ).toEqual([]);
    expect(
      await bot.db.relationships.listForUser(PEOPLE.mentor, [
        "pending",
        "active",
        "paused",
        "ended",
      ]),
    ).toEqual([]);
    expect(bot.double.calls("chat.postMessage")).toEqual([]);
    expect(errorLogs(bot)).toEqual([]);
  });

  it("refuses a second pair of the same two people, either way round", async () => {
    await say(bot, PEOPLE.admin, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`);
    expect(
      await say(bot, PEOPLE.admin, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`),
    ).toContain("already paired");
    expect(
      await say(bot, PEOPLE.mentee, `pair ${at(PEOPLE.mentee)} ${at(PEOPLE.mentor)}`),
    ).toContain("already paired");
    const pairs = await bot.db.relationships.listForUser(PEOPLE.mentee, ["pending", "active"]);
    expect(pairs).toHaveLength(1);
  });
});

describe("help", () => {
  it.each(["", "help"])("`/mentor %s` lists every command with an example", async (text) => {
    const reply = await say(bot, PEOPLE.other, text);
    expect(reply).toContain("/mentor pair @mentor @mentee");
    expect(reply).toContain("Example: `/mentor pair @maria @sam`");
    expect(reply).toContain("/mentor help");
  });

  it("answers an unknown subcommand with a note and the help", async () => {
    const reply = await say(bot, PEOPLE.other, "dance");
    expect(reply).toMatch(/^I don't know the command `dance`/);
    expect(reply).toContain("/mentor pair @mentor @mentee");
  });
});
