// Ending a mentorship: confirmed first; by either member or an admin; nothing more is sent for
// the pair (even work already queued); both are thanked once and can reflect; the roadmap stays
// readable; the same two can be paired again.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  buttonsIn,
  pairAsAdmin,
  say,
  sayFull,
  textOf,
  waitForDm,
} from "../support/mentor-commands.js";
import { addNotificationJobs, notificationsDrained } from "../support/queue-drain.js";
import type { RecordedCall } from "../support/slack-double.js";
import { at, errorLogs, PEOPLE, sharedTestBot } from "../support/test-bot.js";

const bot = sharedTestBot();
let rel: string;

beforeEach(async () => {
  rel = await pairAsAdmin(bot);
  await say(bot, PEOPLE.mentee, "goal Lead a platform team");
  await say(bot, PEOPLE.mentee, "milestone add Finish the AWS certification");
  await notificationsDrained(bot);
});
afterEach(() => {
  expect(errorLogs(bot)).toEqual([]);
});

/** Types `/mentor end …`, returns the reply and its buttons. */
async function askToEnd(userId: string, text: string) {
  const reply = await sayFull(bot, userId, text);
  return { text: textOf(reply), buttons: buttonsIn(reply.blocks) };
}

async function click(userId: string, actionId: string, value: string): Promise<string> {
  const sent = await bot.slack.blockAction(userId, { actionId, value });
  expect(sent.status).toBe(200);
  return String((await bot.double.waitForResponse(sent.responseUrl)).text);
}

/** Asks, confirms, and waits for both closing DMs. */
async function endAs(userId: string, text: string): Promise<string> {
  const asked = await askToEnd(userId, text);
  const confirm = asked.buttons.find((b) => b.text === "End mentorship");
  const reply = await click(userId, "relationship.end.confirm", confirm?.value ?? "");
  expect(reply).toContain("has ended");
  await notificationsDrained(bot);
  return reply;
}

const closingDms = (userId: string) =>
  bot.double.dmsTo(userId).filter((c) => String(c.params.text).includes("has ended"));
const status = async (id = rel) => (await bot.db.relationships.findById(id))?.status;

