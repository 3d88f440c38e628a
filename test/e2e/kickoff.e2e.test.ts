// Issue 16, the guided kickoff, end to end over HTTP on real Redis and FerretDB with the injected
// clock: "Plan your kickoff" for both, the mentee's form, the mentor's milestones from a template,
// the scheduled time (moved by command, refused outside hours), reminders and the confirmation.
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Kickoff } from "../../src/domain/kickoff.js";
import {
  buttonsIn,
  pairAsAdmin,
  say,
  sayFull,
  textOf,
  waitForDm,
} from "../support/mentor-commands.js";
import { notificationsDrained } from "../support/queue-drain.js";
import type { RecordedCall } from "../support/slack-double.js";
import { at, errorLogs, PEOPLE, startTestBot, type TestBot } from "../support/test-bot.js";

type Json = Record<string, unknown>;

let bot: TestBot;

beforeEach(async () => {
  bot = await startTestBot();
});
afterEach(async () => {
  expect(errorLogs(bot)).toEqual([]);
  await bot.stop();
});

const text = (value: string) => ({ value: { type: "plain_text_input", value } });
const date = (selected: string) => ({ value: { type: "datepicker", selected_date: selected } });
const dms = (userId: string, phrase: string) =>
  bot.double.dmsTo(userId).filter((c) => textOf(c).includes(phrase));

async function kickoffOf(relationshipId: string): Promise<Kickoff> {
  const kickoff = await bot.db.kickoffs.findByRelationship(relationshipId);
  if (!kickoff) throw new Error("no kickoff stored");
  return kickoff;
}

async function sweepAt(when: string) {
  bot.clock.set(when);
  await bot.sweepNow();
  await notificationsDrained(bot);
}

/** The modal the app last opened with this callback id, as the double answered it. */
/**
 * The mentor paired with Leo at 20:00Z and Lia at 21:30Z: New York 9-18 and London 9-18 meet
 * from 14:00Z to 18:00Z, and the second kickoff steps over the first's half hour.
 */
async function pairMentorWithTwoMentees() {
  const [LEO, LIA] = ["ULEOMENT1", "ULIAMENT1"];
  bot.double.addUser({ id: LEO, name: "leo", realName: "Leo Lee", tz: "Europe/London" });
  bot.double.addUser({ id: LIA, name: "lia", realName: "Lia Lin", tz: "Europe/London" });
  bot.clock.set("2026-11-23T20:00:00Z");
  const first = await pairAsAdmin(bot, PEOPLE.mentor, LEO);
  await notificationsDrained(bot);
  bot.clock.set("2026-11-23T21:30:00Z");
  const second = await pairAsAdmin(bot, PEOPLE.mentor, LIA);
  await notificationsDrained(bot);
  expect((await kickoffOf(first)).at).toEqual(new Date("2026-11-25T14:00:00Z"));
  expect((await kickoffOf(second)).at).toEqual(new Date("2026-11-25T14:30:00Z"));
  return { LEO, LIA, first, second };
}

/**
 * A new pair (the mentee working 10:00-23:00) whose mentee answered the kickoff questions, and a
 * mentor to reassign them to; resolves with the answers' DM to the mentor.
 */
async function answeredKickoffOfNewPair() {
  const NEW_MENTOR = "UNEWMENT1";
  bot.double.addUser({ id: NEW_MENTOR, name: "nina", realName: "Nina New", tz: "Europe/London" });
  await say(bot, PEOPLE.mentee, "hours 10:00-23:00");
  const rel = await pairAsAdmin(bot);
  await waitForDm(bot, PEOPLE.mentee, "Plan your kickoff");
  await bot.slack.blockAction(PEOPLE.mentee, { actionId: "kickoff.plan", value: rel });
  await bot.double.waitFor("views.open");
  await bot.slack.viewSubmission(PEOPLE.mentee, {
    callbackId: "kickoff.answers",
    values: {
      aspiration: text("Lead a platform team"),
      targetDate: date("2027-12-31"),
      skills: text("System design"),
      challenges: text("Little time for deep work"),
      support: text("Reviews of my design docs"),
    },
  });
  const toMentor = await waitForDm(bot, PEOPLE.mentor, "answered the kickoff questions");
  return { rel, NEW_MENTOR, toMentor };
}

function openedView(callbackId: string): Json {
  const views = bot.double
    .calls()
    .filter((c) => ["views.open", "views.update"].includes(c.method) && !c.failed)
    .map((c) => c.response.view as Json)
    .filter((v) => v?.callback_id === callbackId);
  const view = views[views.length - 1];
  if (!view) throw new Error(`no ${callbackId} view opened`);
  return view;
}

/** Titles and dates of the suggestion form's rows as the app pre-filled them. */
function prefilledRows(view: Json): Array<{ title: string; date: string }> {
  const blocks = view.blocks as Array<{ block_id?: string; element?: Json }>;
  const value = (id: string, key: string) =>
    String(blocks.find((b) => b.block_id === id)?.element?.[key] ?? "");
  return Array.from({ length: 8 }, (_, i) => ({
    title: value(`title_${i}`, "initial_value"),
    date: value(`due_${i}`, "initial_date"),
  })).filter((row) => row.title);
}

/** The suggestion form's state: each row under the action id the app gave it. */
function rowValues(view: Json, rows: Array<{ title: string; date: string }>) {
  const blocks = view.blocks as Array<{ block_id?: string; element?: Json }>;
  const actionOf = (id: string) =>
    String(blocks.find((b) => b.block_id === id)?.element?.action_id ?? "value");
  const values: Record<string, Record<string, unknown>> = {};
  for (let i = 0; i < 8; i++) {
    const row = rows[i];
    values[`title_${i}`] = {
      [actionOf(`title_${i}`)]: { type: "plain_text_input", value: row?.title ?? null },
    };
    values[`due_${i}`] = {
      [actionOf(`due_${i}`)]: { type: "datepicker", selected_date: row?.date ?? null },
    };
  }
  return values;
}

