// Issue 4, end to end over HTTP: scheduled milestone check-ins on an injected clock. The bot's
// sweep runs only when a test calls sweepNow(), at the clock's time; nothing sleeps to pass time
// (short real waits let the queue deliver).

import { Queue } from "bullmq";
import dayjs from "dayjs";
import timezone from "dayjs/plugin/timezone.js";
import utc from "dayjs/plugin/utc.js";
import { Redis } from "ioredis";
import mongoose from "mongoose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Checkin } from "../../src/domain/checkin.js";
import { notificationsDrained } from "../support/queue-drain.js";
import type { RecordedCall } from "../support/slack-double.js";
import {
  at,
  errorLogs,
  PEOPLE,
  sharedTestBot,
  startTestBot,
  type TestBot,
} from "../support/test-bot.js";

dayjs.extend(utc);
dayjs.extend(timezone);

type Json = Record<string, unknown>;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WAIT_MS = 8_000;
/** The first default check-in after pairing on Mon 2026-11-23 15:00Z: Monday 10:00 in Kolkata. */
const SLOT1 = new Date("2026-11-30T04:30:00Z");
const SLOT2 = new Date(SLOT1.getTime() + 7 * DAY);

const bot = sharedTestBot();
let rel: string;
/** Bots a test starts besides the shared one (other settings, or a second replica). */
const bots: TestBot[] = [];

async function newBot(env: Record<string, string> = {}): Promise<TestBot> {
  const started = await startTestBot(env);
  bots.push(started);
  return started;
}

beforeEach(async () => {
  rel = await pair();
});
afterEach(async () => {
  for (const b of [bot, ...bots]) expect(errorLogs(b)).toEqual([]);
  for (const b of bots.splice(0).reverse()) await b.stop();
});

// ----------------------------------------------------------------------------------------------
// Helpers

async function say(userId: string, text: string, b = bot): Promise<string> {
  const sent = await b.slack.command(userId, text);
  expect(sent.status).toBe(200);
  const reply = await b.double.waitForResponse(sent.responseUrl);
  expect(reply.response_type).toBe("ephemeral");
  return String(reply.text);
}