describe("/mentor end", () => {
  it("asks first; Keep it changes nothing; End mentorship ends it and thanks both once", async () => {
    const asked = await askToEnd(PEOPLE.mentee, "end We reached the goal");
    expect(asked.text).toContain("End the mentorship of");
    expect(asked.text).toContain("We reached the goal");
    expect(asked.buttons.map((b) => b.text)).toEqual(["End mentorship", "Keep it"]);
    expect(await status()).toBe("active");

    expect(await click(PEOPLE.mentee, "relationship.end.cancel", rel)).toContain("Kept it");
    expect(await status()).toBe("active");

    await endAs(PEOPLE.mentee, "end We reached the goal");
    const ended = await bot.db.relationships.findById(rel);
    expect(ended).toMatchObject({ status: "ended", endReason: "We reached the goal" });
    const audit = (await bot.db.audit.listFor(rel)).filter(
      (a) => a.action === "relationship.ended",
    );
    expect(audit).toMatchObject([{ actorId: PEOPLE.mentee, details: { byMember: true } }]);
    expect(JSON.stringify(audit)).not.toContain("We reached the goal");

    const [toMentor, toMentee] = [closingDms(PEOPLE.mentor), closingDms(PEOPLE.mentee)];
    expect(toMentor).toHaveLength(1);
    expect(toMentee).toHaveLength(1);
    expect(textOf(toMentor[0])).toContain("Thank you");
    expect(buttonsIn(toMentee[0]?.params.blocks).map((b) => b.text)).toEqual([
      "Share a reflection",
    ]);
    // A retried or duplicated closing job sends nothing more.
    await addNotificationJobs(bot, [
      { name: "relationship.closing", data: { relationshipId: rel }, jobId: "again-1" },
    ]);
    await notificationsDrained(bot);
    expect(closingDms(PEOPLE.mentor)).toHaveLength(1);
    expect(closingDms(PEOPLE.mentee)).toHaveLength(1);

    // A second click on the old confirm button is refused; nothing changes.
    const reply = await click(PEOPLE.mentee, "relationship.end.confirm", `${rel}|again`);
    expect(reply).toContain("already ended");
    expect((await bot.db.relationships.findById(rel))?.endReason).toBe("We reached the goal");
  });

  it("an admin ends a pair by naming one of them; the mentor can too", async () => {
    await endAs(PEOPLE.admin, `end ${at(PEOPLE.mentee)}`);
    expect(await status()).toBe("ended");
    const audit = (await bot.db.audit.listFor(rel)).filter(
      (a) => a.action === "relationship.ended",
    );
    expect(audit).toMatchObject([{ actorId: PEOPLE.admin, details: { byMember: false } }]);
    expect(closingDms(PEOPLE.mentor)).toHaveLength(1);

    // Paired again later: a new mentorship; the old one stays ended.
    const again = await pairAsAdmin(bot);
    expect(again).not.toBe(rel);
    expect(await status(again)).toBe("active");
    expect(await status()).toBe("ended");
    await notificationsDrained(bot);
    await endAs(PEOPLE.mentor, `end ${at(PEOPLE.mentee)}`);
    expect(await status(again)).toBe("ended");
  });

  it("a mentor of two names the mentee after the reason, as the ambiguity reply advises", async () => {
    const X = "UMENTEEX";
    bot.double.addUser({ id: X, name: "xena" });
    await pairAsAdmin(bot, PEOPLE.mentor, X);
    expect(await say(bot, PEOPLE.mentor, "end We reached the goal")).toContain(
      "Add who you mean at the end",
    );
    const asked = await askToEnd(PEOPLE.mentor, `end We reached the goal ${at(PEOPLE.mentee)}`);
    expect(asked.text).toContain(`<@${PEOPLE.mentee}>`);
    expect(asked.text).not.toContain(X);
    expect(asked.text).toContain("We reached the goal");
    expect(asked.text).not.toContain(`We reached the goal ${at(PEOPLE.mentee)}`);
    // Someone who is not a partner, named after the reason, stays part of it, by name.
    const other = await askToEnd(
      PEOPLE.mentee,
      `end Moving to work with ${at(PEOPLE.other, "olly")}`,
    );
    expect(other.text).toContain("Moving to work with @olly");
  });

  it("an admin in none of the pairs ends one of two mentors' shared mentee by naming both", async () => {
    // Mentor A mentors M and X; mentor B mentors M and Y; the admin is in none of them.
    const [B, X, Y] = ["UMENTORB", "UMENTEEX", "UMENTEEY"];
    for (const id of [B, X, Y]) bot.double.addUser({ id, name: id.toLowerCase() });
    await pairAsAdmin(bot, PEOPLE.mentor, X);
    const bm = await pairAsAdmin(bot, B, PEOPLE.mentee);
    await pairAsAdmin(bot, B, Y);
    await notificationsDrained(bot);

    // Naming one person is ambiguous: the reply says so truthfully and shows how to name one.
    for (const named of [PEOPLE.mentee, PEOPLE.mentor, B]) {
      const reply = await say(bot, PEOPLE.admin, `end ${at(named)}`);
      expect(reply).toContain(`<@${named}> is in several mentorships`);
      expect(reply).not.toContain("You're part of");
      expect(reply).toContain("/mentor end <@");
    }
    expect(await say(bot, PEOPLE.admin, `reassign ${at(PEOPLE.mentee)} ${at(X)}`)).toContain(
      `/mentor end @mentor <@${PEOPLE.mentee}>`,
    );

    const asked = await askToEnd(
      PEOPLE.admin,
      `end ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)} Done`,
    );
    expect(asked.text).toContain(`<@${PEOPLE.mentor}> (mentor) and <@${PEOPLE.mentee}> (mentee)`);
    await endAs(PEOPLE.admin, `end ${at(PEOPLE.mentee)} ${at(PEOPLE.mentor)} Done`);
    expect(await bot.db.relationships.findById(rel)).toMatchObject({
      status: "ended",
      endReason: "Done",
    });
    expect(await status(bm)).toBe("active");
    // Someone outside the named pair learns nothing from naming it.
    expect(await say(bot, PEOPLE.other, `end ${at(B)} ${at(PEOPLE.mentee)}`)).toContain(
      "No roadmap found",
    );
  });

  it("a retry after the closing DMs could not be queued sends them, once", async () => {
    // What a failed queue leaves: the pair ended (and audited), its closing DMs never queued.
    await bot.db.relationships.end(rel, "active", "bye", bot.clock.now());
    for (let retry = 0; retry < 2; retry++) {
      const reply = await click(PEOPLE.admin, "relationship.end.confirm", `${rel}|bye`);
      expect(reply).toContain("already ended");
      await notificationsDrained(bot);
      expect(closingDms(PEOPLE.mentor)).toHaveLength(1);
      expect(closingDms(PEOPLE.mentee)).toHaveLength(1);
    }
  });

  it("after the end, nothing scheduled is sent, not even work already queued", async () => {
    expect(await say(bot, PEOPLE.mentee, "feedback Quarterly demo in 2h")).toContain("I'll ask");
    const [request] = await bot.db.feedbackRequests.listByRequester(PEOPLE.mentee);
    const { checkin } = await bot.db.checkins.createForSlot({
      relationshipId: rel,
      mentorId: PEOPLE.mentor,
      menteeId: PEOPLE.mentee,
      slot: "2030-01-07T04:30:00.000Z",
      scheduledFor: new Date("2030-01-07T04:30:00.000Z"),
      now: bot.clock.now(),
    });
    const [milestone] = await bot.db.milestones.list(rel);
    await endAs(PEOPLE.mentor, "end");
    const before = bot.double.calls("chat.postMessage").length;

    // Jobs queued before the end run now: each reloads, sees the ended pair, sends nothing.
    await bot.db.milestones.changeStatus(
      milestone?.id ?? "",
      "done",
      { doneAt: bot.clock.now() },
      bot.clock.now(),
    );
    await addNotificationJobs(bot, [
      { name: "checkins.send", data: { checkinId: checkin.id }, jobId: "queued-1" },
      { name: "feedback.prompt", data: { requestId: request?.id ?? "" }, jobId: "queued-2" },
      { name: "celebrations.post", data: { milestoneId: milestone?.id ?? "" }, jobId: "queued-3" },
    ]);
    await notificationsDrained(bot);
    // Weeks later, the sweeps find nothing due for the pair.
    bot.clock.set(new Date(bot.clock.now().getTime() + 30 * 24 * 3600 * 1000));
    const swept = await bot.sweepNow();
    await notificationsDrained(bot);

    expect(swept.created).toBe(0);
    expect(swept.feedback.prompts).toBe(0);
    expect(bot.double.calls("chat.postMessage").length).toBe(before);
    expect((await bot.db.checkins.findById(checkin.id))?.status).toBe("skipped");
    expect((await bot.db.feedbackRequests.findById(request?.id ?? ""))?.status).toBe("cancelled");
  });

  it("buttons on an old check-in or feedback DM are refused politely", async () => {
    expect(await say(bot, PEOPLE.mentee, "checkin now")).toBeTruthy();
    const checkinDm = await waitForDm(bot, PEOPLE.mentee, "check-in");
    expect(await say(bot, PEOPLE.mentee, "feedback Quarterly demo")).toContain("I've asked");
    const prompt = await waitForDm(bot, PEOPLE.mentor, "would love your feedback");
    await notificationsDrained(bot);
    await endAs(PEOPLE.mentee, "end");

    const onTrack = buttonsIn(checkinDm.params.blocks).find(
      (b) => b.actionId === "checkin.on_track",
    );
    const give = buttonsIn(prompt.params.blocks).find((b) => b.actionId === "feedback.give");
    expect(await clickOn(PEOPLE.mentee, checkinDm, "checkin.on_track", onTrack?.value)).toContain(
      "This mentorship has ended",
    );
    expect(await clickOn(PEOPLE.mentor, prompt, "feedback.give", give?.value)).toContain(
      "This mentorship has ended",
    );
    expect(bot.double.calls("views.open")).toEqual([]);
    const [checkin] = await bot.db.checkins.recent(rel, 5);
    expect(checkin?.answer ?? null).toBeNull();
  });

  it("each person can share a reflection, stored with the pair; an empty one is refused", async () => {
    await endAs(PEOPLE.mentee, "end");
    const dm = closingDms(PEOPLE.mentee)[0];
    const reflect = buttonsIn(dm?.params.blocks).find((b) => b.text === "Share a reflection");
    await bot.slack.blockAction(PEOPLE.mentee, {
      actionId: "relationship.reflect",
      value: reflect?.value ?? "",
    });
    const opened = await bot.double.waitFor("views.open");
    expect((opened.params.view as { callback_id: string }).callback_id).toBe(
      "relationship.reflection",
    );

    const empty = await bot.slack.viewSubmission(PEOPLE.mentee, {
      callbackId: "relationship.reflection",
      values: reflection("   ", ""),
    });
    expect(empty.json).toMatchObject({
      response_action: "errors",
      errors: { what_worked: expect.any(String) },
    });
    expect((await bot.db.relationships.findById(rel))?.reflections).toEqual([]);

    const saved = await bot.slack.viewSubmission(PEOPLE.mentee, {
      callbackId: "relationship.reflection",
      values: reflection("Weekly check-ins kept me going", "Apply for the lead role"),
    });
    expect(saved.status).toBe(200);
    expect(saved.json).toBeUndefined();
    expect((await bot.db.relationships.findById(rel))?.reflections).toMatchObject([
      {
        authorId: PEOPLE.mentee,
        whatWorked: "Weekly check-ins kept me going",
        nextSteps: "Apply for the lead role",
      },
    ]);
    // Someone outside the pair can't open the form.
    const sent = await bot.slack.blockAction(PEOPLE.other, {
      actionId: "relationship.reflect",
      value: rel,
    });
    expect(String((await bot.double.waitForResponse(sent.responseUrl)).text)).toContain(
      "No roadmap found",
    );
  });

  it("the roadmap of an ended pair stays readable, marked as ended, by its people and admins only", async () => {
    await endAs(PEOPLE.mentee, "end");
    for (const [who, text] of [
      [PEOPLE.mentee, "roadmap"],
      [PEOPLE.mentor, `roadmap ${at(PEOPLE.mentee)}`],
      [PEOPLE.admin, `roadmap ${at(PEOPLE.mentee)}`],
    ] as const) {
      const reply = textOf(await sayFull(bot, who, text));
      expect(reply, `${who} ${text}`).toContain("This mentorship ended");
      expect(reply).toContain("Finish the AWS certification");
    }
    expect(await say(bot, PEOPLE.other, `roadmap ${at(PEOPLE.mentee)}`)).toContain(
      "No roadmap found",
    );
    // Read-only: changes are refused.
    expect(await say(bot, PEOPLE.mentee, "milestone add Give a talk")).toContain(
      "No roadmap found",
    );
    expect(await bot.db.milestones.list(rel)).toHaveLength(1);
  });

  it("refuses bad input with a clear reply and writes nothing", async () => {
    const cases: Array<[string, string, string]> = [
      [PEOPLE.other, "end", "No roadmap found"],
      [PEOPLE.other, `end ${at(PEOPLE.mentee)}`, "No roadmap found"],
      [PEOPLE.mentor, `end ${at(PEOPLE.other)}`, "No roadmap found"],
      [PEOPLE.admin, `end ${at(PEOPLE.bot)}`, "No roadmap found"],
      [PEOPLE.mentee, `end ${"x".repeat(501)}`, "the limit is 500"],
    ];
    for (const [who, text, expected] of cases) {
      expect(await say(bot, who, text), text).toContain(expected);
    }
    // An outsider pressing a confirm button (a forged value) changes nothing.
    expect(await click(PEOPLE.other, "relationship.end.confirm", `${rel}|bye`)).toContain(
      "No roadmap found",
    );
    expect(await click(PEOPLE.other, "relationship.end.confirm", "not-an-id|bye")).toContain(
      "No roadmap found",
    );
    expect(await status()).toBe("active");

    await endAs(PEOPLE.mentee, "end");
    expect(await say(bot, PEOPLE.mentee, "end")).toContain("already ended");
    expect(await say(bot, PEOPLE.admin, `end ${at(PEOPLE.mentee)}`)).toContain("already ended");
    const ends = (await bot.db.audit.listFor(rel)).filter((a) => a.action === "relationship.ended");
    expect(ends).toHaveLength(1);
  });
});

async function clickOn(userId: string, dm: RecordedCall, actionId: string, value?: string) {
  const sent = await bot.slack.blockAction(userId, {
    actionId,
    value: value ?? "",
    message: { ts: String(dm.response.ts), channelId: String(dm.response.channel) },
  });
  return String((await bot.double.waitForResponse(sent.responseUrl)).text);
}

function reflection(whatWorked: string, nextSteps: string) {
  return {
    what_worked: { value: { type: "plain_text_input", value: whatWorked } },
    next_steps: { value: { type: "plain_text_input", value: nextSteps } },
  };
}
