// People who leave the workspace: a deactivated account (a user_change event, or users.info
// saying `deleted`) gets no more DMs, and the other person of each mentorship is told once.
import mongoose, { Types } from "mongoose";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { actionValue, pairAsAdmin, say, textOf, waitForDm } from "../support/mentor-commands.js";
import { notificationsDrained } from "../support/queue-drain.js";
import type { RecordedCall } from "../support/slack-double.js";
import {
  at,
  errorLogs,
  PEOPLE,
  sharedTestBot,
  type TestBot,
  TestBots,
} from "../support/test-bot.js";
import { deactivated } from "../support/user-events.js";

const bot = sharedTestBot();
/** Bots of a program without admins (ADMIN_USER_IDS empty, none added). */
const adminless = new TestBots();
let rel: string;

beforeEach(async () => {
  rel = await pairAsAdmin(bot);
  await notificationsDrained(bot);
});
afterEach(async () => {
  expect(errorLogs(bot)).toEqual([]);
  for (const other of adminless.inUse()) expect(errorLogs(other)).toEqual([]);
  await adminless.release();
});
afterAll(() => adminless.stopAll());

const leftDms = (userId: string) =>
  bot.double.dmsTo(userId).filter((c) => String(c.params.text).includes("has left the workspace"));

describe("someone leaves the workspace", () => {
  it("user_change deleted=true: the partner is told once, and the leaver gets no more DMs", async () => {
    const sent = await bot.slack.event(deactivated(PEOPLE.mentor, "maria"));
    expect(sent.status).toBe(200);
    const told = await waitForDm(bot, PEOPLE.mentee, "has left the workspace");
    expect(textOf(told)).toContain(`Your mentor <@${PEOPLE.mentor}> has left`);
    expect(textOf(told)).toContain("/mentor reassign");
    expect(await bot.db.people.find(PEOPLE.mentor)).toMatchObject({ deleted: true });

    // The same news again (another event id, a profile edit of the deactivated account): told once.
    await bot.slack.event(deactivated(PEOPLE.mentor, "maria"));
    await notificationsDrained(bot);
    expect(leftDms(PEOPLE.mentee)).toHaveLength(1);

    // The mentee ends the mentorship: only the mentee is thanked; nothing goes to the leaver.
    const mentorDmsBefore = bot.double.dmsTo(PEOPLE.mentor).length;
    const conversationsBefore = bot.double
      .calls("conversations.open")
      .filter((c) => String(c.params.users).includes(PEOPLE.mentor)).length;
    // Feedback from the mentor who left is refused: by default saying they left, named as an
    // unknown mention.
    expect(await say(bot, PEOPLE.mentee, "feedback Quarterly demo")).toContain(
      `<@${PEOPLE.mentor}> has left the workspace`,
    );
    expect(
      await say(bot, PEOPLE.mentee, `feedback Quarterly demo from ${at(PEOPLE.mentor)}`),
    ).toContain(`I couldn't find <@${PEOPLE.mentor}> in this workspace`);
    expect(await bot.db.feedbackRequests.listByRequester(PEOPLE.mentee)).toEqual([]);
    await notificationsDrained(bot);
    await bot.slack.blockAction(PEOPLE.mentee, {
      actionId: "relationship.end.confirm",
      value: `${rel}|`,
    });
    await waitForDm(bot, PEOPLE.mentee, "has ended");
    await notificationsDrained(bot);
    expect(bot.double.dmsTo(PEOPLE.mentor)).toHaveLength(mentorDmsBefore);
    const conversationsAfter = bot.double
      .calls("conversations.open")
      .filter((c) => String(c.params.users).includes(PEOPLE.mentor)).length;
    expect(conversationsAfter).toBe(conversationsBefore);
  });

  it("with the mentor gone, a check-in promises no mentor, and Need help goes to the admins", async () => {
    await bot.slack.event(deactivated(PEOPLE.mentor, "maria"));
    await waitForDm(bot, PEOPLE.mentee, "has left the workspace");
    await say(bot, PEOPLE.mentee, "checkin now");
    const dm = await waitForDm(bot, PEOPLE.mentee, "Time for your check-in");
    const shown = JSON.stringify(dm.params.blocks);
    expect(shown).not.toContain("Your answer goes to your mentor");
    expect(shown).toContain(`<@${PEOPLE.mentor}>, has left the workspace`);
    await notificationsDrained(bot);
    const mentorDmsBefore = bot.double.dmsTo(PEOPLE.mentor).length;

    const reply = await pressNeedHelp(bot, dm);
    expect(reply).not.toContain("asked your mentor");
    expect(reply).toContain(`<@${PEOPLE.mentor}> has left the workspace`);
    expect(reply).toContain("told the program admins");
    const toAdmin = await waitForDm(bot, PEOPLE.admin, "Need help");
    expect(textOf(toAdmin)).toContain(`<@${PEOPLE.mentee}>`);
    expect(textOf(toAdmin)).toContain("/mentor reassign");
    await notificationsDrained(bot);
    expect(bot.double.dmsTo(PEOPLE.mentor)).toHaveLength(mentorDmsBefore);
    // The answered message says who heard: the admins, not the mentor who left.
    const answered = JSON.stringify(bot.double.calls("chat.update").at(-1)?.params);
    expect(answered).toContain("told the program admins");
    expect(answered).not.toContain("Shared with");
  });

  it("with the mentor gone and no program admins, nothing claims anyone heard a call for help", async () => {
    const quiet = await adminless.start({ ADMIN_USER_IDS: "" });
    // An admin pairs them and steps down: the program is left without admins.
    await quiet.db.admins.add(PEOPLE.admin, PEOPLE.admin, quiet.clock.now());
    await pairAsAdmin(quiet);
    await quiet.db.admins.remove(PEOPLE.admin);
    await quiet.slack.event(deactivated(PEOPLE.mentor, "maria"));
    await waitForDm(quiet, PEOPLE.mentee, "has left the workspace");
    await say(quiet, PEOPLE.mentee, "checkin now");
    const dm = await waitForDm(quiet, PEOPLE.mentee, "Time for your check-in");
    const shown = JSON.stringify(dm.params.blocks);
    expect(shown).not.toContain("program admins hear it");
    expect(shown).toContain("nobody hears it");
    expect(shown).toContain("ask your manager or a teammate");
    await notificationsDrained(quiet);
    const adminDmsBefore = quiet.double.dmsTo(PEOPLE.admin).length;

    const reply = await pressNeedHelp(quiet, dm);
    expect(reply).not.toContain("told the program admins");
    expect(reply).toContain("nobody was told");
    expect(reply).toContain("ask your manager or a teammate");
    await notificationsDrained(quiet);
    // The admin who stepped down hears nothing, and the answered message says nobody heard.
    expect(quiet.double.dmsTo(PEOPLE.admin)).toHaveLength(adminDmsBefore);
    const answered = JSON.stringify(quiet.double.calls("chat.update").at(-1)?.params);
    expect(answered).not.toContain("told the program admins");
    expect(answered).toContain("nobody was told");
  });

  it("users.info saying deleted (found on a routine lookup) does the same", async () => {
    await say(bot, PEOPLE.mentee, "checkin now");
    await waitForDm(bot, PEOPLE.mentee, "check-in");
    await notificationsDrained(bot);
    const menteeDmsBefore = bot.double.dmsTo(PEOPLE.mentee).length;

    // Deactivated in Slack; a day later the cached profile is stale and users.info is asked again.
    bot.double.addUser({ id: PEOPLE.mentee, name: "sam", realName: "Sam Mentee", deleted: true });
    bot.clock.set(new Date(bot.clock.now().getTime() + 25 * 3600 * 1000));
    expect(await say(bot, PEOPLE.admin, `pair ${at(PEOPLE.other)} ${at(PEOPLE.mentee)}`)).toContain(
      "couldn't find",
    );
    const told = await waitForDm(bot, PEOPLE.mentor, "has left the workspace");
    expect(textOf(told)).toContain(`Your mentee <@${PEOPLE.mentee}> has left`);
    expect(textOf(told)).toContain("/mentor end");

    // A check-in due now is not sent to them.
    await bot.slack.command(PEOPLE.mentor, "checkin now");
    await notificationsDrained(bot);
    expect(bot.double.dmsTo(PEOPLE.mentee)).toHaveLength(menteeDmsBefore);
    expect(leftDms(PEOPLE.mentor)).toHaveLength(1);
  });

  it("a mentee who left gets no scheduled check-in: none counted as sent, none missed, nobody alarmed", async () => {
    // Slack says so too: the profiles a sweep reads a day on are read from it again.
    bot.double.addUser({ id: PEOPLE.mentee, name: "sam", realName: "Sam Mentee", deleted: true });
    await bot.slack.event(deactivated(PEOPLE.mentee, "sam"));
    await waitForDm(bot, PEOPLE.mentor, "has left the workspace");
    await notificationsDrained(bot);
    // Three weeks and more of daily sweeps at 12:30 in the mentee's Kolkata, a working hour:
    // slots, reminders (a day after) and misses (a day later) would all come due.
    const start = bot.clock.now().getTime() + 16 * 3600 * 1000;
    let skipped = 0;
    for (let day = 0; day <= 25; day++) {
      bot.clock.set(new Date(start + day * 24 * 3600 * 1000));
      skipped += (await bot.sweepNow()).skipped;
      await notificationsDrained(bot);
    }
    expect(skipped).toBe(3);
    expect((await bot.db.tallies.forPairs([rel])).get(rel)?.checkinsSent ?? 0).toBe(0);
    // Skipped slots are no check-ins of the pair's (Home and the streak read these).
    expect(await bot.db.checkins.recent(rel, 10)).toEqual([]);
    const streak = [PEOPLE.mentor, PEOPLE.admin].flatMap((id) =>
      bot.double.dmsTo(id).filter((c) => /hasn't answered the last/.test(String(c.params.text))),
    );
    expect(streak).toEqual([]);
  });

  it("a check-in sent before the mentee left is neither reminded nor missed", async () => {
    await say(bot, PEOPLE.mentee, "checkin now");
    await waitForDm(bot, PEOPLE.mentee, "Time for your check-in");
    await notificationsDrained(bot);
    bot.double.addUser({ id: PEOPLE.mentee, name: "sam", realName: "Sam Mentee", deleted: true });
    await bot.slack.event(deactivated(PEOPLE.mentee, "sam"));
    await waitForDm(bot, PEOPLE.mentor, "has left the workspace");
    const start = bot.clock.now().getTime();
    let missed = 0;
    for (let hours = 6; hours <= 24 * 4; hours += 6) {
      bot.clock.set(new Date(start + hours * 3600 * 1000));
      const swept = await bot.sweepNow();
      missed += swept.missed + swept.reminders;
      await notificationsDrained(bot);
    }
    expect(missed).toBe(0);
    // Closed as skipped: counted once as sent, never as missed.
    expect(await bot.db.checkins.recent(rel, 10)).toEqual([]);
    const tally = (await bot.db.tallies.forPairs([rel])).get(rel);
    expect(tally?.checkinsSent).toBe(1);
    expect(tally?.missedStreak ?? 0).toBe(0);
  });

  it("a check-in goes to a mentee who came back (reactivated), and not while they were gone", async () => {
    await bot.slack.event(deactivated(PEOPLE.mentee, "sam"));
    await waitForDm(bot, PEOPLE.mentor, "has left the workspace");
    expect((await bot.db.relationships.findById(rel))?.leftWorkspace).toEqual([PEOPLE.mentee]);
    await bot.slack.command(PEOPLE.mentor, "checkin now");
    await notificationsDrained(bot);
    expect(checkinDms()).toHaveLength(0);

    await bot.slack.event(comeBack(PEOPLE.mentee, "sam"));
    await until(async () => (await bot.db.people.find(PEOPLE.mentee))?.deleted === false);
    expect((await bot.db.relationships.findById(rel))?.leftWorkspace).toEqual([]);
    // A minute on: `checkin now` makes one check-in a minute.
    bot.clock.set(new Date(bot.clock.now().getTime() + 60_000));
    await bot.slack.command(PEOPLE.mentor, "checkin now");
    await notificationsDrained(bot);
    expect(checkinDms()).toHaveLength(1);
  });

  it("a mentee back in the workspace whose pair still marks them gone (a lost mark) gets their check-in", async () => {
    // Both people came back at once, and on FerretDB one of the two marks was lost.
    await setPairMarks(rel, { leftWorkspace: [PEOPLE.mentee] });
    expect((await present(PEOPLE.mentee)).deleted).toBeFalsy();
    await bot.slack.command(PEOPLE.mentor, "checkin now");
    await notificationsDrained(bot);
    expect(checkinDms()).toHaveLength(1);
  });

  it("a pair from before pairs knew who left still sends no check-in to a mentee who left", async () => {
    // As an older replica leaves it: no mark on the pair, only the person's own record.
    await unmarkPair(rel);
    expect((await bot.db.relationships.findById(rel))?.leftWorkspace).toBeUndefined();
    await bot.db.people.upsert({
      ...(await present(PEOPLE.mentee)),
      deleted: true,
    });
    await bot.slack.command(PEOPLE.mentor, "checkin now");
    await notificationsDrained(bot);
    expect(checkinDms()).toHaveLength(0);
    // Skipped, as a paused pair's: not sent, so neither counted nor missed later.
    expect(await bot.db.checkins.recent(rel, 1)).toEqual([]);
    expect((await bot.db.tallies.forPairs([rel])).get(rel)?.checkinsSent ?? 0).toBe(0);
  });
});

/** The mentee's check-in DMs: the ones with the check-in's buttons. */
const checkinDms = () =>
  bot.double.dmsTo(PEOPLE.mentee).filter((c) => String(c.params.text).includes("check-in"));

/** Waits (bounded) for what an event's handler writes after Slack's request was answered. */
/** The mentee presses "Need help" on the check-in DM; resolves with the reply they see. */
async function pressNeedHelp(on: TestBot, dm: RecordedCall): Promise<string> {
  const checkinId = String(actionValue(dm.params.blocks, "checkin.need_help"));
  const pressed = await on.slack.blockAction(PEOPLE.mentee, {
    actionId: "checkin.need_help",
    value: checkinId,
    blockId: `checkin_${checkinId}`,
    message: { ts: String(dm.response.ts), channelId: String(dm.response.channel) },
  });
  return String((await on.double.waitForResponse(pressed.responseUrl)).text);
}

async function until(done: () => Promise<boolean>, timeoutMs = 8_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error("not done in time");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The same account, active again. */
const comeBack = (id: string, name: string) => {
  const event = deactivated(id, name);
  return { ...event, user: { ...event.user, deleted: false } };
};

async function present(id: string) {
  const person = await bot.db.people.find(id);
  if (!person) throw new Error(`${id} is not cached`);
  return person;
}

/** Takes the pair back to how it was written before pairs knew who of them left. */
const unmarkPair = (id: string) => setPairMarks(id, { $unset: { leftWorkspace: "" } });

/** Writes the pair's marks straight to the database (`set`, or an update with its operators). */
async function setPairMarks(id: string, change: Record<string, unknown>): Promise<void> {
  const raw = await mongoose.createConnection(bot.config.mongodbUri).asPromise();
  const update = Object.keys(change).some((key) => key.startsWith("$")) ? change : { $set: change };
  try {
    await raw.collection("relationships").updateOne({ _id: new Types.ObjectId(id) }, update);
  } finally {
    await raw.close();
  }
}