/** The admin pairs mentor and mentee; returns once both introductions went out. */
async function pair(): Promise<string> {
  expect(await say(PEOPLE.admin, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`)).toContain(
    "is now mentoring",
  );
  await waitForCount(() => bot.double.dmsTo(PEOPLE.mentor), 1);
  await waitForCount(() => bot.double.dmsTo(PEOPLE.mentee), 1);
  const relationship = await bot.db.relationships.findOpenBetween(PEOPLE.mentor, PEOPLE.mentee);
  expect(relationship?.status).toBe("active");
  return relationship?.id ?? "";
}

const textOf = (c: RecordedCall) => String(c.params.text ?? "");
const dmsContaining = (userId: string, needle: string, b = bot) =>
  b.double.dmsTo(userId).filter((c) => textOf(c).includes(needle));
const checkinDms = (b = bot) => dmsContaining(PEOPLE.mentee, "Time for your check-in", b);
const reminderDms = () => dmsContaining(PEOPLE.mentee, "gentle nudge");
const mentorAnswerDms = () =>
  bot.double
    .dmsTo(PEOPLE.mentor)
    .filter((c) => /answered their check-in|need help/.test(textOf(c)));
const reflectionDms = () => dmsContaining(PEOPLE.mentor, "reflect");

/** Waits (really, briefly) until `list()` has at least `count` entries, and returns it. */
async function waitForCount<T>(list: () => T[], count: number, b = bot): Promise<T[]> {
  if (list().length < count) {
    await b.double.waitFor("chat.postMessage", () => list().length >= count, WAIT_MS);
  }
  return list();
}

/** Waits until no job of the bot's notifications queue is waiting, delayed or running. */
const drained = (b = bot): Promise<void> => notificationsDrained(b, WAIT_MS);

async function checkins(b = bot): Promise<Checkin[]> {
  return b.db.checkins.recent(rel, 100);
}

/** Check-ins sent, as the program report counts them (the pair's tally). */
async function sentCount(): Promise<number> {
  return (await bot.db.tallies.forPairs([rel])).get(rel)?.checkinsSent ?? 0;
}

async function latestCheckin(): Promise<Checkin> {
  const [latest] = await checkins();
  if (!latest) throw new Error("no check-in stored");
  return latest;
}

function buttons(blocks: unknown): Array<{ actionId: string; value: string; text: string }> {
  const found: Array<{ actionId: string; value: string; text: string }> = [];
  for (const block of (blocks ?? []) as Array<{ elements?: Json[] }>) {
    for (const e of block.elements ?? []) {
      if (e.type === "button") {
        found.push({
          actionId: String(e.action_id),
          value: String(e.value),
          text: String((e.text as Json | undefined)?.text),
        });
      }
    }
  }
  return found;
}

/** Plans (first sweep), moves to the first slot and sweeps: the mentee's check-in, stored as sent. */
async function deliverFirstCheckin(): Promise<{ checkin: Checkin; dm: RecordedCall }> {
  await bot.sweepNow();
  expect((await bot.db.relationships.findById(rel))?.nextCheckinAt).toEqual(SLOT1);
  bot.clock.set(SLOT1);
  expect((await bot.sweepNow()).created).toBe(1);
  const [dm] = await waitForCount(() => checkinDms(), 1);
  await drained();
  const checkin = await latestCheckin();
  expect(checkin.status).toBe("sent");
  return { checkin, dm: dm as RecordedCall };
}

/** Clicks a check-in button as `userId` on the check-in message; returns the ephemeral reply. */
async function click(userId: string, actionId: string, dm: RecordedCall, value?: string) {
  const checkinId = buttons(dm.params.blocks).find((b) => b.actionId === actionId)?.value;
  const sent = await bot.slack.blockAction(userId, {
    actionId,
    value: value ?? checkinId ?? "",
    blockId: `checkin_${checkinId}`,
    message: { ts: String(dm.response.ts), channelId: String(dm.response.channel) },
  });
  expect(sent.status).toBe(200);
  return String((await bot.double.waitForResponse(sent.responseUrl)).text);
}

/** The instant of the first `<!date^SECONDS^…>` in a message. */
function slackDateIn(text: string): Date {
  const match = /<!date\^(\d+)\^/.exec(text);
  if (!match) throw new Error(`no Slack date in: ${text}`);
  return new Date(Number(match[1]) * 1000);
}

function expectInWorkingHours(instant: Date, zone: string): void {
  const local = dayjs(instant).tz(zone);
  expect(local.day(), `${local.format()} is a weekday`).toBeGreaterThanOrEqual(1);
  expect(local.day(), `${local.format()} is a weekday`).toBeLessThanOrEqual(5);
  const hour = local.hour() + local.minute() / 60;
  expect(hour, `${local.format()} is in working hours`).toBeGreaterThanOrEqual(9);
  expect(hour, `${local.format()} is in working hours`).toBeLessThan(18);
}

const option = (value: string) => ({
  value: { type: "static_select", selected_option: { value } },
});
const plainText = (value: string) => ({ value: { type: "plain_text_input", value } });

// ----------------------------------------------------------------------------------------------

describe("the schedule", () => {
  it("lets a program admin read a pair's schedule, naming both people", async () => {
    const reply = await say(PEOPLE.admin, `checkin ${at(PEOPLE.mentee)}`);
    expect(reply).toContain(`Check-ins with <@${PEOPLE.mentor}> and <@${PEOPLE.mentee}>`);
    // The admin reads the time in their own zone (Berlin): 10:00 in Kolkata is 05:30 there.
    expect(reply).toContain("Mon 30 Nov 2026, 05:30, Europe/Berlin");
    expect(await say(PEOPLE.other, `checkin ${at(PEOPLE.mentee)}`)).toContain("No roadmap found");
  });

  it("plans the first check-in on the first sweep: Monday 10:00 in the mentee's zone", async () => {
    // Before the sweep plans it, the reply already shows the slot it will pick.
    expect(await say(PEOPLE.mentee, "checkin")).toContain("Mon 30 Nov 2026, 10:00, Asia/Kolkata");

    const result = await bot.sweepNow();
    expect(result).toMatchObject({ scheduled: 1, created: 0 });
    const relationship = await bot.db.relationships.findById(rel);
    expect(relationship?.nextCheckinAt).toEqual(SLOT1);

    // Each reader sees the next check-in in their own zone.
    const toMentor = await say(PEOPLE.mentor, "checkin");
    expect(toMentor).toContain("every Monday at 10:00");
    expect(toMentor).toContain("(Asia/Kolkata)");
    expect(toMentor).toContain("Sun 29 Nov 2026, 23:30, America/New_York");
    expect(toMentor).toContain(`<!date^${SLOT1.getTime() / 1000}^`);
    const toMentee = await say(PEOPLE.mentee, "checkin");
    expect(toMentee).toContain("every Monday at 10:00");
    expect(toMentee).toContain("Mon 30 Nov 2026, 10:00, Asia/Kolkata");

    // Planning sends nothing, and a second sweep before the slot changes nothing.
    expect(await bot.sweepNow()).toMatchObject({ scheduled: 0, created: 0 });
    await drained();
    expect(checkinDms()).toEqual([]);
    expect(await checkins()).toEqual([]);
  });
});

describe("the check-in DM", () => {
  it("goes to the mentee once at the slot, with up to 3 open milestones and four buttons", async () => {
    await say(PEOPLE.mentee, "milestone add Finish the AWS certification by 2027-03-31");
    await say(PEOPLE.mentee, "milestone add Give a talk by 2027-01-15");
    await say(PEOPLE.mentee, "milestone add Mentor an intern by 2027-02-01");
    await say(PEOPLE.mentee, "milestone add Write a design doc");
    await say(PEOPLE.mentee, "milestone add Run a retro by 2027-05-01");
    expect(await say(PEOPLE.mentee, "done 2")).toContain("Give a talk");

    const { checkin, dm } = await deliverFirstCheckin();
    expect(checkinDms()).toHaveLength(1);
    expect(dm.params.channel).toBe(bot.double.dmChannelId(PEOPLE.mentee));
    const body = JSON.stringify(dm.params.blocks);
    expect(textOf(dm)).toContain(`Hi <@${PEOPLE.mentee}>`);
    expect(body).toContain("1. Finish the AWS certification*");
    expect(body).toContain("(due Wed 31 Mar 2027)");
    expect(body).toContain("3. Mentor an intern*");
    expect(body).toContain("(due Mon 1 Feb 2027)");
    expect(body).toContain("4. Write a design doc*");
    // The done one and the fourth open one are not listed.
    expect(body).not.toContain("Give a talk");
    expect(body).not.toContain("Run a retro");

    expect(buttons(dm.params.blocks)).toEqual([
      { actionId: "checkin.on_track", value: checkin.id, text: "On track" },
      { actionId: "checkin.need_help", value: checkin.id, text: "Need help" },
      { actionId: "checkin.log_progress", value: checkin.id, text: "Log progress" },
      { actionId: "checkin.snooze", value: checkin.id, text: "Snooze 1 day" },
    ]);
    expect(checkin).toMatchObject({
      relationshipId: rel,
      menteeId: PEOPLE.mentee,
      mentorId: PEOPLE.mentor,
      scheduledFor: SLOT1,
      sequence: 1,
      status: "sent",
      sentAt: SLOT1,
      message: { channel: String(dm.response.channel), ts: String(dm.response.ts) },
    });
    // The next one is planned a week on, still 10:00 in Kolkata.
    expect((await bot.db.relationships.findById(rel))?.nextCheckinAt).toEqual(SLOT2);

    // Sweeping again at the same time sends nothing more.
    expect(await bot.sweepNow()).toMatchObject({ created: 0 });
    bot.clock.advance(MINUTE);
    await bot.sweepNow();
    await drained();
    expect(checkinDms()).toHaveLength(1);
    expect(await checkins()).toHaveLength(1);
    // The mentor is not messaged about a check-in that nobody answered yet.
    expect(mentorAnswerDms()).toEqual([]);
    expect(reflectionDms()).toEqual([]);
  });
});

describe("answering with the buttons", () => {
  it("On track updates the message and tells the mentor once; a second click and the mentor are refused", async () => {
    await say(PEOPLE.mentee, "milestone add Finish the AWS certification by 2027-03-31");
    await say(PEOPLE.mentee, "milestone add Give a talk");
    const { checkin, dm } = await deliverFirstCheckin();

    // The mentor may not answer for the mentee.
    expect(await click(PEOPLE.mentor, "checkin.on_track", dm)).toContain(
      "Only the mentee it was sent to can answer it",
    );
    expect((await latestCheckin()).status).toBe("sent");

    expect(await click(PEOPLE.mentee, "checkin.on_track", dm)).toContain(
      "I've let your mentor know",
    );
    const update = await bot.double.waitFor("chat.update", () => true, WAIT_MS);
    expect(update.params).toMatchObject({
      channel: checkin.message?.channel,
      ts: checkin.message?.ts,
    });
    expect(textOf(update)).toContain("Check-in answered");
    expect(textOf(update)).toContain("On track");
    expect(buttons(update.params.blocks)).toEqual([]);

    const [toMentor] = await waitForCount(mentorAnswerDms, 1);
    expect(textOf(toMentor as RecordedCall)).toContain(
      `<@${PEOPLE.mentee}> answered their check-in`,
    );
    expect(textOf(toMentor as RecordedCall)).toContain("On track");
    const mentorBody = JSON.stringify((toMentor as RecordedCall).params.blocks);
    expect(mentorBody).toContain("Finish the AWS certification");
    expect(mentorBody).toContain("Give a talk");

    const stored = await latestCheckin();
    expect(stored).toMatchObject({
      status: "answered",
      answer: {
        kind: "on_track",
        by: PEOPLE.mentee,
        milestoneTitles: ["Finish the AWS certification", "Give a talk"],
      },
    });

    // Clicking again, either button, is answered kindly and tells nobody again.
    expect(await click(PEOPLE.mentee, "checkin.on_track", dm)).toContain("already been answered");
    expect(await click(PEOPLE.mentee, "checkin.need_help", dm)).toContain("already been answered");
    expect(await click(PEOPLE.mentor, "checkin.need_help", dm)).toContain(
      "Only the mentee it was sent to",
    );
    await drained();
    expect(mentorAnswerDms()).toHaveLength(1);
    expect(bot.double.calls("chat.update")).toHaveLength(1);
    expect((await latestCheckin()).answer?.kind).toBe("on_track");
  });

  it("Need help asks the mentor to reach out", async () => {
    await say(PEOPLE.mentee, "milestone add Give a talk");
    const { dm } = await deliverFirstCheckin();
    expect(await click(PEOPLE.mentee, "checkin.need_help", dm)).toContain(
      "asked your mentor to reach out",
    );
    const [toMentor] = await waitForCount(mentorAnswerDms, 1);
    expect(textOf(toMentor as RecordedCall)).toContain("*need help*");
    expect(textOf(toMentor as RecordedCall)).toContain("Please reach out to them soon");
    expect(JSON.stringify((toMentor as RecordedCall).params.blocks)).toContain("Give a talk");
    // The answered message names the answer as the button did.
    const update = await bot.double.waitFor("chat.update", () => true, WAIT_MS);
    expect(textOf(update)).toContain("Check-in answered: :sos: Need help");
    expect((await latestCheckin()).answer?.kind).toBe("need_help");
    await drained();
    expect(mentorAnswerDms()).toHaveLength(1);
  });

  it("refuses, politely, an answer to a check-in of a paused pair, and tells the mentor nothing", async () => {
    await say(PEOPLE.mentee, "milestone add Give a talk");
    const { dm } = await deliverFirstCheckin();
    const connection = await mongoose.createConnection(bot.config.mongodbUri).asPromise();
    try {
      await connection
        .collection("relationships")
        .updateOne({ _id: new mongoose.Types.ObjectId(rel) }, { $set: { status: "paused" } });
    } finally {
      await connection.close();
    }
    for (const action of ["checkin.on_track", "checkin.need_help", "checkin.snooze"]) {
      expect(await click(PEOPLE.mentee, action, dm)).toContain("This mentorship is paused");
    }
    expect((await latestCheckin()).status).toBe("sent");
    await drained();
    expect(mentorAnswerDms()).toEqual([]);
  });

  it("tells the mentor even when Slack refuses for good to update the mentee's message", async () => {
    const { dm } = await deliverFirstCheckin();
    // The mentee deleted the check-in message: its update can never succeed.
    bot.double.failNext("chat.update", { error: "message_not_found" }, 10);
    expect(await click(PEOPLE.mentee, "checkin.need_help", dm)).toContain(
      "asked your mentor to reach out",
    );
    const [toMentor] = await waitForCount(mentorAnswerDms, 1);
    expect(textOf(toMentor as RecordedCall)).toContain("*need help*");
    await drained();
    // The edit is only cosmetic: its refusal fails nothing, and the answer counts as announced.
    await expect.poll(async () => (await latestCheckin()).announcedAt).toBeInstanceOf(Date);
    expect(bot.double.calls("chat.update").filter((c) => c.failed)).toHaveLength(1);
    bot.double.stopFailing("chat.update");
    expect(bot.logs.some((l) => l.msg === "job failed for good")).toBe(false);
    expect(mentorAnswerDms()).toHaveLength(1);
  });

  it("tells the pair's mentor of now, even when the check-in still names the one before", async () => {
    const newMentor = "UNEWMENT1";
    bot.double.addUser({ id: newMentor, name: "nina", realName: "Nina New", tz: "Europe/London" });
    const { dm } = await deliverFirstCheckin();
    expect(await say(PEOPLE.admin, `reassign ${at(PEOPLE.mentee)} ${at(newMentor)}`)).toContain(
      "now continues with",
    );
    await drained();
    // A sweep that read the pair just before the reassignment made this check-in afterwards:
    // the reassignment's move of open check-ins did not reach it.
    const connection = await mongoose.createConnection(bot.config.mongodbUri).asPromise();
    try {
      await connection
        .collection("checkins")
        .updateOne(
          { _id: new mongoose.Types.ObjectId((await latestCheckin()).id) },
          { $set: { mentorId: PEOPLE.mentor } },
        );
    } finally {
      await connection.close();
    }
    expect(await click(PEOPLE.mentee, "checkin.on_track", dm)).toContain(
      "I've let your mentor know",
    );
    const answered = (c: RecordedCall) => textOf(c).includes("answered their check-in");
    await waitForCount(() => bot.double.dmsTo(newMentor).filter(answered), 1);
    await drained();
    expect(mentorAnswerDms()).toEqual([]);
  });

  it("refuses a made-up check-in id", async () => {
    const { dm } = await deliverFirstCheckin();
    expect(
      await click(PEOPLE.mentee, "checkin.on_track", dm, "000000000000000000000000"),
    ).toContain("couldn't find that check-in");
    expect(await click(PEOPLE.mentee, "checkin.snooze", dm, '{"$gt":""}')).toContain(
      "couldn't find that check-in",
    );
    expect((await latestCheckin()).status).toBe("sent");
  });
});

describe("Log progress", () => {
  it.each([
    ["done", "done"],
    [null, "in_progress"],
  ] as const)(
    "status %s: logs on the roadmap, stores the answer and tells the mentor the note",
    async (status, expected) => {
      await say(PEOPLE.mentee, "milestone add Finish the AWS certification by 2027-03-31");
      await say(PEOPLE.mentee, "milestone add Give a talk");
      const { checkin, dm } = await deliverFirstCheckin();

      const sent = await bot.slack.blockAction(PEOPLE.mentee, {
        actionId: "checkin.log_progress",
        value: checkin.id,
        message: { ts: String(dm.response.ts), channelId: String(dm.response.channel) },
      });
      expect(sent.status).toBe(200);
      const open = await bot.double.waitFor("views.open", () => true, WAIT_MS);
      const view = open.params.view as Json;
      expect(view).toMatchObject({ callback_id: "checkin.progress", private_metadata: checkin.id });
      expect((view.blocks as Json[]).map((b) => b.block_id)).toEqual([
        "milestone",
        "note",
        "status",
      ]);
      expect(JSON.stringify(view.blocks)).toContain("1. Finish the AWS certification");
      const firstMilestoneId = (await bot.db.milestones.list(rel))[0]?.id ?? "";

      // Too long a note: the modal shows the error on the note field, and nothing is written.
      const invalid = await bot.slack.viewSubmission(PEOPLE.mentee, {
        callbackId: "checkin.progress",
        values: { milestone: option(firstMilestoneId), note: plainText("x".repeat(2001)) },
      });
      expect(invalid.status).toBe(200);
      expect(invalid.json).toMatchObject({
        response_action: "errors",
        errors: { note: expect.any(String) },
      });
      expect(String((invalid.json as { errors: Json }).errors.note)).toContain("2000");
      expect((await bot.db.milestones.list(rel)).map((m) => m.status)).toEqual([
        "planned",
        "planned",
      ]);
      expect(await bot.db.progress.listForRelationship(rel)).toEqual([]);
      expect((await latestCheckin()).status).toBe("sent");

      const note = "Booked the exam for June.\nBlocked on the lab budget.";
      const valid = await bot.slack.viewSubmission(PEOPLE.mentee, {
        callbackId: "checkin.progress",
        values: {
          milestone: option(firstMilestoneId),
          note: plainText(note),
          ...(status ? { status: option(status) } : {}),
        },
      });
      expect(valid.status).toBe(200);
      expect(valid.json).toBeUndefined();

      const [first] = await bot.db.milestones.list(rel);
      expect(first).toMatchObject({ title: "Finish the AWS certification", status: expected });
      const progress = await bot.db.progress.listForRelationship(rel);
      expect(progress).toHaveLength(1);
      expect(progress[0]).toMatchObject({ authorId: PEOPLE.mentee, text: note });

      const [toMentor] = await waitForCount(mentorAnswerDms, 1);
      const body = JSON.stringify((toMentor as RecordedCall).params.blocks);
      expect(textOf(toMentor as RecordedCall)).toContain("Logged progress");
      expect(body).toContain("Booked the exam for June.");
      expect(body).toContain("Blocked on the lab budget.");
      expect(body).toContain("Finish the AWS certification");
      if (status === "done") expect(body).toContain("(reached!)");
      const stored = await latestCheckin();
      expect(stored).toMatchObject({ status: "answered", answer: { kind: "progress", note } });
      const update = await bot.double.waitFor("chat.update", () => true, WAIT_MS);
      expect(update.params).toMatchObject({
        channel: checkin.message?.channel,
        ts: checkin.message?.ts,
      });

      // The modal cannot answer twice.
      const again = await bot.slack.viewSubmission(PEOPLE.mentee, {
        callbackId: "checkin.progress",
        privateMetadata: checkin.id,
        values: { milestone: option("2"), note: plainText("Again") },
      });
      expect(again.json).toMatchObject({ response_action: "errors" });
      await drained();
      expect(await bot.db.progress.listForRelationship(rel)).toHaveLength(1);
      expect(mentorAnswerDms()).toHaveLength(1);
    },
  );
});

describe("Log progress on a milestone marked reached meanwhile", () => {
  it("keeps the note, and tells the mentor it was reached already", async () => {
    await say(PEOPLE.mentee, "milestone add Finish the AWS certification");
    await say(PEOPLE.mentee, "milestone add Give a talk");
    const { checkin } = await deliverFirstCheckin();
    const talk = (await bot.db.milestones.list(rel))[1]?.id ?? "";
    // The mentor marks #2 reached while the mentee's form (listing it open) is on screen.
    await say(PEOPLE.mentor, "done 2");
    bot.clock.advance(MINUTE);
    const submitted = await bot.slack.viewSubmission(PEOPLE.mentee, {
      callbackId: "checkin.progress",
      privateMetadata: checkin.id,
      values: {
        milestone: option(talk),
        note: plainText("Gave it at the meetup"),
        status: option("done"),
      },
    });
    expect(submitted.json).toBeUndefined();
    const notes = await bot.db.progress.listForRelationship(rel);
    expect(notes.map((n) => [n.authorId, n.text])).toContainEqual([
      PEOPLE.mentee,
      "Gave it at the meetup",
    ]);
    expect((await bot.db.milestones.list(rel))[1]).toMatchObject({
      status: "done",
      latestNote: { text: "Gave it at the meetup" },
    });
    const [toMentor] = await waitForCount(mentorAnswerDms, 1);
    const body = JSON.stringify((toMentor as RecordedCall).params.blocks);
    expect(body).toContain("Give a talk (already reached)");
    expect(body).not.toContain("(reached!)");
    expect(body).toContain("Gave it at the meetup");
  });
});

describe("the progress form submitted twice at once", () => {
  it("logs the progress once, answers once, and tells the mentor once", async () => {
    await say(PEOPLE.mentee, "milestone add Finish the AWS certification");
    const { checkin } = await deliverFirstCheckin();
    const milestoneId = (await bot.db.milestones.list(rel))[0]?.id ?? "";
    const submit = () =>
      bot.slack.viewSubmission(PEOPLE.mentee, {
        callbackId: "checkin.progress",
        privateMetadata: checkin.id,
        values: { milestone: option(milestoneId), note: plainText("Booked the exam") },
      });
    const replies = await Promise.all([submit(), submit()]);
    expect(replies.filter((r) => r.json === undefined)).toHaveLength(1);
    expect(replies.filter((r) => r.json !== undefined)[0]?.json).toMatchObject({
      response_action: "errors",
    });
    await waitForCount(mentorAnswerDms, 1);
    await drained();
    expect(await bot.db.progress.listForRelationship(rel)).toHaveLength(1);
    expect(mentorAnswerDms()).toHaveLength(1);
  });
});

describe("a check-in that was skipped", () => {
  it("takes no answer from the progress form, and its note is not written", async () => {
    await say(PEOPLE.mentee, "milestone add Finish the AWS certification");
    const { checkin } = await deliverFirstCheckin();
    await bot.db.checkins.transition(checkin.id, ["sent"], "skipped");
    const milestoneId = (await bot.db.milestones.list(rel))[0]?.id ?? "";
    const submitted = await bot.slack.viewSubmission(PEOPLE.mentee, {
      callbackId: "checkin.progress",
      privateMetadata: checkin.id,
      values: { milestone: option(milestoneId), note: plainText("Booked the exam") },
    });
    expect(submitted.json).toMatchObject({ response_action: "errors" });
    await drained();
    expect(await bot.db.progress.listForRelationship(rel)).toEqual([]);
    expect((await bot.db.checkins.findById(checkin.id))?.status).toBe("skipped");
  });
});

describe("Snooze 1 day", () => {
  it("replaces the reminder by one a day later, in the mentee's working hours", async () => {
    const { dm } = await deliverFirstCheckin();
    // Clicked at 18:00 in Kolkata: a day later is after hours, so the reminder waits for 09:00.
    bot.clock.set("2026-11-30T12:30:00Z");
    const reply = await click(PEOPLE.mentee, "checkin.snooze", dm);
    expect(reply).toContain("Snoozed. I'll remind you");
    const remindAt = slackDateIn(reply);
    expect(remindAt).toEqual(new Date("2026-12-02T03:30:00Z")); // Wed 09:00 in Kolkata
    expectInWorkingHours(remindAt, "Asia/Kolkata");
    expect((await latestCheckin()).remindAt).toEqual(remindAt);

    // The original reminder time (24 h after sending) brings nothing now.
    bot.clock.set(new Date(SLOT1.getTime() + DAY));
    expect((await bot.sweepNow()).reminders).toBe(0);
    bot.clock.set(new Date(remindAt.getTime() - MINUTE));
    expect((await bot.sweepNow()).reminders).toBe(0);
    await drained();
    expect(reminderDms()).toEqual([]);

    bot.clock.set(new Date(remindAt.getTime() + MINUTE));
    expect((await bot.sweepNow()).reminders).toBe(1);
    const [reminder] = await waitForCount(reminderDms, 1);
    expect(buttons((reminder as RecordedCall).params.blocks).map((b) => b.actionId)).toEqual([
      "checkin.on_track",
      "checkin.need_help",
      "checkin.log_progress",
      "checkin.snooze",
    ]);
    await drained();
    await bot.sweepNow();
    await drained();
    expect(reminderDms()).toHaveLength(1);
    expect(checkinDms()).toHaveLength(1);
  });
});

describe("unanswered check-ins", () => {
  it("get one reminder in working hours, are marked missed a day later, and three misses tell everyone once", async () => {
    // Friday 17:30 in Kolkata: 24 hours later is a Saturday, so the reminder waits for Monday.
    expect(await say(PEOPLE.mentee, "checkin every weekly fri 17:30")).toContain(
      "every Friday at 17:30",
    );
    const firstSlot = new Date("2026-11-27T12:00:00Z");
    expect((await bot.db.relationships.findById(rel))?.nextCheckinAt).toEqual(firstSlot);
    const streakDms = () => [
      ...dmsContaining(PEOPLE.mentee, "went unanswered"),
      ...dmsContaining(PEOPLE.mentor, "hasn't answered the last 3"),
      ...dmsContaining(PEOPLE.admin, "Heads-up"),
    ];

    for (let week = 0; week < 3; week++) {
      const slot = new Date(firstSlot.getTime() + week * 7 * DAY);
      bot.clock.set(slot);
      expect((await bot.sweepNow()).created).toBe(1);
      await waitForCount(() => checkinDms(), week + 1);
      await drained();
      // Sending reads no calendar: the reminder is due a day later, a Saturday...
      expect((await latestCheckin()).remindAt).toEqual(new Date(slot.getTime() + DAY));
      const monday0900 = new Date(slot.getTime() + 2 * DAY + 15 * HOUR + 30 * MINUTE);

      // ...and the sweep that finds it due, outside working hours, moves it to Monday 09:00.
      bot.clock.set(new Date(slot.getTime() + DAY));
      expect((await bot.sweepNow()).reminders).toBe(0);
      expect((await latestCheckin()).remindAt).toEqual(monday0900);
      expectInWorkingHours(monday0900, "Asia/Kolkata");
      bot.clock.set(new Date(monday0900.getTime() - MINUTE));
      expect((await bot.sweepNow()).reminders).toBe(0);

      bot.clock.set(monday0900);
      expect((await bot.sweepNow()).reminders).toBe(1);
      await waitForCount(reminderDms, week + 1);
      await drained();
      bot.clock.advance(HOUR);
      await bot.sweepNow();
      await drained();
      expect(reminderDms()).toHaveLength(week + 1);
      expect((await latestCheckin()).status).toBe("sent");

      // A day after the reminder: missed.
      bot.clock.set(new Date(monday0900.getTime() + DAY - MINUTE));
      expect((await bot.sweepNow()).missed).toBe(0);
      bot.clock.set(new Date(monday0900.getTime() + DAY));
      expect((await bot.sweepNow()).missed).toBe(1);
      expect((await latestCheckin()).status).toBe("missed");
      await drained();
      if (week < 2) expect(streakDms()).toEqual([]);
    }

    await waitForCount(streakDms, 3);
    await drained();
    await bot.sweepNow();
    await drained();
    expect(dmsContaining(PEOPLE.mentee, "The last 3 check-ins went unanswered")).toHaveLength(1);
    expect(
      dmsContaining(PEOPLE.mentor, `<@${PEOPLE.mentee}> hasn't answered the last 3`),
    ).toHaveLength(1);
    expect(dmsContaining(PEOPLE.admin, "Heads-up")).toHaveLength(1);
    expect((await checkins()).map((c) => c.status)).toEqual(["missed", "missed", "missed"]);
    // Marked by the alarm's job once it ran: the sweep queues it no more.
    expect((await checkins()).every((c) => c.streakCheckedAt)).toBe(true);
    expect(checkinDms()).toHaveLength(3);
    expect(reminderDms()).toHaveLength(3);

    // The fourth check-in also asks the mentor to reflect; missing it does not repeat the alarm.
    const fourth = new Date(firstSlot.getTime() + 3 * 7 * DAY);
    bot.clock.set(fourth);
    await bot.sweepNow();
    await waitForCount(() => checkinDms(), 4);
    await waitForCount(reflectionDms, 1);
    bot.clock.set(new Date(fourth.getTime() + 2 * DAY + 15 * HOUR + 30 * MINUTE));
    await bot.sweepNow();
    await waitForCount(reminderDms, 4);
    await drained();
    bot.clock.advance(DAY);
    expect((await bot.sweepNow()).missed).toBe(1);
    await drained();
    expect(streakDms()).toHaveLength(3);
  });
});