describe("kickoff", () => {
  it("guides a new pair: plan, answers, milestones from a template, reminders, confirmation", async () => {
    // Sam in Kolkata works late: 10:00-23:00, so their hours meet Maria's (New York, 9-18).
    expect(await say(bot, PEOPLE.mentee, "hours 10:00-23:00")).toContain("Working hours saved");
    const rel = await pairAsAdmin(bot); // Mon 23 Nov 2026, 15:00Z
    const invite = await waitForDm(bot, PEOPLE.mentee, "Plan your kickoff");
    await waitForDm(bot, PEOPLE.mentor, "Plan your kickoff");
    // The first half hour both are working, a day or more ahead: Tue 24 Nov 15:00Z
    // (10:00 in New York, 20:30 in Kolkata).
    const kickoff = await kickoffOf(rel);
    expect(kickoff.at).toEqual(new Date("2026-11-24T15:00:00Z"));
    expect(textOf(invite)).toContain("<!date^1795532400^");
    await notificationsDrained(bot);
    expect(dms(PEOPLE.mentee, "Plan your kickoff")).toHaveLength(1);
    expect(dms(PEOPLE.mentor, "Plan your kickoff")).toHaveLength(1);
    const forMentor = await say(bot, PEOPLE.mentor, "kickoff");
    expect(forMentor).toContain(`Your kickoff with <@${PEOPLE.mentee}> is on`);
    expect(forMentor).toContain(`Waiting for <@${PEOPLE.mentee}>'s answers`);
    // To the mentee: in the second person, said once, with the form a click away.
    const forMentee = await sayFull(bot, PEOPLE.mentee, "kickoff");
    expect(String(forMentee.text)).toContain(`Your kickoff with <@${PEOPLE.mentor}> is on`);
    expect(String(forMentee.text)).not.toContain("Your kickoff is on");
    expect(String(forMentee.text)).not.toContain("the mentee's");
    expect(String(forMentee.text)).toContain("Either of you can move it");
    expect(buttonsIn(forMentee.blocks)).toEqual([
      { actionId: "kickoff.plan", value: rel, text: "Plan your kickoff" },
    ]);

    // The mentee's button opens the kickoff form; a missing answer or a past date writes nothing.
    const [plan] = buttonsIn((invite.params as Json).blocks);
    expect(plan).toMatchObject({ actionId: "kickoff.plan", value: rel, text: "Plan your kickoff" });
    await bot.slack.blockAction(PEOPLE.mentee, { actionId: "kickoff.plan", value: rel });
    await bot.double.waitFor("views.open");
    expect(openedView("kickoff.answers").private_metadata).toBe(rel);
    const answers = {
      aspiration: text("Lead a platform team"),
      targetDate: date("2027-12-31"),
      skills: text("System design\nGiving feedback"),
      challenges: text("Little time for deep work"),
      support: text("Reviews of my design docs"),
      offer: text("I can show you our new observability stack"),
    };
    const missing = await bot.slack.viewSubmission(PEOPLE.mentee, {
      callbackId: "kickoff.answers",
      values: { ...answers, skills: text("  ") },
    });
    expect(missing.json).toMatchObject({
      response_action: "errors",
      errors: { skills: "Please add the skills you want to develop." },
    });
    const past = await bot.slack.viewSubmission(PEOPLE.mentee, {
      callbackId: "kickoff.answers",
      values: { ...answers, targetDate: date("2026-01-01") },
    });
    expect(past.json).toMatchObject({
      response_action: "errors",
      errors: { targetDate: expect.any(String) },
    });
    expect((await kickoffOf(rel)).answers).toBeNull();
    expect((await bot.db.relationships.findById(rel))?.goal).toBeNull();
    // The mentor can't answer for the mentee.
    const notMentee = await bot.slack.viewSubmission(PEOPLE.mentor, {
      callbackId: "kickoff.answers",
      values: answers,
    });
    expect(notMentee.json).toMatchObject({ response_action: "errors" });

    const sent = await bot.slack.viewSubmission(PEOPLE.mentee, {
      callbackId: "kickoff.answers",
      values: answers,
    });
    expect(sent.json).toBeUndefined();
    expect((await bot.db.relationships.findById(rel))?.goal).toMatchObject({
      aspiration: "Lead a platform team",
      targetDate: "2027-12-31",
    });
    // Both Homes show the new aspiration at once, without reopening the tab.
    for (const person of [PEOPLE.mentee, PEOPLE.mentor]) {
      const home = await bot.double.waitFor(
        "views.publish",
        (c) =>
          c.params.user_id === person && JSON.stringify(c.params).includes("Lead a platform team"),
      );
      expect(home.failed).toBeUndefined();
    }
    const toMentor = await waitForDm(bot, PEOPLE.mentor, "answered the kickoff questions");
    expect(textOf(toMentor)).toContain("Little time for deep work");
    expect(textOf(toMentor)).toContain("observability stack");
    const [suggest] = buttonsIn((toMentor.params as Json).blocks);
    expect(suggest).toMatchObject({ actionId: "kickoff.suggest", text: "Suggest milestones" });
    // The form closed silently: the mentee hears where the answers went.
    const answered = await waitForDm(bot, PEOPLE.mentee, `Sent to <@${PEOPLE.mentor}>`);
    expect(textOf(answered)).toContain("suggest milestones");

    // "Suggest milestones" opens a form filled from a template; picking another refills it.
    await bot.slack.blockAction(PEOPLE.mentor, {
      actionId: "kickoff.suggest",
      value: suggest?.value,
    });
    await bot.double.waitFor("views.open", (c) =>
      JSON.stringify(c.params).includes("kickoff.suggest"),
    );
    expect(prefilledRows(openedView("kickoff.suggest"))[0]?.title).toBe(
      "Write a design document and get it reviewed by another team",
    );
    await bot.slack.blockAction(PEOPLE.mentor, {
      actionId: "kickoff.template",
      blockId: "template",
      selectedOption: { value: "public-speaking" },
      view: openedView("kickoff.suggest"),
    });
    const opened = openedView("kickoff.suggest");
    await bot.double.waitFor("views.update");
    // A pick made on the form as it was before the last one (Slack answers hash_conflict)
    // loses to it quietly: no apology, and the form keeps the later pick.
    await bot.slack.blockAction(PEOPLE.mentor, {
      actionId: "kickoff.template",
      blockId: "template",
      selectedOption: { value: "people-manager" },
      view: opened,
    });
    await bot.double.waitFor("views.update", (c) => c.response.ok === false);
    await bot.slack.blockAction(PEOPLE.mentor, {
      actionId: "kickoff.template",
      blockId: "template",
      selectedOption: { value: "public-speaking" },
      view: openedView("kickoff.suggest"),
    });
    await bot.double.waitFor(
      "views.update",
      (c) => c.response.ok === true && c !== bot.double.calls("views.update")[0],
    );
    expect(JSON.stringify(bot.double.calls("chat.postMessage"))).not.toContain("couldn't");
    const form = openedView("kickoff.suggest");
    const rows = prefilledRows(form);
    expect(rows.map((r) => r.title)).toEqual([
      "Present an update in a team meeting",
      "Join a speaking club or workshop",
      "Give a brown-bag talk to the wider company",
      "Submit a talk proposal to a conference or meetup",
      "Give a conference or meetup talk",
    ]);
    expect(rows[0]?.date).toBe("2026-12-07"); // in 2 weeks, from the mentor's today

    // Three milestones are too few; a missing date is shown on its row. Nothing is written.
    const tooFew = await bot.slack.viewSubmission(PEOPLE.mentor, {
      callbackId: "kickoff.suggest",
      values: rowValues(form, rows.slice(0, 3)),
    });
    expect(tooFew.json).toMatchObject({
      response_action: "errors",
      errors: { title_3: expect.stringContaining("between 4 and 8") },
    });
    const noDate = await bot.slack.viewSubmission(PEOPLE.mentor, {
      callbackId: "kickoff.suggest",
      values: rowValues(form, [
        ...rows.slice(0, 3),
        { title: "Record a lightning talk", date: "" },
      ]),
    });
    expect(noDate.json).toMatchObject({ errors: { due_3: "Give this milestone a due date." } });
    // A date the roadmap refuses (past) is shown on its row, and the suggestion can be sent again.
    const pastRow = await bot.slack.viewSubmission(PEOPLE.mentor, {
      callbackId: "kickoff.suggest",
      values: rowValues(form, [
        ...rows.slice(0, 3),
        { title: "Record a lightning talk", date: "2026-11-01" },
      ]),
    });
    expect(pastRow.json).toMatchObject({ errors: { due_3: expect.any(String) } });
    expect(await bot.db.milestones.list(rel)).toEqual([]);
    expect((await kickoffOf(rel)).suggestedAt).toBeNull();

    const edited = [
      { title: "Present the platform roadmap in a team meeting", date: "2026-12-10" },
      ...rows.slice(1, 4),
      { title: "Write a blog post about the talk", date: "2027-07-01" },
    ];
    const saved = await bot.slack.viewSubmission(PEOPLE.mentor, {
      callbackId: "kickoff.suggest",
      values: rowValues(form, edited),
    });
    expect(saved.json).toBeUndefined();
    const milestones = await bot.db.milestones.list(rel);
    expect(milestones.map((m) => [m.title, m.dueDate])).toEqual(
      edited.map((r) => [r.title, r.date]),
    );
    await waitForDm(bot, PEOPLE.mentee, "suggested 5 milestones");
    await waitForDm(bot, PEOPLE.mentor, `Sent 5 milestones to <@${PEOPLE.mentee}>`);
    // Sent again (another tab): refused, nothing added.
    const sentAgain = await bot.slack.viewSubmission(PEOPLE.mentor, {
      callbackId: "kickoff.suggest",
      values: rowValues(form, edited),
    });
    expect(sentAgain.json).toMatchObject({
      errors: { title_0: expect.stringContaining("Milestones are already suggested") },
    });
    expect(await bot.db.milestones.list(rel)).toHaveLength(edited.length);

    // An hour before, both are reminded (in their own zone's rendering), once.
    await sweepAt("2026-11-24T13:59:00Z");
    expect(dms(PEOPLE.mentor, "Your kickoff with")).toHaveLength(0);
    await sweepAt("2026-11-24T14:00:00Z");
    await sweepAt("2026-11-24T14:05:00Z");
    expect(dms(PEOPLE.mentor, "Your kickoff with")).toHaveLength(1);
    expect(dms(PEOPLE.mentee, "Your kickoff with")).toHaveLength(1);

    // After it, the mentee is asked to confirm the roadmap; the mentor hears the answer.
    await sweepAt("2026-11-24T15:29:00Z");
    expect(dms(PEOPLE.mentee, "How did your kickoff")).toHaveLength(0);
    await sweepAt("2026-11-24T15:30:00Z");
    await sweepAt("2026-11-24T15:31:00Z");
    const [ask, ...again] = dms(PEOPLE.mentee, "How did your kickoff");
    expect(again).toEqual([]);
    const [confirm] = buttonsIn(((ask as RecordedCall).params as Json).blocks);
    expect(confirm).toMatchObject({ actionId: "kickoff.confirm", text: "Confirm roadmap" });
    await bot.slack.blockAction(PEOPLE.mentee, {
      actionId: "kickoff.confirm",
      value: confirm?.value,
    });
    await waitForDm(bot, PEOPLE.mentor, "confirmed the roadmap");
    expect((await kickoffOf(rel)).confirmedAt).toEqual(new Date("2026-11-24T15:31:00Z"));
    // Afterwards the kickoff is told as held, and nothing offers to move it.
    const after = await sayFull(bot, PEOPLE.mentee, "kickoff");
    expect(String(after.text)).toContain(`Your kickoff with <@${PEOPLE.mentor}> was on`);
    expect(String(after.text)).toContain("You confirmed the roadmap");
    expect(String(after.text)).not.toContain("move it");
    expect(buttonsIn(after.blocks)).toEqual([]);
    // Nothing more is due: the next sweep sends nothing and leaves the kickoff settled.
    expect(dms(PEOPLE.mentee, "Sent to")).toHaveLength(1);
    expect(dms(PEOPLE.mentor, "Sent 5 milestones")).toHaveLength(1);
    const posted = bot.double.calls("chat.postMessage").length;
    await sweepAt("2026-11-24T15:32:00Z");
    expect(bot.double.calls("chat.postMessage")).toHaveLength(posted);
    expect((await kickoffOf(rel)).dueAt).toBeNull();
  });

  it("moves with /mentor kickoff at, in the caller's zone, and refuses bad times writing nothing", async () => {
    await say(bot, PEOPLE.mentee, "hours 10:00-23:00");
    const rel = await pairAsAdmin(bot);
    await waitForDm(bot, PEOPLE.mentor, "Plan your kickoff");
    await notificationsDrained(bot);
    const before = await kickoffOf(rel);

    expect(await say(bot, PEOPLE.mentor, "kickoff at 2026-11-20 10:00")).toContain(
      "already passed",
    );
    expect(await say(bot, PEOPLE.mentor, "kickoff at tomorrow 10")).toContain(
      "isn't a date and time",
    );
    expect(await say(bot, PEOPLE.mentor, "kickoff at")).toContain(
      "/mentor kickoff at 2026-12-03 16:30",
    );
    expect(await say(bot, PEOPLE.mentor, "kickoff at 2027-06-01 10:00")).toContain(
      "more than 90 days",
    );
    // A Saturday just inside the 90 days: the next shared slot (Monday) is past them, so none
    // is offered (it would be refused).
    const lastSaturday = await say(bot, PEOPLE.mentor, "kickoff at 2027-02-20 10:00");
    expect(lastSaturday).toContain("outside your working hours");
    expect(lastSaturday).toContain("more than 90 days away; pick an earlier day");
    expect(lastSaturday).not.toContain("/mentor kickoff at 2027-02-22");
    // 08:00 in New York is before Maria's day: her hours, and the nearest shared slot.
    const early = await say(bot, PEOPLE.mentor, "kickoff at 2026-11-25 08:00");
    expect(early).toContain(
      "outside your working hours (09:00-18:00, Monday to Friday, America/New_York)",
    );
    expect(early).toContain("`/mentor kickoff at 2026-11-25 09:00`");
    // 12:00 in Kolkata suits Sam but it's 01:30 in New York: Maria's hours, said to Sam.
    const night = await say(bot, PEOPLE.mentee, "kickoff at 2026-11-25 12:00");
    expect(night).toContain(`outside <@${PEOPLE.mentor}>'s working hours`);
    expect(night).toContain("`/mentor kickoff at 2026-11-25 19:30`");
    expect(await kickoffOf(rel)).toEqual(before);

    // 11:00 in New York on Wednesday is 21:30 in Kolkata: both working.
    expect(await say(bot, PEOPLE.mentor, "kickoff at 2026-11-25 11:00")).toContain("Kickoff moved");
    const moved = await kickoffOf(rel);
    expect(moved.at).toEqual(new Date("2026-11-25T16:00:00Z"));
    expect(moved.scheduledBy).toBe(PEOPLE.mentor);
    await waitForDm(bot, PEOPLE.mentee, "moved your kickoff");

    // Moved away and back again: each move is told, the last one too, naming 11:00 again.
    const elevenNy = `<!date^${Date.parse("2026-11-25T16:00:00Z") / 1000}^`;
    expect(await say(bot, PEOPLE.mentor, "kickoff at 2026-11-25 12:00")).toContain("Kickoff moved");
    await notificationsDrained(bot);
    expect(await say(bot, PEOPLE.mentor, "kickoff at 2026-11-25 11:00")).toContain("Kickoff moved");
    await notificationsDrained(bot);
    expect(dms(PEOPLE.mentee, "moved your kickoff")).toHaveLength(3);
    expect(dms(PEOPLE.mentee, elevenNy)).toHaveLength(2);
    expect((await kickoffOf(rel)).at).toEqual(new Date("2026-11-25T16:00:00Z"));

    // Nothing for the old time: the reminders follow the new one.
    await sweepAt("2026-11-24T14:00:00Z");
    expect(dms(PEOPLE.mentor, "Your kickoff with")).toHaveLength(0);
    await sweepAt("2026-11-25T15:00:00Z");
    expect(dms(PEOPLE.mentor, "Your kickoff with")).toHaveLength(1);
    expect(dms(PEOPLE.mentee, "Your kickoff with")).toHaveLength(1);
  });

  it("a 'kickoff moved' job queued by the version before move counts still tells the other person", async () => {
    await say(bot, PEOPLE.mentee, "hours 10:00-23:00");
    const rel = await pairAsAdmin(bot);
    await notificationsDrained(bot);
    // Moved as the version before did (its job went out after the move), with no `move` in it.
    const wednesday = new Date("2026-11-25T16:00:00Z");
    const moved = await bot.db.kickoffs.reschedule(
      await kickoffOf(rel),
      {
        at: wednesday,
        mentorStartsAt: wednesday,
        menteeStartsAt: wednesday,
        mentorRemindAt: null,
        menteeRemindAt: null,
        confirmAt: null,
      },
      PEOPLE.mentor,
      bot.clock.now(),
    );
    const connection = new Redis(bot.config.redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue("notifications", { connection, prefix: bot.config.queuePrefix });
    try {
      await queue.add(
        "kickoff.moved",
        { kickoffId: moved?.id, at: "2026-11-25T16:00:00.000Z", by: PEOPLE.mentor },
        { jobId: `kickoff.moved|${moved?.id}|2026-11-25T16:00:00.000Z|${PEOPLE.mentor}` },
      );
    } finally {
      await queue.close();
      await connection.quit();
    }
    await waitForDm(bot, PEOPLE.mentee, "moved your kickoff");
    await notificationsDrained(bot);
    expect(dms(PEOPLE.mentee, "moved your kickoff")).toHaveLength(1);
  });

  it("with no overlap, invitations and the kickoff come at the start of each person's day", async () => {
    // Default hours: 9-18 in New York and in Kolkata never meet. Paired Mon 15:00Z.
    const rel = await pairAsAdmin(bot);
    await notificationsDrained(bot);
    expect(dms(PEOPLE.mentor, "Plan your kickoff")).toHaveLength(0);
    expect(dms(PEOPLE.mentee, "Plan your kickoff")).toHaveLength(0);
    // Tuesday 09:00 in Kolkata: Sam's invitation; Maria's waits for 09:00 in New York.
    await sweepAt("2026-11-24T03:30:00Z");
    expect(dms(PEOPLE.mentee, "Plan your kickoff")).toHaveLength(1);
    expect(dms(PEOPLE.mentor, "Plan your kickoff")).toHaveLength(0);
    await sweepAt("2026-11-24T14:00:00Z");
    await sweepAt("2026-11-24T14:01:00Z");
    const [invite, ...more] = dms(PEOPLE.mentor, "Plan your kickoff");
    expect(more).toEqual([]);
    expect(dms(PEOPLE.mentee, "Plan your kickoff")).toHaveLength(1);
    const kickoff = await kickoffOf(rel);
    expect(kickoff.at).toBeNull();
    expect(kickoff.mentorStartsAt).toEqual(new Date("2026-11-25T14:00:00Z")); // Wed 09:00 NY
    expect(kickoff.menteeStartsAt).toEqual(new Date("2026-11-26T03:30:00Z")); // Thu 09:00 Kolkata
    expect(textOf(invite)).toContain("Your working hours don't overlap");
    expect(await say(bot, PEOPLE.mentor, "kickoff at 2026-11-25 10:00")).toContain(
      "Your working hours don't overlap",
    );
    // Each reminder comes at the start of that person's day, inside their hours.
    await sweepAt("2026-11-25T14:00:00Z");
    expect(dms(PEOPLE.mentor, "Your kickoff with")).toHaveLength(1);
    expect(dms(PEOPLE.mentee, "Your kickoff with")).toHaveLength(0);
    await sweepAt("2026-11-26T03:30:00Z");
    expect(dms(PEOPLE.mentee, "Your kickoff with")).toHaveLength(1);
  });

  it("the overlap rule: something for both waits for the overlap of their hours, not one person's day", async () => {
    // Sam works 10:00-23:00 in Kolkata: their hours meet Maria's from 14:00Z to 17:30Z.
    await say(bot, PEOPLE.mentee, "hours 10:00-23:00");
    bot.clock.set("2026-11-23T18:00:00Z"); // paired after Monday's overlap
    const rel = await pairAsAdmin(bot);
    await notificationsDrained(bot);
    const kickoff = await kickoffOf(rel);
    expect(kickoff.mentorInviteAt).toEqual(new Date("2026-11-24T14:00:00Z"));
    expect(kickoff.menteeInviteAt).toEqual(new Date("2026-11-24T14:00:00Z"));
    // Maria is still working (13:00 in New York) and Sam's Tuesday starts at 04:30Z: both wait.
    await sweepAt("2026-11-23T18:01:00Z");
    await sweepAt("2026-11-24T04:30:00Z");
    expect(dms(PEOPLE.mentee, "Plan your kickoff")).toHaveLength(0);
    expect(dms(PEOPLE.mentor, "Plan your kickoff")).toHaveLength(0);
    await sweepAt("2026-11-24T14:00:00Z");
    expect(dms(PEOPLE.mentee, "Plan your kickoff")).toHaveLength(1);
    expect(dms(PEOPLE.mentor, "Plan your kickoff")).toHaveLength(1);
    // And the kickoff itself is in the overlap, a day later.
    expect(kickoff.at).toEqual(new Date("2026-11-25T14:00:00Z"));
  });

  it("follows a reassignment: the new mentor gets the answers and the reminder, the old one nothing more", async () => {
    // Mon 23 Nov 2026, 15:00Z; kickoff Tue 24 Nov 15:00Z
    const { rel, NEW_MENTOR } = await answeredKickoffOfNewPair();

    bot.clock.set("2026-11-23T16:00:00Z");
    expect(
      await say(bot, PEOPLE.admin, `reassign ${at(PEOPLE.mentee)} ${at(NEW_MENTOR)}`),
    ).toContain("now continues with");
    // The new mentor gets what the mentee wrote, with the button, and no "waiting" invitation.
    const answers = await waitForDm(bot, NEW_MENTOR, "answered the kickoff questions");
    expect(textOf(answers)).toContain("Lead a platform team");
    expect(buttonsIn((answers.params as Json).blocks)[0]).toMatchObject({
      actionId: "kickoff.suggest",
    });
    await notificationsDrained(bot);
    expect(dms(NEW_MENTOR, "Plan your kickoff")).toHaveLength(0);
    // The mentee is invited again, now with the new mentor, at a time in both their hours.
    const kickoff = await kickoffOf(rel);
    expect(kickoff.mentorId).toBe(NEW_MENTOR);
    expect(kickoff.answers?.aspiration).toBe("Lead a platform team");
    const [again, ...more] = dms(PEOPLE.mentee, `Plan your kickoff with <@${NEW_MENTOR}>`);
    expect(more).toEqual([]);
    expect(again).toBeDefined();
    expect(kickoff.at).toEqual(new Date("2026-11-24T16:00:00Z"));

    // The old time passes quietly; the reminders come before the new one, to the new pair.
    await sweepAt("2026-11-24T14:00:00Z");
    await sweepAt("2026-11-24T15:00:00Z");
    expect(dms(NEW_MENTOR, "Your kickoff with")).toHaveLength(1);
    expect(dms(PEOPLE.mentee, "Your kickoff with")).toHaveLength(1);
    expect(dms(PEOPLE.mentor, "Your kickoff with")).toHaveLength(0);
    await sweepAt("2026-11-24T15:01:00Z");
    expect(dms(NEW_MENTOR, "answered the kickoff questions")).toHaveLength(1);
    expect(dms(PEOPLE.mentor, "answered the kickoff questions")).toHaveLength(1);
    expect((await kickoffOf(rel)).at).toEqual(kickoff.at);
  });

  it("forgetting a mentor who moved the kickoff, since reassigned away, leaves the pair's confirmation due", async () => {
    await say(bot, PEOPLE.mentee, "hours 10:00-23:00");
    const rel = await pairAsAdmin(bot);
    await waitForDm(bot, PEOPLE.mentor, "Plan your kickoff");
    expect(await say(bot, PEOPLE.mentor, "kickoff at 2026-11-25 11:00")).toContain("Kickoff moved");
    await notificationsDrained(bot);
    // Under way (16:00Z): the reassignment keeps its time, and who moved it.
    const NEW_MENTOR = "UNEWMENT1";
    bot.double.addUser({ id: NEW_MENTOR, name: "nina", realName: "Nina New", tz: "Europe/London" });
    bot.clock.set("2026-11-25T16:10:00Z");
    expect(
      await say(bot, PEOPLE.admin, `reassign ${at(PEOPLE.mentee)} ${at(NEW_MENTOR)}`),
    ).toContain("now continues with");
    await notificationsDrained(bot);
    expect(await kickoffOf(rel)).toMatchObject({
      mentorId: NEW_MENTOR,
      scheduledBy: PEOPLE.mentor,
      at: new Date("2026-11-25T16:00:00Z"),
    });

    const asked = await sayFull(bot, PEOPLE.admin, `forget ${at(PEOPLE.mentor)}`);
    const forget = buttonsIn(asked.blocks).find((b) => b.text === "Forget");
    const sent = await bot.slack.blockAction(PEOPLE.admin, {
      actionId: "person.forget.confirm",
      value: forget?.value ?? "",
    });
    expect(String((await bot.double.waitForResponse(sent.responseUrl)).text)).toContain(
      "forgotten",
    );
    await notificationsDrained(bot);
    expect((await kickoffOf(rel)).scheduledBy).toBe("former-member");

    // Half an hour after it, the mentee is asked how it went, as in any pair.
    await sweepAt("2026-11-25T16:30:00Z");
    await sweepAt("2026-11-25T16:31:00Z");
    expect(dms(PEOPLE.mentee, "How did your kickoff")).toHaveLength(1);
  });

  it("after a reassignment, the mentee's new invitation comes at its time, even a day after the first", async () => {
    const NEW_MENTOR = "UNEWMENT1";
    bot.double.addUser({ id: NEW_MENTOR, name: "nina", realName: "Nina New", tz: "Europe/London" });
    // Default hours never meet (New York, Kolkata): Sam is invited at 09:00 Kolkata by the sweep.
    const rel = await pairAsAdmin(bot); // Mon 23 Nov 2026, 15:00Z
    await notificationsDrained(bot); // planned now: Sam's invitation is the sweep's job
    expect(dms(PEOPLE.mentee, "Plan your kickoff")).toHaveLength(0);
    await sweepAt("2026-11-24T03:30:00Z");
    expect(dms(PEOPLE.mentee, "Plan your kickoff")).toHaveLength(1);
    // Nina in London works 09:00-18:00Z: the new pair meets from 09:00Z.
    bot.clock.set("2026-11-24T04:00:00Z");
    expect(
      await say(bot, PEOPLE.admin, `reassign ${at(PEOPLE.mentee)} ${at(NEW_MENTOR)}`),
    ).toContain("now continues with");
    await notificationsDrained(bot);
    expect((await kickoffOf(rel)).menteeInviteAt).toEqual(new Date("2026-11-24T09:00:00Z"));
    await sweepAt("2026-11-24T09:00:00Z");
    expect(dms(PEOPLE.mentee, `Plan your kickoff with <@${NEW_MENTOR}>`)).toHaveLength(1);
    expect(dms(NEW_MENTOR, "Plan your kickoff")).toHaveLength(1);
  });

  it("follows changed hours: the kickoff is planned again and no reminder comes before the new hours", async () => {
    await say(bot, PEOPLE.mentee, "hours 10:00-23:00");
    const rel = await pairAsAdmin(bot); // kickoff Tue 24 Nov 15:00Z, 10:00 in New York
    await notificationsDrained(bot);
    expect((await kickoffOf(rel)).at).toEqual(new Date("2026-11-24T15:00:00Z"));
    // Maria now starts at 13:00 in New York (18:00Z): her hours no longer meet Sam's.
    expect(await say(bot, PEOPLE.mentor, "hours 13:00-17:00")).toContain("Working hours saved");
    for (const when of ["14:00", "15:00", "16:00", "17:59"]) {
      await sweepAt(`2026-11-24T${when}:00Z`);
    }
    expect(dms(PEOPLE.mentor, "Your kickoff with")).toHaveLength(0);
    const kickoff = await kickoffOf(rel);
    expect(kickoff.mentorStartsAt).toEqual(new Date("2026-11-24T18:00:00Z")); // 13:00 New York
    expect(kickoff.scheduledBy).toBeNull();
    // Both are told the new time, with its date, once: Sam's hours didn't change, and he would
    // otherwise come at the old time.
    const dateOf = (when: Date) => `<!date^${when.getTime() / 1000}^{date_short_pretty} at {time}`;
    const [toMentor, ...againToMentor] = dms(PEOPLE.mentor, "is planned again");
    const [toMentee, ...againToMentee] = dms(PEOPLE.mentee, "is planned again");
    expect([againToMentor, againToMentee]).toEqual([[], []]);
    expect(textOf(toMentor)).toContain("because your working hours or time off changed");
    expect(textOf(toMentor)).toContain(dateOf(kickoff.mentorStartsAt));
    // Maria is named once, as the one the kickoff is with; then she is "their".
    expect(textOf(toMentee)).toContain(
      `The kickoff with <@${PEOPLE.mentor}> is planned again because their working hours`,
    );
    const mentions = (call: RecordedCall | undefined, id: string) =>
      String(call?.params.text).split(`<@${id}>`).length - 1;
    expect([mentions(toMentee, PEOPLE.mentor), mentions(toMentor, PEOPLE.mentee)]).toEqual([1, 1]);
    expect(textOf(toMentee)).toContain(dateOf(kickoff.menteeStartsAt));
    await sweepAt("2026-11-24T18:00:00Z");
    const [reminder, ...more] = dms(PEOPLE.mentor, "Your kickoff with");
    expect(more).toEqual([]);
    expect(textOf(reminder)).toContain(dateOf(kickoff.mentorStartsAt));
    expect(dms(PEOPLE.mentor, "is planned again")).toHaveLength(1);
  });

  it("changed hours plan the kickoff again at once: both hear the new time the same day, not at the reminder", async () => {
    await say(bot, PEOPLE.mentee, "hours 10:00-23:00");
    const rel = await pairAsAdmin(bot); // Mon 23 Nov 15:00Z; kickoff Tue 24 Nov 15:00Z
    await notificationsDrained(bot);
    expect((await kickoffOf(rel)).at).toEqual(new Date("2026-11-24T15:00:00Z"));
    // Monday evening, Maria's new hours (13:00 in New York is 18:00Z) no longer meet 15:00Z.
    bot.clock.set("2026-11-23T16:00:00Z");
    await say(bot, PEOPLE.mentor, "hours 13:00-17:00");
    await notificationsDrained(bot);
    const kickoff = await kickoffOf(rel);
    expect(kickoff.mentorStartsAt).toEqual(new Date("2026-11-24T18:00:00Z"));
    expect(dms(PEOPLE.mentee, "is planned again")).toHaveLength(1);
    expect(dms(PEOPLE.mentor, "is planned again")).toHaveLength(1);
    // Hours that still fit change nothing, and nobody hears of it.
    await say(bot, PEOPLE.mentor, "hours 12:00-17:00");
    await notificationsDrained(bot);
    expect((await kickoffOf(rel)).moves).toBe(kickoff.moves);
    // Its reminders follow the new time (at the start of her day, as planned), and it is not
    // planned again then.
    await sweepAt("2026-11-24T18:00:00Z");
    expect(dms(PEOPLE.mentor, "Your kickoff with")).toHaveLength(1);
    expect(dms(PEOPLE.mentor, "is planned again")).toHaveLength(1);
  });

  it("a new time zone plans the kickoff again at once when its time no longer fits", async () => {
    await say(bot, PEOPLE.mentee, "hours 10:00-23:00");
    const rel = await pairAsAdmin(bot); // kickoff Tue 24 Nov 15:00Z, 10:00 in New York
    await notificationsDrained(bot);
    // Maria moves to Los Angeles: 15:00Z is 07:00 there, before her day.
    const mentor = bot.double.user(PEOPLE.mentor);
    if (mentor) bot.double.addUser({ ...mentor, tz: "America/Los_Angeles" });
    await bot.slack.event({
      type: "user_change",
      user: { id: PEOPLE.mentor, name: "maria", tz: "America/Los_Angeles" },
    });
    // The event is handled after its ack, then its job: generous under a loaded machine.
    await waitForDm(bot, PEOPLE.mentee, "is planned again", 30_000);
    await notificationsDrained(bot);
    // 09:00 in Los Angeles, 17:00Z: inside both days.
    expect((await kickoffOf(rel)).mentorStartsAt).toEqual(new Date("2026-11-24T17:00:00Z"));
    expect(dms(PEOPLE.mentor, "is planned again")).toHaveLength(1);
  });

  it("a zone change's job that runs before the new profile is stored re-plans by the job's zone", async () => {
    await say(bot, PEOPLE.mentee, "hours 10:00-23:00");
    const rel = await pairAsAdmin(bot); // kickoff Tue 24 Nov 15:00Z, 10:00 in New York
    await notificationsDrained(bot);
    // The stored profile still says New York: only the job knows of Los Angeles yet.
    const connection = new Redis(bot.config.redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue("notifications", { connection, prefix: bot.config.queuePrefix });
    try {
      const payload = {
        userId: PEOPLE.mentor,
        from: "America/New_York",
        to: "America/Los_Angeles",
        changedAt: bot.clock.now().getTime(),
      };
      await queue.add("people.zone-changed", payload, { jobId: `zone|${payload.changedAt}` });
    } finally {
      await queue.close();
      await connection.quit();
    }
    await waitForDm(bot, PEOPLE.mentee, "is planned again", 30_000);
    expect((await kickoffOf(rel)).mentorStartsAt).toEqual(new Date("2026-11-24T17:00:00Z"));
  });

  it("an invitation waits while its person is away, and comes in their hours once they're back", async () => {
    await say(bot, PEOPLE.mentee, "hours 10:00-23:00");
    bot.clock.set("2026-11-23T18:00:00Z"); // paired after Monday's overlap: invited Tue 14:00Z
    const rel = await pairAsAdmin(bot);
    await notificationsDrained(bot);
    expect(await say(bot, PEOPLE.mentee, "away until 2026-11-24")).toContain("2026");
    await sweepAt("2026-11-24T14:00:00Z");
    await sweepAt("2026-11-24T17:00:00Z");
    expect(dms(PEOPLE.mentor, "Plan your kickoff")).toHaveLength(1);
    expect(dms(PEOPLE.mentee, "Plan your kickoff")).toHaveLength(0);
    // Back on Wednesday: 10:00 in Kolkata is 04:30Z.
    expect((await kickoffOf(rel)).menteeInviteAt).toEqual(new Date("2026-11-25T04:30:00Z"));
    await sweepAt("2026-11-25T04:29:00Z");
    expect(dms(PEOPLE.mentee, "Plan your kickoff")).toHaveLength(0);
    await sweepAt("2026-11-25T04:30:00Z");
    expect(dms(PEOPLE.mentee, "Plan your kickoff")).toHaveLength(1);
  });

  it("a kickoff moved by hand keeps its time; a reminder outside the new hours waits for them", async () => {
    await say(bot, PEOPLE.mentee, "hours 10:00-23:00");
    const rel = await pairAsAdmin(bot);
    await notificationsDrained(bot);
    // Wed 25 Nov 12:00 in New York (17:00Z, 22:30 Kolkata): reminded at 16:00Z, 11:00 for Maria.
    expect(await say(bot, PEOPLE.mentor, "kickoff at 2026-11-25 12:00")).toContain("Kickoff moved");
    await notificationsDrained(bot);
    expect(await say(bot, PEOPLE.mentor, "hours 11:30-17:00")).toContain("Working hours saved");
    await sweepAt("2026-11-25T16:00:00Z");
    await sweepAt("2026-11-25T16:29:00Z");
    expect(dms(PEOPLE.mentor, "Your kickoff with")).toHaveLength(0);
    expect(dms(PEOPLE.mentee, "Your kickoff with")).toHaveLength(1);
    await sweepAt("2026-11-25T16:30:00Z");
    expect(dms(PEOPLE.mentor, "Your kickoff with")).toHaveLength(1);
    expect((await kickoffOf(rel)).at).toEqual(new Date("2026-11-25T17:00:00Z"));
  });

  it("a mentor paired with two mentees in one evening gets two kickoffs at different times", async () => {
    const { LIA, second } = await pairMentorWithTwoMentees();
    // Moving one onto the other is refused, offering the nearest free slot; nothing changes.
    const taken = await say(bot, LIA, "kickoff at 2026-11-25 14:00");
    expect(taken).toContain(`<@${PEOPLE.mentor}> already has another kickoff then`);
    expect(taken).toContain("`/mentor kickoff at 2026-11-25 14:30`");
    expect((await kickoffOf(second)).at).toEqual(new Date("2026-11-25T14:30:00Z"));
  });

  it("a pair whose invitations Slack refuses still gets its monthly workplace prompts planned", async () => {
    await say(bot, PEOPLE.mentee, "hours 10:00-23:00"); // the invitations are due at once
    // Every DM refused for good while the pair is planned: the invitations cannot go.
    bot.double.failRandomly("chat.postMessage", { error: "account_inactive" }, 1);
    const rel = await pairAsAdmin(bot); // Mon 23 Nov 2026, 15:00Z
    await notificationsDrained(bot);
    expect(bot.double.dmsTo(PEOPLE.mentee)).toEqual([]);
    expect(await bot.db.kickoffs.findByRelationship(rel)).not.toBeNull();
    expect((await bot.db.workplacePrompts.find(rel))?.nextAt).toEqual(
      new Date("2026-12-23T15:00:00Z"),
    );
    bot.logs.length = 0; // the refusals, logged as failed jobs
  });

  it("a pair that ended holds no kickoff time: the mentor's next mentee can take the slot", async () => {
    const { LEO, LIA, second } = await pairMentorWithTwoMentees();
    // Maria and Leo end their mentorship; Wednesday 14:00Z is free again for Maria.
    const asked = await sayFull(bot, PEOPLE.mentor, `end ${at(LEO)}`);
    const confirm = buttonsIn(asked.blocks).find((b) => b.text === "End mentorship");
    const sent = await bot.slack.blockAction(PEOPLE.mentor, {
      actionId: "relationship.end.confirm",
      value: confirm?.value ?? "",
    });
    expect(String((await bot.double.waitForResponse(sent.responseUrl)).text)).toContain(
      "has ended",
    );
    await notificationsDrained(bot);
    expect(await say(bot, LIA, "kickoff at 2026-11-25 14:00")).toContain("Kickoff moved");
    expect((await kickoffOf(second)).at).toEqual(new Date("2026-11-25T14:00:00Z"));
    // And the ended pair's kickoff sends nothing more.
    await sweepAt("2026-11-25T13:00:00Z");
    expect(dms(LEO, "Your kickoff with")).toHaveLength(0);
  });

  it("after a reassignment, the new mentor hears that milestones were suggested, and no form opens", async () => {
    const { rel, NEW_MENTOR, toMentor } = await answeredKickoffOfNewPair();
    const [suggest] = buttonsIn((toMentor.params as Json).blocks);
    await bot.slack.blockAction(PEOPLE.mentor, {
      actionId: "kickoff.suggest",
      value: suggest?.value,
    });
    await bot.double.waitFor("views.open", (c) =>
      JSON.stringify(c.params).includes("kickoff.suggest"),
    );
    const form = openedView("kickoff.suggest");
    const saved = await bot.slack.viewSubmission(PEOPLE.mentor, {
      callbackId: "kickoff.suggest",
      values: rowValues(form, prefilledRows(form).slice(0, 4)),
    });
    expect(saved.json).toBeUndefined();

    bot.clock.set("2026-11-23T16:00:00Z");
    await say(bot, PEOPLE.admin, `reassign ${at(PEOPLE.mentee)} ${at(NEW_MENTOR)}`);
    const answers = await waitForDm(bot, NEW_MENTOR, "answered the kickoff questions");
    expect(buttonsIn((answers.params as Json).blocks)).toEqual([]);
    expect(textOf(answers)).toContain("Milestones are already suggested");
    // The old DM's button, pressed by the new mentor: told why, and no form opens.
    const opened = bot.double.calls("views.open").length;
    const pressed = await bot.slack.blockAction(NEW_MENTOR, {
      actionId: "kickoff.suggest",
      value: suggest?.value,
    });
    const reply = await bot.double.waitForResponse(pressed.responseUrl);
    expect(String(reply.text)).toContain("Milestones are already suggested for this kickoff");
    expect(bot.double.calls("views.open")).toHaveLength(opened);
    expect(await bot.db.milestones.list(rel)).toHaveLength(4);
  });

  it("the kickoff form sent again keeps one offer from the kickoff, with its latest text", async () => {
    await say(bot, PEOPLE.mentee, "hours 10:00-23:00");
    const rel = await pairAsAdmin(bot);
    await waitForDm(bot, PEOPLE.mentee, "Plan your kickoff");
    await bot.slack.blockAction(PEOPLE.mentee, { actionId: "kickoff.plan", value: rel });
    await bot.double.waitFor("views.open");
    const values = (offer: string) => ({
      aspiration: text("Lead a platform team"),
      targetDate: date("2027-12-31"),
      skills: text("System design"),
      challenges: text("Little time for deep work"),
      support: text("Reviews of my design docs"),
      offer: text(offer),
    });
    for (const offer of ["A tour of our tracing tool", "A tour of our tracing tool"]) {
      const sent = await bot.slack.viewSubmission(PEOPLE.mentee, {
        callbackId: "kickoff.answers",
        values: values(offer),
      });
      expect(sent.json).toBeUndefined();
    }
    expect((await bot.db.exchanges.recent(rel, 10)).map((e) => e.text)).toEqual([
      "A tour of our tracing tool",
    ]);
    bot.clock.set("2026-11-23T15:05:00Z");
    await bot.slack.viewSubmission(PEOPLE.mentee, {
      callbackId: "kickoff.answers",
      values: values("A tour of our tracing tool, and the new dashboards"),
    });
    expect((await bot.db.exchanges.recent(rel, 10)).map((e) => e.text)).toEqual([
      "A tour of our tracing tool, and the new dashboards",
    ]);
    await notificationsDrained(bot);
  });

  it("a goal set before the kickoff opens the kickoff form filled in, not empty", async () => {
    const rel = await pairAsAdmin(bot);
    expect(await say(bot, PEOPLE.mentee, "goal Lead a platform team by 2028-06-30")).toContain(
      "Lead a platform team",
    );
    await bot.slack.blockAction(PEOPLE.mentee, { actionId: "kickoff.plan", value: rel });
    await bot.double.waitFor("views.open");
    const blocks = openedView("kickoff.answers").blocks as Array<{
      block_id?: string;
      element?: Json;
    }>;
    const element = (id: string) => blocks.find((b) => b.block_id === id)?.element;
    expect(element("aspiration")?.initial_value).toBe("Lead a platform team");
    expect(element("targetDate")?.initial_date).toBe("2028-06-30");
  });

  it("the add-milestone form offers the templates when there is no title", async () => {
    const rel = await pairAsAdmin(bot);
    const sent = await bot.slack.command(PEOPLE.mentee, "milestone add");
    expect(sent.status).toBe(200);
    await bot.double.waitFor("views.open");
    const form = openedView("milestone.add");
    expect(JSON.stringify(form.blocks)).toContain("Start from a roadmap template");
    expect(JSON.stringify(form.blocks)).toContain('"value":"public-speaking"');
    const select = (value: string | null) => ({
      value: { type: "static_select", selected_option: value ? { value } : null },
    });
    const neither = await bot.slack.viewSubmission(PEOPLE.mentee, {
      callbackId: "milestone.add",
      values: { title: text(""), dueDate: date(""), description: text(""), template: select(null) },
    });
    expect(neither.json).toMatchObject({
      errors: { title: expect.stringContaining("Please add a title") },
    });
    expect(await bot.db.milestones.list(rel)).toEqual([]);
    const applied = await bot.slack.viewSubmission(PEOPLE.mentee, {
      callbackId: "milestone.add",
      values: {
        title: text(""),
        dueDate: date(""),
        description: text(""),
        template: select("public-speaking"),
      },
    });
    expect(applied.json).toBeUndefined();
    const added = await bot.db.milestones.list(rel);
    expect(added.map((m) => m.title)).toHaveLength(5);
    expect(added[0]).toMatchObject({
      title: "Present an update in a team meeting",
      dueDate: "2026-12-07",
    });
  });
});
