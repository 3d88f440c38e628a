import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { say } from "../support/mentor-commands.js";
import { notificationsDrained } from "../support/queue-drain.js";
import { at, errorLogs, PEOPLE, sharedTestBot, startTestBot } from "../support/test-bot.js";

const bot = sharedTestBot();

beforeEach(async () => {
  await say(bot, PEOPLE.admin, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`);
  await bot.double.waitForCalls("chat.postMessage", 2);
  bot.double.reset();
});

const dm = (userId: string) =>
  bot.double.waitFor(
    "chat.postMessage",
    (c) => c.params.channel === `D${userId}` && !c.failed,
    8_000,
  );

/** Feedback prompts to `userId` (their kickoff invitation may share a sweep with one). */
const promptsTo = (userId: string) =>
  bot.double.dmsTo(userId).filter((c) => JSON.stringify(c.params).includes("feedback.give"));
const prompted = () =>
  bot.double.waitFor("chat.postMessage", () => promptsTo(PEOPLE.mentor).length > 0, 8_000);

function buttonValue(blocks: unknown, actionId: string): string {
  for (const block of blocks as Array<{
    elements?: Array<{ action_id?: string; value?: string }>;
  }>) {
    const found = block.elements?.find((e) => e.action_id === actionId);
    if (found?.value) return found.value;
  }
  throw new Error(`no ${actionId} button`);
}

const text = (value: string) => ({ value: { type: "plain_text_input", value } });
function feedbackValues(fields: {
  wentWell?: string;
  toImprove?: string;
  rating?: string;
  nextStep?: string;
}) {
  return {
    wentWell: text(fields.wentWell ?? ""),
    toImprove: text(fields.toImprove ?? ""),
    rating: {
      value: {
        type: "static_select",
        selected_option: fields.rating ? { value: fields.rating } : null,
      },
    },
    nextStep: text(fields.nextStep ?? ""),
  };
}

async function waitForStatus(requestId: string, status: string): Promise<void> {
  // Generous: the job that sets it shares two cores with the rest of the suite.
  const deadline = Date.now() + 15_000;
  while ((await bot.db.feedbackRequests.findById(requestId))?.status !== status) {
    if (Date.now() > deadline) throw new Error(`request ${requestId} never became ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The mentee asks, the mentor's prompt arrives: returns its request id and message. */
async function askNow(topic = "Quarterly demo") {
  expect(await say(bot, PEOPLE.mentee, `feedback ${topic}`)).toContain(
    `I've asked <@${PEOPLE.mentor}>`,
  );
  const prompt = await dm(PEOPLE.mentor);
  const requestId = buttonValue(prompt.params.blocks, "feedback.give");
  await waitForStatus(requestId, "asked");
  return {
    prompt,
    requestId,
    message: { ts: String(prompt.response.ts), channelId: `D${PEOPLE.mentor}` },
  };
}

/** The mentor opens their App Home: the view published, as JSON. */
async function mentorsHome(): Promise<string> {
  await bot.slack.event({
    type: "app_home_opened",
    user: PEOPLE.mentor,
    channel: `D${PEOPLE.mentor}`,
    tab: "home",
    event_ts: "1.2",
  });
  return JSON.stringify((await bot.double.waitFor("views.publish")).params.view);
}

async function openAndSubmit(requestId: string, fields: Parameters<typeof feedbackValues>[0]) {
  await bot.slack.blockAction(PEOPLE.mentor, { actionId: "feedback.give", value: requestId });
  const opened = await bot.double.waitFor("views.open");
  expect((opened.params.view as { callback_id: string }).callback_id).toBe("feedback.submit");
  return bot.slack.viewSubmission(PEOPLE.mentor, {
    callbackId: "feedback.submit",
    values: feedbackValues(fields),
  });
}

describe("asking for feedback, end to end", () => {
  it("prompts the mentor, and the mentee receives the feedback with who gave it", async () => {
    const { prompt, requestId, message } = await askNow();
    expect(String(prompt.params.text)).toContain(
      `<@${PEOPLE.mentee}> would love your feedback on *Quarterly demo*`,
    );
    // No date beside the topic: the prompt's own time read as the time of the demo.
    expect(JSON.stringify(prompt.params)).not.toContain("<!date");
    expect(JSON.stringify(prompt.params.blocks)).toContain("feedback.not_now");

    const submitted = await openAndSubmit(requestId, {
      wentWell: "Clear story and calm delivery.",
      toImprove: "Cut the second demo.",
      rating: "4",
      nextStep: "Present at the all-hands.",
    });
    expect(submitted.status).toBe(200);
    expect(submitted.json).toBeUndefined();

    const received = await dm(PEOPLE.mentee);
    const blocks = JSON.stringify(received.params.blocks);
    expect(String(received.params.text)).toContain(
      `Feedback from <@${PEOPLE.mentor}> on *Quarterly demo*`,
    );
    expect(blocks).toContain("Clear story and calm delivery.");
    expect(blocks).toContain("Cut the second demo.");
    expect(blocks).toContain("Present at the all-hands.");
    expect(blocks).toContain("(4/5)");

    const update = await bot.double.waitFor("chat.update");
    expect(update.params).toMatchObject({ channel: message.channelId, ts: message.ts });
    expect(String(update.params.text)).toContain("was sent to");
    expect((await bot.db.feedbackRequests.findById(requestId))?.status).toBe("answered");
  });

  it("delivers once even when the submission is retried", async () => {
    const { requestId } = await askNow();
    await openAndSubmit(requestId, { wentWell: "Great pacing." });
    const view = bot.double.lastView("views.open");
    const again = await bot.slack.viewSubmission(PEOPLE.mentor, {
      callbackId: "feedback.submit",
      id: String(view?.id),
      values: feedbackValues({ wentWell: "Great pacing." }),
    });
    // The second try is told it was already sent, on the form.
    expect(JSON.stringify(again.json)).toContain("already been sent");
    await dm(PEOPLE.mentee);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bot.double.dmsTo(PEOPLE.mentee)).toHaveLength(1);
  });

  it("a retry delivers feedback stored before a failure stopped its delivery, once", async () => {
    const { requestId } = await askNow("Launch retro");
    const request = await bot.db.feedbackRequests.findById(requestId);
    if (!request) throw new Error("no request");
    // The first submission stored the feedback, then failed before its delivery was queued.
    await bot.db.feedbackEntries.createOnce(`request:${requestId}`, {
      requestId,
      relationshipId: request.relationshipId,
      giverId: PEOPLE.mentor,
      recipientId: PEOPLE.mentee,
      topic: request.topic,
      wentWell: "Calm under pressure.",
      toImprove: "",
      rating: null,
      nextStep: "",
      createdAt: bot.clock.now(),
    });
    const again = await bot.slack.viewSubmission(PEOPLE.mentor, {
      callbackId: "feedback.submit",
      privateMetadata: JSON.stringify({ requestId }),
      values: feedbackValues({ wentWell: "Calm under pressure." }),
    });
    expect(JSON.stringify(again.json)).toContain("already been sent");
    await notificationsDrained(bot);
    const delivered = bot.double
      .dmsTo(PEOPLE.mentee)
      .filter((c) => JSON.stringify(c.params).includes("Calm under pressure"));
    expect(delivered).toHaveLength(1);
  });

  it("a request taken while Redis refused its prompt is asked by the sweep: no retry, no second request", async () => {
    await notificationsDrained(bot);
    // Redis is down for the one add of the prompt: the request is stored, and due.
    const refused = vi
      .spyOn(Queue.prototype, "add")
      .mockRejectedValueOnce(new Error("Connection is closed."));
    try {
      expect(await say(bot, PEOPLE.mentee, "feedback Offsite plan")).toContain(
        `I've asked <@${PEOPLE.mentor}>`,
      );
    } finally {
      refused.mockRestore();
    }
    await notificationsDrained(bot);
    expect(promptsTo(PEOPLE.mentor)).toEqual([]);

    expect((await bot.sweepNow()).feedback.prompts).toBe(1);
    await prompted();
    await notificationsDrained(bot);
    expect(promptsTo(PEOPLE.mentor)).toHaveLength(1);
    expect(await bot.db.feedbackRequests.listByRequester(PEOPLE.mentee)).toHaveLength(1);
  });

  it("feedback whose delivery Redis lost reaches the mentee from the outbox sweep, once", async () => {
    const { requestId } = await askNow("Board update");
    const delivered = () =>
      bot.double
        .dmsTo(PEOPLE.mentee)
        .filter((c) => JSON.stringify(c.params).includes("Crisp numbers"));
    // Slack fails, so the delivery waits in backoff when Redis loses it.
    bot.double.failNext("chat.postMessage", { status: 503 }, 100);
    await openAndSubmit(requestId, { wentWell: "Crisp numbers." });
    await bot.double.waitFor("chat.postMessage", (c) => Boolean(c.failed), 8_000);
    await vi.waitFor(async () => expect(await loseJobs("feedback.deliver")).toBeGreaterThan(0), {
      timeout: 10_000,
    });
    bot.double.stopFailing("chat.postMessage");
    await notificationsDrained(bot);
    expect(delivered()).toEqual([]);

    // Past the outbox's grace: the sweep hands it over, and sweeping again sends nothing more.
    bot.clock.advance(3 * 60_000);
    expect((await bot.sweepNow()).outbox.requeued).toBe(1);
    await notificationsDrained(bot);
    bot.clock.advance(3 * 60_000);
    expect((await bot.sweepNow()).outbox.requeued).toBe(0);
    await notificationsDrained(bot);
    expect(delivered()).toHaveLength(1);
  });

  it("asks someone else with `from @person`, with the same context", async () => {
    // 09:00 in Los Angeles, Olly's zone: inside their working hours, so asked at once.
    bot.clock.set("2026-11-23T17:00:00Z");
    expect(
      await say(bot, PEOPLE.mentee, `feedback Roadmap review from ${at(PEOPLE.other)}`),
    ).toContain(`I've asked <@${PEOPLE.other}>`);
    const prompt = await dm(PEOPLE.other);
    expect(String(prompt.params.text)).toContain("*Roadmap review*");
    expect(bot.double.dmsTo(PEOPLE.mentor)).toHaveLength(0);
  });

  it("a mentee with two mentors adds who they mean at the end, as the refusal advises", async () => {
    await say(bot, PEOPLE.admin, `pair ${at(PEOPLE.other)} ${at(PEOPLE.mentee)}`);
    // 09:00 in Los Angeles, Olly's zone: inside their working hours, so asked at once.
    bot.clock.set("2026-11-23T17:00:00Z");
    const refused = await say(bot, PEOPLE.mentee, "feedback Quarterly demo");
    expect(refused).toContain("Add who you mean at the end");
    expect(await bot.db.feedbackRequests.listByRequester(PEOPLE.mentee)).toEqual([]);

    expect(await say(bot, PEOPLE.mentee, `feedback Quarterly demo ${at(PEOPLE.other)}`)).toContain(
      `I've asked <@${PEOPLE.other}> for feedback on *Quarterly demo*`,
    );
    const [request] = await bot.db.feedbackRequests.listByRequester(PEOPLE.mentee);
    const other = await bot.db.relationships.findOpenBetween(PEOPLE.other, PEOPLE.mentee);
    expect(request).toMatchObject({ giverId: PEOPLE.other, relationshipId: other?.id });
    await bot.double.waitFor(
      "chat.postMessage",
      (c) =>
        c.params.channel === `D${PEOPLE.other}` &&
        String(c.params.text).includes("*Quarterly demo*"),
      8_000,
    );
  });
  it("a mention after the topic that names no partner stays in the topic, the time still read", async () => {
    expect(await say(bot, PEOPLE.mentee, `feedback Demo prep with ${at(PEOPLE.other)}`)).toContain(
      `I've asked <@${PEOPLE.mentor}> for feedback on *Demo prep with `,
    );
    await say(bot, PEOPLE.mentee, `feedback Talk with ${at(PEOPLE.other)} in 2h`);
    const [now, later] = await bot.db.feedbackRequests.listByRequester(PEOPLE.mentee);
    // By name, as Slack showed it: the topic is shown to the mentor, and must ping no one.
    const name = PEOPLE.other.toLowerCase();
    expect(now).toMatchObject({ giverId: PEOPLE.mentor, topic: `Demo prep with @${name}` });
    expect(later).toMatchObject({ giverId: PEOPLE.mentor, topic: `Talk with @${name}` });
    expect(later?.status).toBe("scheduled");
  });
});

describe("the modal's validation", () => {
  it.each([
    ["no text at all", {}, "wentWell", "at least one thing"],
    [
      "a field over 2,000 characters",
      { toImprove: "x".repeat(2001) },
      "toImprove",
      "limit is 2000",
    ],
  ])("shows %s on the field and stores nothing", async (_name, fields, block, words) => {
    const { requestId } = await askNow();
    const submitted = await openAndSubmit(requestId, fields);
    const json = submitted.json as { response_action: string; errors: Record<string, string> };
    expect(json.response_action).toBe("errors");
    expect(json.errors[block]).toContain(words);
    expect((await bot.db.feedbackRequests.findById(requestId))?.status).toBe("asked");
    expect(bot.double.dmsTo(PEOPLE.mentee)).toHaveLength(0);
    expect(errorLogs(bot)).toEqual([]);
  });

  it("accepts exactly 2,000 characters", async () => {
    const { requestId } = await askNow();
    const submitted = await openAndSubmit(requestId, { nextStep: "y".repeat(2000) });
    expect(submitted.json).toBeUndefined();
    await dm(PEOPLE.mentee);
  });
});

describe("scheduled prompts", () => {
  it("sends at the time given, in the mentee's time zone, and survives the loss of Redis", async () => {
    // Mentee is in Asia/Kolkata (+05:30); the time is theirs.
    const reply = await say(bot, PEOPLE.mentee, "feedback Board presentation at 2026-11-24 20:00");
    expect(reply).toContain("I'll ask");
    const [request] = await bot.db.feedbackRequests.listByRequester(PEOPLE.mentee);
    // 20:00 in Kolkata is 14:30 UTC, 09:30 in New York: inside the mentor's hours.
    expect(request?.promptAt.toISOString()).toBe("2026-11-24T14:30:00.000Z");

    bot.clock.set("2026-11-24T14:29:00Z");
    expect((await bot.sweepNow()).feedback.prompts).toBe(0);

    bot.clock.set("2026-11-24T14:30:00Z");
    expect((await bot.sweepNow()).feedback.prompts).toBe(1);
    await prompted();
    // Sweeping again (another replica, or after Redis lost its jobs) sends nothing more.
    await bot.sweepNow();
    await bot.sweepNow();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(promptsTo(PEOPLE.mentor)).toHaveLength(1);
  });

  it("moves a prompt whose time is outside the giver's working hours to the start of their day", async () => {
    // 17:00 in Kolkata is 11:30 UTC, 06:30 in New York: before the mentor's day.
    await say(bot, PEOPLE.mentee, "feedback Board presentation at 2026-11-24 17:00");
    bot.clock.set("2026-11-24T11:30:00Z");
    expect((await bot.sweepNow()).feedback.prompts).toBe(0);
    const [request] = await bot.db.feedbackRequests.listByRequester(PEOPLE.mentee);
    expect(request?.promptAt.toISOString()).toBe("2026-11-24T14:00:00.000Z");
    expect(promptsTo(PEOPLE.mentor)).toHaveLength(0);
    bot.clock.set("2026-11-24T14:00:00Z");
    expect((await bot.sweepNow()).feedback.prompts).toBe(1);
    await prompted();
    expect(promptsTo(PEOPLE.mentor)).toHaveLength(1);
  });

  it("the reply and the list say when the giver is really asked, not the time typed", async () => {
    // 17:00 in Kolkata is 11:30 UTC, 06:30 in New York: the mentor is asked at 09:00 theirs.
    const asked = `<!date^${Date.parse("2026-11-24T14:00:00Z") / 1000}^`;
    const typed = `<!date^${Date.parse("2026-11-24T11:30:00Z") / 1000}^`;
    const reply = await say(bot, PEOPLE.mentee, "feedback Board presentation at 2026-11-24 17:00");
    expect(reply).toContain(
      `I'll ask <@${PEOPLE.mentor}> for feedback on *Board presentation* ${asked}`,
    );
    const list = await say(bot, PEOPLE.mentee, "feedback list");
    expect(list).toContain(`goes out ${asked}`);
    expect(`${reply}${list}`).not.toContain(typed);
  });

  it("a request for now outside the giver's hours waits for their day, and the reply says when", async () => {
    // 23:30 UTC is 18:30 in New York: the mentor's day is over; theirs starts at 14:00 UTC.
    bot.clock.set("2026-11-23T23:30:00Z");
    const reply = await say(bot, PEOPLE.mentee, "feedback Late demo");
    expect(reply).toContain(`<@${PEOPLE.mentor}> isn't working now (their hours or time off)`);
    expect(reply).toContain(`<!date^${Date.parse("2026-11-24T14:00:00Z") / 1000}^`);
    expect((await bot.sweepNow()).feedback.prompts).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(promptsTo(PEOPLE.mentor)).toHaveLength(0);

    bot.clock.set("2026-11-24T14:00:00Z");
    expect((await bot.sweepNow()).feedback.prompts).toBe(1);
    await prompted();
    await bot.sweepNow();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(promptsTo(PEOPLE.mentor)).toHaveLength(1);
  });

  it("understands `in 2h`, `in 30m` and `tomorrow`", async () => {
    await say(bot, PEOPLE.mentee, "feedback Design review in 2h");
    await say(bot, PEOPLE.mentee, "feedback Standup in 30m");
    await say(bot, PEOPLE.mentee, "feedback Offsite tomorrow");
    const times = (await bot.db.feedbackRequests.listByRequester(PEOPLE.mentee)).map((r) =>
      r.promptAt.toISOString(),
    );
    // The clock is 2026-11-23T15:00Z; tomorrow 09:00 in Kolkata is 03:30Z, 22:30 in New York,
    // so the mentor is asked when their own day starts, 14:00Z.
    expect(times).toEqual([
      "2026-11-23T17:00:00.000Z",
      "2026-11-23T15:30:00.000Z",
      "2026-11-24T14:00:00.000Z",
    ]);
  });

  it.each([
    ["feedback Demo at 2026-11-20 10:00", "already passed"],
    ["feedback Demo at 2026-02-30 10:00", "isn't a date and time"],
    ["feedback Demo in 0h", "whole number"],
    ["feedback Demo in 999h", "more than 30 days"],
    ["feedback Demo from @bob", "Mention the person"],
    [`feedback Demo from ${at("UNOBODY99")}`, "couldn't find"],
    [`feedback Demo from ${at(PEOPLE.bot)}`, "is a bot"],
    [`feedback ${"t".repeat(151)}`, "limit is 150"],
    ["feedback", "Say what the feedback is about"],
  ])("refuses `%s` and writes nothing", async (text, words) => {
    expect(await say(bot, PEOPLE.mentee, text)).toContain(words);
    expect(await bot.db.feedbackRequests.listByRequester(PEOPLE.mentee)).toEqual([]);
    expect(errorLogs(bot)).toEqual([]);
  });

  it("refuses people who have no mentor", async () => {
    expect(await say(bot, PEOPLE.other, "feedback My talk")).toContain(
      "Feedback requests are for mentees",
    );
  });
});

describe("list and cancel", () => {
  it("lists requests with their status, and cancels only one not yet sent", async () => {
    await say(bot, PEOPLE.mentee, "feedback Demo one in 2h");
    await say(bot, PEOPLE.mentee, "feedback Demo two");
    const prompt = await dm(PEOPLE.mentor);
    await waitForStatus(buttonValue(prompt.params.blocks, "feedback.give"), "asked");

    const list = await say(bot, PEOPLE.mentee, "feedback list");
    expect(list).toMatch(/1\. \*Demo one\*.*_Scheduled_/);
    expect(list).toMatch(/2\. \*Demo two\*.*_Asked_/);

    expect(await say(bot, PEOPLE.mentee, "feedback cancel 2")).toContain("already been sent");
    expect(await say(bot, PEOPLE.mentee, "feedback cancel 9")).toContain("no feedback request 9");
    expect(await say(bot, PEOPLE.mentee, "feedback cancel x")).toContain(
      "Give the request's number",
    );
    expect(await say(bot, PEOPLE.mentee, "feedback cancel 1")).toContain("Cancelled: *Demo one*");
    expect(await say(bot, PEOPLE.mentee, "feedback list")).toMatch(/1\. \*Demo one\*.*_Cancelled_/);

    // Its time comes: nothing is sent.
    bot.clock.set("2026-11-23T17:01:00Z");
    expect((await bot.sweepNow()).feedback.prompts).toBe(0);
  });

  it("`list @person` shows one mentorship's requests, numbered as in the full list", async () => {
    await say(bot, PEOPLE.admin, `pair ${at(PEOPLE.other)} ${at(PEOPLE.mentee)}`);
    await say(bot, PEOPLE.mentee, `feedback Demo one in 2h ${at(PEOPLE.mentor)}`);
    await say(bot, PEOPLE.mentee, `feedback Demo two in 2h ${at(PEOPLE.other)}`);

    const theirs = await say(bot, PEOPLE.mentee, `feedback list ${at(PEOPLE.other)}`);
    expect(theirs).toMatch(
      /^\*Your feedback requests in your mentorship with <@UOTHER01>\*\n2\. \*Demo two\*/,
    );
    expect(theirs).not.toContain("Demo one");
    expect(await say(bot, PEOPLE.mentee, `feedback list ${at(PEOPLE.mentor)}`)).toMatch(
      /\n1\. \*Demo one\*[^\n]*$/,
    );
  });

  it("`list @person` naming no partner of theirs says so, not that they have no roadmap", async () => {
    expect(await say(bot, PEOPLE.mentee, `feedback list ${at(PEOPLE.other)}`)).toBe(
      `You have no mentorship with <@${PEOPLE.other}>; \`/mentor feedback list\` shows all your requests.`,
    );
  });

  it("a request naming someone who is not their mentor says so, not that they need a mentor", async () => {
    expect(await say(bot, PEOPLE.mentee, `feedback Demo prep in 2h ${at(PEOPLE.other)}`)).toBe(
      `<@${PEOPLE.other}> isn't your mentor. Leave the mention out to ask your mentor, or write \`from <@${PEOPLE.other}>\` to ask them.`,
    );
    expect(await bot.db.feedbackRequests.listByRequester(PEOPLE.mentee)).toEqual([]);
  });

  it.each(["feedback list 2", "feedback list @maria", `feedback list ${at(PEOPLE.mentor)} please`])(
    "answers `%s` with how to list, and writes nothing",
    async (text) => {
      expect(await say(bot, PEOPLE.mentee, text)).toContain("`feedback list` takes nothing more");
      expect(await bot.db.feedbackRequests.listByRequester(PEOPLE.mentee)).toEqual([]);
      expect(bot.double.dmsTo(PEOPLE.mentor)).toEqual([]);
    },
  );

  it("asks for feedback on a topic that starts with `list`", async () => {
    expect(await say(bot, PEOPLE.mentee, "feedback List of Q3 priorities review")).toContain(
      `I've asked <@${PEOPLE.mentor}>`,
    );
    const [request] = await bot.db.feedbackRequests.listByRequester(PEOPLE.mentee);
    expect(request?.topic).toBe("List of Q3 priorities review");
  });

  it("shows nobody else's requests", async () => {
    await say(bot, PEOPLE.mentee, "feedback Secret project in 2h");
    expect(await say(bot, PEOPLE.other, "feedback list")).not.toContain("Secret project");
    expect(await say(bot, PEOPLE.mentor, "feedback list")).not.toContain("Secret project");
  });
});

describe("follow-up", () => {
  it("reminds once after 24 hours in working hours, then expires after 7 days and tells the mentee", async () => {
    const { requestId } = await askNow("Sprint review");
    const request = await bot.db.feedbackRequests.findById(requestId);
    // Asked Monday 15:00Z = 10:00 in New York; reminder Tuesday 10:00 there.
    expect(request?.remindAt?.toISOString()).toBe("2026-11-24T15:00:00.000Z");
    expect(request?.expiresAt?.toISOString()).toBe("2026-11-30T15:00:00.000Z");

    bot.clock.set("2026-11-24T15:00:00Z");
    expect((await bot.sweepNow()).feedback.reminders).toBe(1);
    // (The mentor's kickoff invitation may come with the same sweep; look for the reminder.)
    const reminder = await bot.double.waitFor(
      "chat.postMessage",
      (c) => c.params.channel === `D${PEOPLE.mentor}` && String(c.params.text).includes("reminder"),
    );
    expect(String(reminder.params.text)).toContain("friendly reminder");
    // Once the reminder is recorded, later sweeps have nothing more to remind.
    const deadline = Date.now() + 5_000;
    while (!(await bot.db.feedbackRequests.findById(requestId))?.remindedAt) {
      if (Date.now() > deadline) throw new Error("reminder never recorded");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    bot.clock.set("2026-11-25T15:00:00Z");
    expect((await bot.sweepNow()).feedback.reminders).toBe(0);

    bot.clock.set("2026-11-30T15:00:00Z");
    expect((await bot.sweepNow()).feedback.expired).toBe(1);
    // (The same sweep also sends the pair's weekly check-in; look for the expiry note.)
    const told = await bot.double.waitFor(
      "chat.postMessage",
      (c) =>
        c.params.channel === `D${PEOPLE.mentee}` && String(c.params.text).includes("has expired"),
    );
    expect(String(told.params.text)).toContain("Sprint review");
    await notificationsDrained(bot);
    expect((await bot.db.feedbackRequests.findById(requestId))?.status).toBe("expired");

    // Too late to answer now.
    await bot.slack.blockAction(PEOPLE.mentor, { actionId: "feedback.give", value: requestId });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(bot.double.calls("views.open")).toHaveLength(0);
  });

  it("an expiry Slack refuses for good still expires the request: no sweep lists it again", async () => {
    const { requestId } = await askNow("Sprint review");
    bot.clock.set("2026-11-30T15:00:00Z");
    bot.double.failNext("chat.postMessage", { error: "user_disabled" });
    expect((await bot.sweepNow()).feedback.expired).toBe(1);
    await bot.double.waitFor("chat.postMessage", (c) => Boolean(c.failed), 8_000);
    await notificationsDrained(bot);
    expect((await bot.db.feedbackRequests.findById(requestId))?.status).toBe("expired");
    bot.clock.set("2026-11-30T15:01:00Z");
    expect((await bot.sweepNow()).feedback.expired).toBe(0);
  });

  it("an expiry whose job Redis lost is told by the next sweep, once", async () => {
    const { requestId } = await askNow("Sprint review");
    const toldExpired = () =>
      bot.double
        .dmsTo(PEOPLE.mentee)
        .filter((c) => !c.failed && String(c.params.text).includes("has expired"));
    bot.clock.set("2026-11-30T15:00:00Z");
    // Slack fails, so the expiry's job sits in backoff when Redis loses it.
    bot.double.failNext("chat.postMessage", { status: 503 }, 100);
    expect((await bot.sweepNow()).feedback.expired).toBe(1);
    await bot.double.waitFor("chat.postMessage", (c) => Boolean(c.failed), 8_000);
    // Lost once it waits in backoff (not while a worker holds it).
    await vi.waitFor(async () => expect(await loseJobs("feedback.expired")).toBeGreaterThan(0), {
      timeout: 10_000,
    });
    bot.double.stopFailing("chat.postMessage");

    bot.clock.set("2026-11-30T15:01:00Z");
    expect((await bot.sweepNow()).feedback.expired).toBe(1);
    await bot.double.waitFor("chat.postMessage", () => toldExpired().length > 0, 8_000);
    await notificationsDrained(bot);
    expect((await bot.db.feedbackRequests.findById(requestId))?.status).toBe("expired");
    bot.clock.set("2026-11-30T15:02:00Z");
    expect((await bot.sweepNow()).feedback.expired).toBe(0);
    await notificationsDrained(bot);
    expect(toldExpired()).toHaveLength(1);
  });

  it("feedback given stays given when a write of the same moment put the request back: no reminder, not owed, no expiry", async () => {
    const { requestId } = await askNow("Design review");
    await openAndSubmit(requestId, { wentWell: "Clear trade-offs." });
    await waitForStatus(requestId, "answered");
    await notificationsDrained(bot);
    // On FerretDB the reminder's write at that moment (or the expiry's) can undo "answered".
    const undo = (to: "asked" | "expired") =>
      bot.db.feedbackRequests.transition(requestId, ["answered"], to);
    const status = async () => (await bot.db.feedbackRequests.findById(requestId))?.status;
    const said = (userId: string, phrase: string) =>
      bot.double.dmsTo(userId).filter((c) => String(c.params.text).includes(phrase));

    await undo("asked");
    bot.clock.set("2026-11-24T15:00:00Z");
    await bot.sweepNow();
    await notificationsDrained(bot);
    expect(said(PEOPLE.mentor, "reminder")).toEqual([]);
    expect(await status()).toBe("answered");

    await undo("asked");
    expect(await mentorsHome()).not.toContain("Design review");

    await undo("asked");
    bot.clock.set("2026-11-30T15:00:00Z");
    expect((await bot.sweepNow()).feedback.expired).toBe(0);
    await notificationsDrained(bot);
    expect(await status()).toBe("answered");

    // Both won (the expiry's write last): its job finds the feedback and tells nobody.
    await undo("expired");
    const redis = new Redis(bot.config.redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue("notifications", { connection: redis, prefix: bot.config.queuePrefix });
    try {
      await queue.add("feedback.expired", { requestId });
    } finally {
      await queue.close();
      redis.disconnect();
    }
    await notificationsDrained(bot);
    expect(said(PEOPLE.mentee, "has expired")).toEqual([]);
    expect(await status()).toBe("answered");
    const delivered = bot.double
      .dmsTo(PEOPLE.mentee)
      .filter((c) => JSON.stringify(c.params).includes("Clear trade-offs"));
    expect(delivered).toHaveLength(1);
  });

  it("`Not now` asks again a day later", async () => {
    const { requestId } = await askNow();
    const clicked = await bot.slack.blockAction(PEOPLE.mentor, {
      actionId: "feedback.not_now",
      value: requestId,
    });
    expect(String((await bot.double.waitForResponse(clicked.responseUrl)).text)).toContain(
      "I'll ask again",
    );
    bot.clock.set("2026-11-24T15:00:00Z");
    await bot.sweepNow();
    // (The mentor's kickoff invitation may come with the same sweep; look for the reminder.)
    const reminder = await bot.double.waitFor(
      "chat.postMessage",
      (c) => c.params.channel === `D${PEOPLE.mentor}` && String(c.params.text).includes("reminder"),
    );
    expect(String(reminder.params.text)).toContain("friendly reminder");
  });
});

describe("giving feedback unasked, and privacy", () => {
  it("lets the mentor give feedback unasked through the same modal", async () => {
    await bot.slack.command(
      PEOPLE.mentor,
      `feedback give ${at(PEOPLE.mentee)} Your demo on Tuesday`,
    );
    const opened = await bot.double.waitFor("views.open");
    expect(JSON.stringify(opened.params.view)).toContain("Your demo on Tuesday");
    await bot.slack.viewSubmission(PEOPLE.mentor, {
      callbackId: "feedback.submit",
      values: feedbackValues({ wentWell: "Great energy." }),
    });
    const received = await dm(PEOPLE.mentee);
    expect(String(received.params.text)).toContain(
      `Feedback from <@${PEOPLE.mentor}> on *Your demo on Tuesday*`,
    );
  });

  it("tells how to name the mentee when `@sam` after give is plain text, and asks nobody", async () => {
    for (const typed of ["feedback give @sam Your demo", "feedback give @sam"]) {
      expect(await say(bot, PEOPLE.mentee, typed), typed).toContain(
        "Name your mentee and the topic",
      );
    }
    expect(await bot.db.feedbackRequests.listByRequester(PEOPLE.mentee)).toEqual([]);
    expect(bot.double.dmsTo(PEOPLE.mentor)).toEqual([]);
  });

  it("refuses unasked feedback to someone who is not their mentee", async () => {
    expect(await say(bot, PEOPLE.mentee, `feedback give ${at(PEOPLE.mentor)} Nice work`)).toContain(
      "to your own mentees",
    );
    expect(await say(bot, PEOPLE.other, `feedback give ${at(PEOPLE.mentee)} Nice work`)).toContain(
      "No roadmap found",
    );
    expect(bot.double.calls("views.open")).toHaveLength(0);
  });

  it("lets only the person asked open or answer a request", async () => {
    const { requestId } = await askNow();
    const outsider = await bot.slack.blockAction(PEOPLE.other, {
      actionId: "feedback.give",
      value: requestId,
    });
    expect(String((await bot.double.waitForResponse(outsider.responseUrl)).text)).toContain(
      "couldn't find",
    );
    const forged = await bot.slack.viewSubmission(PEOPLE.other, {
      callbackId: "feedback.submit",
      privateMetadata: JSON.stringify({ requestId }),
      values: feedbackValues({ wentWell: "Forged" }),
    });
    expect(JSON.stringify(forged.json)).toContain("couldn't find");
    expect((await bot.db.feedbackRequests.findById(requestId))?.status).toBe("asked");
    expect(bot.double.dmsTo(PEOPLE.mentee)).toHaveLength(0);
  });

  it("lists feedback still owed on the mentor's App Home, and drops it once given there", async () => {
    const { requestId } = await askNow("Quarterly demo");
    const home = await mentorsHome();
    expect(home).toContain("Feedback you owe");
    expect(home).toContain("Quarterly demo");

    // Given from the form: the Home is published again at once, without it.
    const publishes = () =>
      bot.double.calls("views.publish").filter((c) => c.params.user_id === PEOPLE.mentor);
    const before = publishes().length;
    const submitted = await openAndSubmit(requestId, { wentWell: "Clear diagrams." });
    expect(submitted.json).toBeUndefined();
    await bot.double.waitFor("views.publish", () => publishes().length > before);
    const refreshed = JSON.stringify(publishes().at(-1)?.params.view);
    expect(refreshed).not.toContain("Feedback you owe");
    expect(refreshed).not.toContain("Quarterly demo");
  });
});

describe("exactly once across replicas", () => {
  it("sends a scheduled prompt once when two bots sweep at the same moment", async () => {
    const second = await startTestBot({
      MONGODB_URI: bot.config.mongodbUri,
      QUEUE_PREFIX: bot.config.queuePrefix,
      SLACK_API_URL: bot.double.apiUrl,
    });
    try {
      await say(bot, PEOPLE.mentee, "feedback Team offsite in 30m");
      for (const b of [bot, second]) b.clock.set("2026-11-23T15:30:00Z");
      await Promise.all([bot.sweepNow(), second.sweepNow(), bot.sweepNow(), second.sweepNow()]);
      await dm(PEOPLE.mentor);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(bot.double.dmsTo(PEOPLE.mentor)).toHaveLength(1);
    } finally {
      await second.stop();
    }
  });
});

/**
 * Redis loses the jobs of one name waiting in the notifications queue (in backoff): removed as
 * jobs, so the worker and the rest of the bot's keys stay as a running bot would find them. How many.
 */
async function loseJobs(name: string): Promise<number> {
  const connection = new Redis(bot.config.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue("notifications", { connection, prefix: bot.config.queuePrefix });
  try {
    const jobs = await queue.getJobs(["delayed", "waiting", "prioritized", "failed"]);
    const expiries = jobs.filter((job) => job?.name === name);
    for (const job of expiries) await job.remove();
    return expiries.length;
  } finally {
    await queue.close();
    await connection.quit();
  }
}