describe("a check-in reminded on Friday afternoon", () => {
  it("is still open on the weekend, and missed only after a working day on Monday", async () => {
    // Thursday 16:00 in Kolkata: sent Thursday, reminded Friday 16:00, two working hours left.
    await say(PEOPLE.mentee, "checkin every weekly thu 16:00");
    const slot = new Date("2026-11-26T10:30:00Z");
    bot.clock.set(slot);
    expect((await bot.sweepNow()).created).toBe(1);
    await waitForCount(() => checkinDms(), 1);
    await drained();
    bot.clock.set(new Date(slot.getTime() + DAY));
    expect((await bot.sweepNow()).reminders).toBe(1);
    await waitForCount(reminderDms, 1);
    await drained();

    // Saturday 16:00, a day after the reminder: not missed.
    bot.clock.set(new Date(slot.getTime() + 2 * DAY));
    expect((await bot.sweepNow()).missed).toBe(0);
    expect((await latestCheckin()).status).toBe("sent");
    // Monday 16:00: Friday's two hours and Monday's seven make a working day.
    const monday1600 = new Date("2026-11-30T10:30:00Z");
    expect((await latestCheckin()).missAt).toEqual(monday1600);
    bot.clock.set(new Date(monday1600.getTime() - MINUTE));
    expect((await bot.sweepNow()).missed).toBe(0);
    bot.clock.set(monday1600);
    expect((await bot.sweepNow()).missed).toBe(1);
    expect((await latestCheckin()).status).toBe("missed");
  });
});

describe("pausing after two misses", () => {
  it("stops the reminder and the miss of the check-in already sent: no three-in-a-row alarm", async () => {
    const streakDms = () => [
      ...dmsContaining(PEOPLE.mentee, "went unanswered"),
      ...dmsContaining(PEOPLE.mentor, "hasn't answered the last 3"),
      ...dmsContaining(PEOPLE.admin, "Heads-up"),
    ];
    await bot.sweepNow();
    for (let week = 0; week < 3; week++) {
      const slot = new Date(SLOT1.getTime() + week * 7 * DAY);
      bot.clock.set(slot);
      expect((await bot.sweepNow()).created).toBe(1);
      await waitForCount(() => checkinDms(), week + 1);
      await drained();
      if (week === 2) break;
      // Monday's check-in: reminded Tuesday, missed Wednesday (in working hours in Kolkata).
      bot.clock.set(new Date(slot.getTime() + DAY));
      expect((await bot.sweepNow()).reminders).toBe(1);
      await waitForCount(reminderDms, week + 1);
      await drained();
      bot.clock.set(new Date(slot.getTime() + 2 * DAY));
      expect((await bot.sweepNow()).missed).toBe(1);
      await drained();
    }
    expect((await checkins()).map((c) => c.status)).toEqual(["sent", "missed", "missed"]);

    expect(await say(PEOPLE.mentee, "checkin pause")).toContain("paused");
    for (let day = 1; day <= 3; day++) {
      bot.clock.set(new Date(SLOT1.getTime() + 14 * DAY + day * DAY));
      expect(await bot.sweepNow()).toMatchObject({ reminders: 0, missed: 0 });
      await drained();
    }
    expect(reminderDms()).toHaveLength(2);
    expect(streakDms()).toEqual([]);
    expect((await latestCheckin()).status).toBe("sent");
  });
});

describe("a check-in snoozed after its pair paused check-ins", () => {
  it("gets no reminder when the snooze ends, and is not missed", async () => {
    const { dm } = await deliverFirstCheckin();
    expect(await say(PEOPLE.mentee, "checkin pause")).toContain("paused");
    // Its buttons are still there: a snooze puts it back in line for a reminder.
    const remindAt = slackDateIn(await click(PEOPLE.mentee, "checkin.snooze", dm));
    bot.clock.set(new Date(remindAt.getTime() + MINUTE));
    await bot.sweepNow();
    await drained();
    bot.clock.advance(2 * DAY);
    expect((await bot.sweepNow()).missed).toBe(0);
    await drained();
    expect(reminderDms()).toEqual([]);
    expect((await latestCheckin()).status).toBe("sent");
  });
});

describe("two-way check-ins", () => {
  it("every fourth check-in also sends the mentor a reflection prompt", async () => {
    for (let n = 1; n <= 4; n++) {
      expect(await say(PEOPLE.mentee, "checkin now")).toContain("Sending a check-in right now");
      await waitForCount(() => checkinDms(), n);
      await drained();
      expect(reflectionDms()).toHaveLength(n === 4 ? 1 : 0);
      bot.clock.advance(MINUTE);
    }
    const [reflection] = reflectionDms();
    expect(textOf(reflection as RecordedCall)).toContain(`mentoring <@${PEOPLE.mentee}>`);
    expect(JSON.stringify((reflection as RecordedCall).params.blocks)).toContain(
      "What have you learned from them lately?",
    );
    expect((await checkins()).map((c) => c.sequence)).toEqual([4, 3, 2, 1]);
  });
  it("a reflection prompt that Slack refused at first is still sent, once", async () => {
    await threeCheckins();
    // The moment the fourth check-in reaches Slack, the next message (the reflection) gets a 503.
    const fourth = failAfterFourthCheckin(1);
    await say(PEOPLE.mentee, "checkin now");
    await fourth;
    await waitForCount(reflectionDms, 1);
    await drained();
    expect(bot.double.calls("chat.postMessage").filter((c) => c.failed)).toHaveLength(1);
    expect(reflectionDms()).toHaveLength(1);
    expect(checkinDms()).toHaveLength(4);
  });
  it("a reflection prompt whose send job Redis lost is sent by a sweep a few minutes later, once", async () => {
    await threeCheckins();
    // From the moment the fourth check-in reaches Slack, Slack fails until the send job (its
    // prompt still to go) is in backoff; then Redis loses the job.
    const fourth = failAfterFourthCheckin(100);
    await say(PEOPLE.mentee, "checkin now");
    await fourth;
    await until(() => bot.logs.some((l) => l.msg === "job failed, will retry"));
    expect(await wipeQueues()).toBeGreaterThan(0);
    bot.double.stopFailing("chat.postMessage");
    await drained();
    expect(checkinDms()).toHaveLength(4);
    expect(reflectionDms()).toEqual([]);

    // Its own job may still be on its way a moment after the check-in: the sweep waits a while.
    const atOnce = await bot.sweepNow();
    bot.clock.advance(5 * MINUTE);
    const later = await bot.sweepNow();
    const [reflection] = await waitForCount(reflectionDms, 1);
    expect(textOf(reflection as RecordedCall)).toContain(`mentoring <@${PEOPLE.mentee}>`);
    expect(atOnce.reflectionsResent).toBe(0);
    expect(later.reflectionsResent).toBe(1);
    await drained();
    bot.clock.advance(HOUR);
    expect((await bot.sweepNow()).reflectionsResent).toBe(0);
    await drained();
    expect(reflectionDms()).toHaveLength(1);
  });
  it("a reflection prompt that both its send job and a sweep send goes out once", async () => {
    await threeCheckins();
    // The prompt fails once; while the send job waits to try again, a sweep finds it owed.
    const fourth = failAfterFourthCheckin(1);
    await say(PEOPLE.mentee, "checkin now");
    await fourth;
    await until(() => bot.logs.some((l) => l.msg === "job failed, will retry"));
    bot.clock.advance(5 * MINUTE);
    expect((await bot.sweepNow()).reflectionsResent).toBe(1);
    await waitForCount(reflectionDms, 1);
    // The send job's retry has run too.
    await drained();
    expect(reflectionDms()).toHaveLength(1);
    bot.clock.advance(HOUR);
    expect((await bot.sweepNow()).reflectionsResent).toBe(0);
    await drained();
    expect(reflectionDms()).toHaveLength(1);
    expect(checkinDms()).toHaveLength(4);
  });
});

/** Three check-ins asked for with `checkin now`, a minute apart, all delivered. */
async function threeCheckins(): Promise<void> {
  for (let n = 1; n <= 3; n++) {
    await say(PEOPLE.mentee, "checkin now");
    await waitForCount(() => checkinDms(), n);
    bot.clock.advance(MINUTE);
  }
  await drained();
}

/** Once the fourth check-in reaches Slack, the next `times` messages (its prompt first) get a 503. */
function failAfterFourthCheckin(times: number): Promise<RecordedCall> {
  return bot.double.waitFor(
    "chat.postMessage",
    (c) => {
      if (c.failed || checkinDms().length < 4) return false;
      bot.double.failNext("chat.postMessage", { status: 503 }, times);
      return true;
    },
    WAIT_MS,
  );
}

describe("/mentor checkin commands", () => {
  it("a new time on the day of a check-in starts next week; a biweekly's new time keeps its weeks", async () => {
    await deliverFirstCheckin();
    bot.clock.set(new Date(SLOT1.getTime() + 30 * MINUTE));
    // Monday 10:30 in Kolkata, the 10:00 check-in sent: 11:00 today would be a second one.
    expect(await say(PEOPLE.mentee, "checkin every weekly 11:00")).toContain(
      "Mon 7 Dec 2026, 11:00",
    );
    expect((await bot.db.relationships.findById(rel))?.nextCheckinAt).toEqual(
      new Date(SLOT2.getTime() + HOUR),
    );

    expect(await say(PEOPLE.mentee, "checkin every biweekly thu 16:00")).toContain(
      "Thu 10 Dec 2026, 16:00",
    );
    bot.clock.set("2026-12-10T10:30:00Z");
    expect((await bot.sweepNow()).created).toBe(1);
    await waitForCount(() => checkinDms(), 2);
    // The next day, only the time changes: still every other Thursday from the 10th.
    bot.clock.set("2026-12-11T04:00:00Z");
    expect(await say(PEOPLE.mentee, "checkin every biweekly 17:00")).toContain(
      "Thu 24 Dec 2026, 17:00",
    );
    bot.clock.set("2026-12-17T11:30:00Z");
    expect((await bot.sweepNow()).created).toBe(0);
    await drained();
    expect(checkinDms()).toHaveLength(2);
  });

  it("every biweekly thu 16:00 sets the cadence, and every other Thursday follows", async () => {
    const reply = await say(PEOPLE.mentee, "checkin every biweekly thu 16:00");
    expect(reply).toContain("Check-in schedule updated");
    expect(reply).toContain("every other Thursday at 16:00");
    expect(reply).toContain("Thu 26 Nov 2026, 16:00, Asia/Kolkata");
    const relationship = await bot.db.relationships.findById(rel);
    expect(relationship?.cadence).toMatchObject({
      frequency: "biweekly",
      weekday: 4,
      time: "16:00",
    });
    const thursday = new Date("2026-11-26T10:30:00Z");
    expect(relationship?.nextCheckinAt).toEqual(thursday);
    expect(await say(PEOPLE.mentor, "checkin")).toContain(
      "Thu 26 Nov 2026, 05:30, America/New_York",
    );

    bot.clock.set(thursday);
    expect((await bot.sweepNow()).created).toBe(1);
    await waitForCount(() => checkinDms(), 1);
    // Two weeks on, not one.
    expect((await bot.db.relationships.findById(rel))?.nextCheckinAt).toEqual(
      new Date("2026-12-10T10:30:00Z"),
    );
    bot.clock.set("2026-12-03T10:30:00Z");
    expect((await bot.sweepNow()).created).toBe(0);
    bot.clock.set("2026-12-10T10:30:00Z");
    expect((await bot.sweepNow()).created).toBe(1);
    await waitForCount(() => checkinDms(), 2);
    await drained();
    expect(checkinDms()).toHaveLength(2);
  });

  it.each([
    ["every daily", /How often\? Say weekly, biweekly or monthly/],
    ["every weekly funday", /`funday` isn't a day/],
    ["every weekly monkey 09:00", /`monkey` isn't a day/],
    ["every weekly mon 25:00", /`25:00` isn't a time/],
    ["every", /How often\?/],
    ["every weekly mon 09:00 please", /I didn't understand `please`/],
  ])("refuses `checkin %s` and writes nothing", async (text, expected) => {
    await bot.sweepNow();
    const before = await bot.db.relationships.findById(rel);
    expect(await say(PEOPLE.mentee, `checkin ${text}`)).toMatch(expected);
    expect(await bot.db.relationships.findById(rel)).toEqual(before);
    expect(before?.cadence).toBeNull();
    const audit = await bot.db.audit.listFor(rel);
    expect(audit.filter((a) => a.action.startsWith("checkin."))).toEqual([]);
  });

  it("pause stops check-ins until resume", async () => {
    await bot.sweepNow();
    expect(await say(PEOPLE.mentee, "checkin pause")).toContain("Check-ins are paused");
    expect(await bot.db.relationships.findById(rel)).toMatchObject({
      checkinsPaused: true,
      nextCheckinAt: null,
    });
    expect(await say(PEOPLE.mentor, "checkin")).toContain("They are paused");

    bot.clock.set(SLOT1);
    await bot.sweepNow();
    bot.clock.set(SLOT2);
    await bot.sweepNow();
    await drained();
    expect(checkinDms()).toEqual([]);
    expect(await checkins()).toEqual([]);

    bot.clock.set(new Date(SLOT2.getTime() + HOUR));
    const SLOT3 = new Date(SLOT2.getTime() + 7 * DAY);
    const resumed = await say(PEOPLE.mentee, "checkin resume");
    expect(resumed).toContain("Check-ins are back on");
    expect(resumed).toContain("Mon 14 Dec 2026, 10:00");
    expect(await bot.db.relationships.findById(rel)).toMatchObject({
      checkinsPaused: false,
      nextCheckinAt: SLOT3,
    });
    bot.clock.set(SLOT3);
    expect((await bot.sweepNow()).created).toBe(1);
    await waitForCount(() => checkinDms(), 1);
  });

  it("resume after a new time set while paused does not send a second check-in that day", async () => {
    await deliverFirstCheckin();
    // Monday 10:30 in Kolkata, the 10:00 check-in sent: paused, moved to 15:00, resumed.
    bot.clock.set(new Date(SLOT1.getTime() + 30 * MINUTE));
    await say(PEOPLE.mentee, "checkin pause");
    await say(PEOPLE.mentee, "checkin every weekly 15:00");
    expect(await say(PEOPLE.mentee, "checkin resume")).toContain("Mon 7 Dec 2026, 15:00");
    expect((await bot.db.relationships.findById(rel))?.nextCheckinAt).toEqual(
      new Date(SLOT2.getTime() + 5 * HOUR),
    );
    bot.clock.set(new Date(SLOT1.getTime() + 5 * HOUR));
    expect((await bot.sweepNow()).created).toBe(0);
    await drained();
    expect(checkinDms()).toHaveLength(1);
  });

  it("skip skips the next check-in only; the one after is sent", async () => {
    // Even before the first sweep has planned it, the coming slot can be skipped.
    const reply = await say(PEOPLE.mentee, "checkin skip");
    expect(reply).toContain("Skipped the check-in of");
    expect(reply).toContain("Mon 30 Nov 2026, 10:00");
    expect(reply).toContain("Next:");
    expect(reply).toContain("Mon 7 Dec 2026, 10:00");
    expect((await bot.db.relationships.findById(rel))?.nextCheckinAt).toEqual(SLOT2);
    await bot.sweepNow();
    expect((await bot.db.relationships.findById(rel))?.nextCheckinAt).toEqual(SLOT2);

    bot.clock.set(SLOT1);
    expect((await bot.sweepNow()).created).toBe(0);
    await drained();
    expect(checkinDms()).toEqual([]);

    bot.clock.set(SLOT2);
    expect((await bot.sweepNow()).created).toBe(1);
    await waitForCount(() => checkinDms(), 1);
    await drained();
    expect((await checkins()).map((c) => c.scheduledFor)).toEqual([SLOT2]);
    expect((await bot.db.relationships.findById(rel))?.nextCheckinAt).toEqual(
      new Date(SLOT2.getTime() + 7 * DAY),
    );
  });

  it("resume when not paused changes nothing: a skip stands", async () => {
    await say(PEOPLE.mentee, "checkin skip");
    expect((await bot.db.relationships.findById(rel))?.nextCheckinAt).toEqual(SLOT2);
    const reply = await say(PEOPLE.mentee, "checkin resume");
    expect(reply).toContain("Check-ins weren't paused, so nothing changed.");
    expect(reply).toContain("Mon 7 Dec 2026, 10:00");
    expect((await bot.db.relationships.findById(rel))?.nextCheckinAt).toEqual(SLOT2);
    const audit = await bot.db.audit.listFor(rel);
    expect(audit.map((a) => a.action)).not.toContain("checkin.resumed");
  });

  it("now sends a check-in right away; repeating it in the same minute sends one", async () => {
    const [first, second] = await Promise.all([
      say(PEOPLE.mentee, "checkin now"),
      say(PEOPLE.mentor, "checkin now"),
    ]);
    expect(first).toContain("Sending a check-in right now");
    expect(second).toContain("Sending a check-in right now");
    await waitForCount(() => checkinDms(), 1);
    bot.clock.advance(20_000); // same minute
    await say(PEOPLE.mentee, "checkin now");
    await drained();
    expect(checkinDms()).toHaveLength(1);
    expect(await checkins()).toHaveLength(1);
    expect((await latestCheckin()).status).toBe("sent");
    // While check-ins are paused, asking for one still sends it.
    await say(PEOPLE.mentee, "checkin pause");
    bot.clock.advance(MINUTE);
    expect(await say(PEOPLE.mentee, "checkin now")).toContain("Sending a check-in right now");
    await waitForCount(() => checkinDms(), 2);
    await drained();
    expect((await latestCheckin()).status).toBe("sent");
    // Someone outside the pair cannot.
    expect(await say(PEOPLE.other, "checkin now")).toMatch(/^No roadmap found/);
  });
});

describe("catch-up after downtime", () => {
  it("more than a period late: sends nothing for the stale slot and plans the next one", async () => {
    await bot.sweepNow();
    const late = new Date(SLOT1.getTime() + 21 * DAY + HOUR);
    bot.clock.set(late);
    const result = await bot.sweepNow();
    expect(result).toMatchObject({ created: 0, caughtUp: 1 });
    const next = (await bot.db.relationships.findById(rel))?.nextCheckinAt;
    expect(next).toEqual(new Date(SLOT1.getTime() + 28 * DAY));
    expect(next && next.getTime() > late.getTime()).toBe(true);
    await bot.sweepNow();
    await drained();
    expect(checkinDms()).toEqual([]);
    expect(await checkins()).toEqual([]);
  });

  it("two days late: exactly one check-in is sent, then the schedule moves on", async () => {
    await bot.sweepNow();
    bot.clock.set(new Date(SLOT1.getTime() + 2 * DAY));
    expect((await bot.sweepNow()).created).toBe(1);
    await waitForCount(() => checkinDms(), 1);
    await bot.sweepNow();
    await drained();
    expect(checkinDms()).toHaveLength(1);
    expect((await checkins()).map((c) => c.scheduledFor)).toEqual([SLOT1]);
    expect((await bot.db.relationships.findById(rel))?.nextCheckinAt).toEqual(SLOT2);
  });
});

describe("App Home", () => {
  it("shows the next check-in and the latest answers", async () => {
    const { dm } = await deliverFirstCheckin();
    await click(PEOPLE.mentee, "checkin.on_track", dm);
    await waitForCount(mentorAnswerDms, 1);

    const sent = await bot.slack.event({
      type: "app_home_opened",
      user: PEOPLE.mentee,
      channel: bot.double.dmChannelId(PEOPLE.mentee),
      tab: "home",
      event_ts: "1700000000.000100",
    });
    expect(sent.status).toBe(200);
    const publish = await bot.double.waitFor(
      "views.publish",
      (c) => c.params.user_id === PEOPLE.mentee,
      WAIT_MS,
    );
    const home = JSON.stringify(publish.params.view);
    expect(home).toContain("Next check-in");
    expect(home).toContain(`<!date^${SLOT2.getTime() / 1000}^`);
    expect(home).toContain("Latest check-in answers");
    expect(home).toContain("On track");
  });
});

describe("exactly once", () => {
  it("two simultaneous presses of On track: one is thanked, the other told it was answered", async () => {
    const { dm } = await deliverFirstCheckin();
    const replies = await Promise.all([
      click(PEOPLE.mentee, "checkin.on_track", dm),
      click(PEOPLE.mentee, "checkin.on_track", dm),
    ]);

    expect(replies.filter((r) => r.includes("I've let your mentor know"))).toHaveLength(1);
    expect(replies.filter((r) => r.includes("already been answered"))).toHaveLength(1);
    await waitForCount(mentorAnswerDms, 1);
    await drained();
    expect(mentorAnswerDms()).toHaveLength(1);
  });

  it("two bots sweeping at once send one check-in", async () => {
    const two = await newBot({
      MONGODB_URI: bot.config.mongodbUri,
      QUEUE_PREFIX: bot.config.queuePrefix,
      SLACK_API_URL: bot.double.apiUrl,
    });
    await Promise.all([bot.sweepNow(), two.sweepNow()]);
    expect((await bot.db.relationships.findById(rel))?.nextCheckinAt).toEqual(SLOT1);
    bot.clock.set(SLOT1);
    two.clock.set(SLOT1);
    await Promise.all([bot.sweepNow(), two.sweepNow()]);
    await waitForCount(() => checkinDms(), 1);
    await drained();
    await Promise.all([bot.sweepNow(), two.sweepNow()]);
    await drained();
    expect(checkinDms()).toHaveLength(1);
    expect(await checkins()).toHaveLength(1);
    expect(two.double.calls("chat.postMessage")).toEqual([]);
    expect(await sentCount()).toBe(1);
  });

  it("a send job run again after its DM went out, the check-in not yet saved, sends and counts nothing more", async () => {
    await bot.sweepNow();
    bot.clock.set(SLOT1);
    await bot.sweepNow();
    await waitForCount(() => checkinDms(), 1);
    await drained();
    const sent = await latestCheckin();
    expect(await sentCount()).toBe(1);
    // As if its worker died after Slack's ok and the ledger's record, before saving the
    // check-in, and Redis then lost the finished job: the next sweep sends it again.
    await bot.db.checkins.transition(sent.id, ["sent"], "scheduled", {
      sentAt: null,
      message: null,
      remindAt: null,
    });
    const connection = new Redis(bot.config.redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue("notifications", { connection, prefix: bot.config.queuePrefix });
    try {
      expect(await queue.remove(`checkins.send|${sent.id}`)).toBe(1);
    } finally {
      await queue.close();
      await connection.quit();
    }
    expect(await bot.sweepNow()).toMatchObject({ created: 0, resent: 1 });
    await drained();
    expect(checkinDms()).toHaveLength(1);
    expect((await latestCheckin()).status).toBe("sent");
    expect((await latestCheckin()).message).toEqual(sent.message);
    expect(await sentCount()).toBe(1);
  });

  it("after Redis lost the queue, the next sweep sends the check-in, once", async () => {
    await bot.sweepNow();
    // The pair's kickoff invitations go first (Tuesday morning), so the failure hits the check-in.
    bot.clock.set("2026-11-24T14:00:00Z");
    await bot.sweepNow();
    await drained();
    bot.clock.set(SLOT1);
    // Slack fails until the sweep after the wipe has run, so the send job sits in backoff when
    // Redis loses it, and an attempt already under way at the wipe (a slow machine gets to a
    // retry) fails too instead of sending before the sweep looks.
    bot.double.failNext("chat.postMessage", { status: 503 }, 100);
    expect((await bot.sweepNow()).created).toBe(1);
    await bot.double.waitFor("chat.postMessage", (c) => Boolean(c.failed), WAIT_MS);
    await until(() => bot.logs.some((l) => l.msg === "job failed, will retry"));

    expect(await wipeQueues()).toBeGreaterThan(0);
    expect((await latestCheckin()).status).toBe("scheduled");

    const result = await bot.sweepNow();
    expect(result).toMatchObject({ created: 0, resent: 1 });
    bot.double.stopFailing("chat.postMessage");
    await waitForCount(() => checkinDms(), 1);
    await drained();
    // Longer than the lost job's backoff: it never comes back.
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    await bot.sweepNow();
    await drained();
    expect(checkinDms()).toHaveLength(1);
    expect((await latestCheckin()).status).toBe("sent");
    expect(await sentCount()).toBe(1);
  });
});

describe("an answer whose announcement was lost", () => {
  it("is announced to the mentor by a sweep a few minutes later, once", async () => {
    const { dm } = await deliverFirstCheckin();
    // The mentor's DM fails until its job is in backoff, and then Redis loses the job (as a
    // job that failed for good leaves Redis, or a flush): nothing would enqueue it again.
    bot.double.failNext("chat.postMessage", { status: 503 }, 100);
    expect(await click(PEOPLE.mentee, "checkin.on_track", dm)).toContain(
      "I've let your mentor know",
    );
    await until(() => bot.logs.some((l) => l.msg === "job failed, will retry"));
    expect(await wipeQueues()).toBeGreaterThan(0);
    bot.double.stopFailing("chat.postMessage");
    expect(await click(PEOPLE.mentee, "checkin.on_track", dm)).toContain("already been answered");
    await drained();
    expect(mentorAnswerDms()).toEqual([]);

    // Its own job may still be on its way a moment after the click: the sweep waits a while.
    expect((await bot.sweepNow()).reannounced).toBe(0);
    bot.clock.advance(5 * MINUTE);
    expect((await bot.sweepNow()).reannounced).toBe(1);
    const [toMentor] = await waitForCount(mentorAnswerDms, 1);
    expect(textOf(toMentor as RecordedCall)).toContain(
      `<@${PEOPLE.mentee}> answered their check-in`,
    );
    await drained();
    bot.clock.advance(HOUR);
    expect((await bot.sweepNow()).reannounced).toBe(0);
    await drained();
    expect(mentorAnswerDms()).toHaveLength(1);
    expect((await latestCheckin()).announcedAt).not.toBeNull();
  });
});

describe("Slack's limits", () => {
  it("a 429 delays the job and the check-in still arrives once, without a final failure", async () => {
    await bot.sweepNow();
    bot.clock.set(SLOT1);
    bot.double.failNext("chat.postMessage", { status: 429, retryAfterSeconds: 1 });
    await bot.sweepNow();
    await waitForCount(() => checkinDms(), 1);
    await drained();
    expect(bot.double.calls("chat.postMessage").filter((c) => c.failed)).toHaveLength(1);
    expect(checkinDms()).toHaveLength(1);
    expect(bot.logs.some((l) => l.msg === "Slack rate limit: job delayed")).toBe(true);
    expect(bot.logs.filter((l) => l.msg === "job failed for good")).toEqual([]);
    expect(await bot.db.failedJobs.latest(10)).toEqual([]);
    expect((await latestCheckin()).status).toBe("sent");
  });

  it("a 503 is retried with backoff, and the check-in arrives once", async () => {
    await bot.sweepNow();
    bot.clock.set(SLOT1);
    bot.double.failNext("chat.postMessage", { status: 503 }, 1);
    await bot.sweepNow();
    await waitForCount(() => checkinDms(), 1);
    await drained();
    expect(bot.double.calls("chat.postMessage").filter((c) => c.failed)).toHaveLength(1);
    expect(checkinDms()).toHaveLength(1);
    expect(bot.logs.filter((l) => l.msg === "job failed, will retry")).toHaveLength(1);
    expect(bot.logs.filter((l) => l.msg === "job failed for good")).toEqual([]);
    expect((await latestCheckin()).status).toBe("sent");
    expect(await sentCount()).toBe(1);
  });
});

/** Deletes the bot's queue keys, as if Redis lost them; returns how many went. */
async function wipeQueues(): Promise<number> {
  // Only this bot's keys: other test files share the Redis server.
  const redis = new Redis(bot.config.redisUrl, { maxRetriesPerRequest: null });
  try {
    let deleted = 0;
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(
        cursor,
        "MATCH",
        `${bot.config.queuePrefix}:*`,
        "COUNT",
        500,
      );
      cursor = next;
      if (keys.length) deleted += await redis.del(...keys);
    } while (cursor !== "0");
    return deleted;
  } finally {
    await redis.quit();
  }
}

/** Polls (really, briefly) until `check()` holds. */
async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
