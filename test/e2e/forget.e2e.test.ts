// `/mentor forget me` (and an admin's `/mentor forget @person`): after a confirmation, the person's
// mentorships end, what they wrote and their profile are deleted, the other person's own records
// stay naming "a former member", and the audit trail keeps ids and actions but no free text.
import mongoose, { type Connection } from "mongoose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  buttonsIn,
  pairAsAdmin,
  say,
  sayFull,
  textOf,
  waitForDm,
} from "../support/mentor-commands.js";
import { notificationsDrained } from "../support/queue-drain.js";
import { at, errorLogs, PEOPLE, sharedTestBot } from "../support/test-bot.js";

const bot = sharedTestBot();
let rel: string;
let raw: Connection;

// Words only the mentee wrote, and words only the mentor wrote.
const MENTEE_WORDS = [
  "Lead a platform team",
  "Booked the exam",
  "someone in product",
  "Quarterly demo",
  "Weekly calls worked",
];
const MENTOR_WORDS = ["Finish the AWS certification", "Reviewed the study plan", "Clear slides"];

beforeEach(async () => {
  raw = await mongoose.createConnection(bot.config.mongodbUri).asPromise();
  rel = await pairAsAdmin(bot);
  await say(bot, PEOPLE.mentee, "goal Lead a platform team");
  await say(bot, PEOPLE.mentor, `milestone add Finish the AWS certification ${at(PEOPLE.mentee)}`);
  await say(bot, PEOPLE.mentee, "log 1 Booked the exam for June");
  await say(bot, PEOPLE.mentor, `log 1 Reviewed the study plan ${at(PEOPLE.mentee)}`);
  await say(bot, PEOPLE.mentee, "intro request someone in product");
  expect(await say(bot, PEOPLE.mentee, "feedback Quarterly demo")).toContain("I've asked");
  const prompt = await waitForDm(bot, PEOPLE.mentor, "would love your feedback");
  const give = buttonsIn(prompt.params.blocks).find((b) => b.actionId === "feedback.give");
  await bot.slack.blockAction(PEOPLE.mentor, {
    actionId: "feedback.give",
    value: give?.value ?? "",
  });
  await bot.double.waitFor("views.open");
  const text = (value: string) => ({ value: { type: "plain_text_input", value } });
  const submitted = await bot.slack.viewSubmission(PEOPLE.mentor, {
    callbackId: "feedback.submit",
    values: {
      wentWell: text("Clear slides"),
      toImprove: text("Slow down"),
      rating: { value: { type: "static_select", selected_option: null } },
      nextStep: text(""),
    },
  });
  expect(submitted.json).toBeUndefined();
  await notificationsDrained(bot);
});
afterEach(async () => {
  expect(errorLogs(bot)).toEqual([]);
  await raw.close();
});

/** Every stored document of every collection, as one string per collection. */
async function everything(except: string[] = []): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const db = raw.db;
  if (!db) throw new Error("not connected");
  for (const { name } of await db.listCollections().toArray()) {
    if (except.includes(name)) continue;
    out[name] = JSON.stringify(await db.collection(name).find().toArray());
  }
  return out;
}

async function confirmForget(actorId: string, text: string): Promise<string> {
  const reply = await sayFull(bot, actorId, text);
  const forget = buttonsIn(reply.blocks).find((b) => b.text === "Forget");
  expect(forget).toBeDefined();
  const sent = await bot.slack.blockAction(actorId, {
    actionId: "person.forget.confirm",
    value: forget?.value ?? "",
  });
  const done = String((await bot.double.waitForResponse(sent.responseUrl)).text);
  await notificationsDrained(bot);
  return done;
}

describe("/mentor forget", () => {
  it("the confirmation counts only the mentorships that forgetting ends, in the reader's words", async () => {
    // An earlier mentorship with another mentor, ended: not counted.
    const past = await pairAsAdmin(bot, PEOPLE.other, PEOPLE.mentee);
    await bot.db.relationships.end(past, "active", "ended", bot.clock.now());
    const mine = textOf(await sayFull(bot, PEOPLE.mentee, "forget me"));
    expect(mine).toContain("Your mentorship ends (the other person is thanked as usual).");
    const theirs = textOf(await sayFull(bot, PEOPLE.admin, `forget ${at(PEOPLE.mentee)}`));
    expect(theirs).toContain(`<@${PEOPLE.mentee}>'s mentorship ends`);
  });

  it("forget me: asks first; then ends the pair, deletes what they wrote, keeps the mentor's records", async () => {
    const asked = await sayFull(bot, PEOPLE.mentee, "forget me");
    expect(textOf(asked)).toContain("can't be undone");
    expect(buttonsIn(asked.blocks).map((b) => b.text)).toEqual(["Forget", "Keep"]);
    const kept = await bot.slack.blockAction(PEOPLE.mentee, {
      actionId: "person.forget.cancel",
      value: PEOPLE.mentee,
    });
    expect(String((await bot.double.waitForResponse(kept.responseUrl)).text)).toContain(
      "nothing was deleted",
    );
    expect(await bot.db.people.find(PEOPLE.mentee)).not.toBeNull();

    // The aspiration is the mentee's even when their mentor typed it last; their blocks are theirs.
    await say(bot, PEOPLE.mentor, `goal Lead a platform team by 2028-06-30 ${at(PEOPLE.mentee)}`);
    expect((await bot.db.relationships.findById(rel))?.goal?.updatedBy).toBe(PEOPLE.mentor);
    await say(bot, PEOPLE.mentee, `block ${at(PEOPLE.other)}`);
    expect(await bot.db.blocks.has(PEOPLE.mentee, PEOPLE.other)).toBe(true);
    // A job of theirs that failed for good names them in the admins' list of failures.
    await bot.db.failedJobs.record({
      queue: "notifications",
      name: "people.zone-changed",
      jobId: "zone-1",
      data: { userId: PEOPLE.mentee, zone: "Europe/Berlin" },
      reason: "Slack said no",
      attempts: 5,
      failedAt: bot.clock.now(),
    });

    expect(await confirmForget(PEOPLE.mentee, "forget me")).toContain("forgotten your data");

    // What the mentee wrote is nowhere; the audit keeps ids and actions only.
    const stored = await everything();
    for (const [collection, docs] of Object.entries(stored)) {
      for (const words of MENTEE_WORDS)
        expect(docs, `${collection}: ${words}`).not.toContain(words);
    }
    for (const words of MENTOR_WORDS) expect(Object.values(stored).join()).toContain(words);
    // Their id survives only where the trail keeps ids (audit, delivery keys), never as a person.
    const beyondTrail = await everything(["audit_log", "deliveries"]);
    for (const [collection, docs] of Object.entries(beyondTrail)) {
      expect(docs, collection).not.toContain(PEOPLE.mentee);
    }
    expect(await bot.db.people.find(PEOPLE.mentee)).toBeNull();
    const audit = await bot.db.audit.listFor(PEOPLE.mentee);
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ["person.blocked", PEOPLE.mentee],
      ["person.forgotten", PEOPLE.mentee],
    ]);
    expect(await bot.db.blocks.has(PEOPLE.mentee, PEOPLE.other)).toBe(false);

    // The pair ended; the mentor keeps the roadmap, naming a former member, and is thanked once.
    expect(await bot.db.relationships.findById(rel)).toMatchObject({
      status: "ended",
      menteeId: "former-member",
      mentorId: PEOPLE.mentor,
    });
    const roadmap = textOf(await sayFull(bot, PEOPLE.mentor, "roadmap"));
    expect(roadmap).toContain("a former member");
    expect(roadmap).toContain("Finish the AWS certification");
    expect(roadmap).toContain("Reviewed the study plan");
    const closing = bot.double
      .dmsTo(PEOPLE.mentor)
      .filter((c) => String(c.params.text).includes("has ended"));
    expect(closing).toHaveLength(1);
    expect(textOf(closing[0])).toContain("a former member");
    expect(
      bot.double.dmsTo(PEOPLE.mentee).filter((c) => String(c.params.text).includes("has ended")),
    ).toEqual([]);

    // The same person can start again later, as a new mentorship.
    const again = await pairAsAdmin(bot);
    expect(again).not.toBe(rel);
  });

  it.each([
    ["kept on the pair", false],
    ["found in the audit trail (a pair reassigned before pairs kept it)", true],
  ])(
    "a mentor an admin moved away is forgotten in that pair too (%s); it carries on",
    async (_, legacy) => {
      const NEW_MENTOR = "UNEWMENT2";
      bot.double.addUser({
        id: NEW_MENTOR,
        name: "nora",
        realName: "Nora New",
        tz: "Europe/London",
      });
      expect(
        await say(bot, PEOPLE.admin, `reassign ${at(PEOPLE.mentee)} ${at(NEW_MENTOR)}`),
      ).toContain("now continues");
      await notificationsDrained(bot);
      expect((await bot.db.relationships.findById(rel))?.formerMentorIds).toEqual([PEOPLE.mentor]);
      if (legacy) {
        await raw
          .collection("relationships")
          .updateOne(
            { _id: new mongoose.Types.ObjectId(rel) },
            { $unset: { formerMentorIds: "" } },
          );
      }

      expect(await confirmForget(PEOPLE.mentor, "forget me")).toContain("forgotten your data");

      // The pair is not theirs to end: it goes on with its new mentor and the mentee's words.
      expect(await bot.db.relationships.findById(rel)).toMatchObject({
        status: "active",
        mentorId: NEW_MENTOR,
        menteeId: PEOPLE.mentee,
      });
      const stored = await everything();
      for (const words of ["Reviewed the study plan", "Clear slides"]) {
        expect(Object.values(stored).join(), words).not.toContain(words);
      }
      expect(Object.values(stored).join()).toContain("Booked the exam");
      for (const [collection, docs] of Object.entries(
        await everything(["audit_log", "deliveries"]),
      )) {
        expect(docs, collection).not.toContain(PEOPLE.mentor);
      }
      const roadmap = textOf(await sayFull(bot, NEW_MENTOR, "roadmap"));
      expect(roadmap).toContain("Finish the AWS certification");
      expect(roadmap).not.toContain("Reviewed the study plan");
    },
  );

  it("forget pressed again after a failure part-way finishes: no note of theirs stays, the partner is thanked once", async () => {
    // A check-in the mentee answered with a note (kept on the check-in and on its answer's mark).
    const now = bot.clock.now();
    const { checkin } = await bot.db.checkins.createForSlot({
      relationshipId: rel,
      mentorId: PEOPLE.mentor,
      menteeId: PEOPLE.mentee,
      slot: "2026-W48",
      scheduledFor: now,
      now,
    });
    const note = "Blocked on the lab budget";
    await bot.db.checkins.answer(checkin.id, {
      kind: "need_help",
      note,
      milestoneTitles: [],
      by: PEOPLE.mentee,
      at: now,
    });
    await forgetMenteeFailingPartWay();
    expect(await confirmForget(PEOPLE.mentee, "forget me")).toContain("forgotten your data");
    const stored = await everything();
    for (const [collection, docs] of Object.entries(stored)) {
      for (const words of [note, ...MENTEE_WORDS]) {
        expect(docs, `${collection}: ${words}`).not.toContain(words);
      }
    }
    await expectNoMenteeId();
    const closing = bot.double
      .dmsTo(PEOPLE.mentor)
      .filter((c) => String(c.params.text).includes("has ended"));
    expect(closing).toHaveLength(1);
    // Pressed once more, it is done: nothing is sent again.
    await confirmForget(PEOPLE.mentee, "forget me");
    expect(endedNoticesToMentor()).toHaveLength(1);
  });

  it("a forgetting finished more than a week after it failed forgets all, and sends no stale thanks", async () => {
    await forgetMenteeFailingPartWay();
    bot.clock.advance(8 * 24 * 3600_000);
    expect(await confirmForget(PEOPLE.mentee, "forget me")).toContain("forgotten your data");
    await expectNoMenteeId();
    await notificationsDrained(bot);
    expect(endedNoticesToMentor()).toEqual([]);
  });

  it("a forgetting cut short is finished by the sweep, nobody pressing Forget again: the partner is thanked once", async () => {
    await forgetMenteeFailingPartWay();
    // Just begun, it may still be running: the sweep leaves it for now.
    expect((await bot.sweepNow()).forgettings).toEqual({ finished: 0, failed: 0 });
    bot.clock.advance(10 * 60_000);
    expect((await bot.sweepNow()).forgettings).toEqual({ finished: 1, failed: 0 });
    await notificationsDrained(bot);
    const stored = await everything();
    for (const [collection, docs] of Object.entries(stored)) {
      for (const words of MENTEE_WORDS) {
        expect(docs, `${collection}: ${words}`).not.toContain(words);
      }
    }
    await expectNoMenteeId();
    // The next sweep finds nothing left to finish, and sends nothing again.
    expect((await bot.sweepNow()).forgettings).toEqual({ finished: 0, failed: 0 });
    await notificationsDrained(bot);
    expect(endedNoticesToMentor()).toHaveLength(1);
  });

  it("a forgetting recorded before the sweep finished them is marked by the hourly purge, then finished", async () => {
    await forgetMenteeFailingPartWay();
    // As the release before wrote it (or a replica of it, in a rolling upgrade).
    await raw.collection("forgettings").updateMany({}, { $unset: { state: "" } });
    bot.clock.advance(10 * 60_000);
    expect((await bot.sweepNow()).forgettings).toEqual({ finished: 0, failed: 0 });
    await bot.purgeNow();
    expect((await bot.sweepNow()).forgettings).toEqual({ finished: 1, failed: 0 });
    await expectNoMenteeId();
  });

  it("a forgetting the sweep finishes more than a week after it failed sends no stale thanks", async () => {
    await forgetMenteeFailingPartWay();
    bot.clock.advance(8 * 24 * 3600_000);
    expect((await bot.sweepNow()).forgettings).toEqual({ finished: 1, failed: 0 });
    await expectNoMenteeId();
    await notificationsDrained(bot);
    expect(endedNoticesToMentor()).toEqual([]);
  });

  it("feedback asked of someone forgotten is cancelled, and the mentee told once, not left to expire", async () => {
    // 09:00 in Los Angeles, Olly's zone: inside their working hours, so asked at once.
    bot.clock.set("2026-11-23T17:00:00Z");
    expect(
      await say(bot, PEOPLE.mentee, `feedback Roadmap review from ${at(PEOPLE.other)}`),
    ).toContain(`I've asked <@${PEOPLE.other}>`);
    await waitForDm(bot, PEOPLE.other, "Roadmap review");
    await notificationsDrained(bot);
    const [request] = (await bot.db.feedbackRequests.listByRequester(PEOPLE.mentee)).filter(
      (r) => r.topic === "Roadmap review",
    );
    expect(request?.status).toBe("asked");

    expect(await confirmForget(PEOPLE.admin, `forget ${at(PEOPLE.other)}`)).toContain("forgotten");

    expect(await bot.db.feedbackRequests.findById(request?.id ?? "")).toMatchObject({
      status: "cancelled",
      giverId: "former-member",
    });
    const told = bot.double
      .dmsTo(PEOPLE.mentee)
      .filter((c) => String(c.params.text).includes("was cancelled"));
    expect(told).toHaveLength(1);
    expect(textOf(told[0])).toContain("Roadmap review");
    expect(textOf(told[0])).not.toContain(PEOPLE.other);
    // A week on, nothing expires: there is nothing left to wait for.
    bot.clock.set(new Date(bot.clock.now().getTime() + 8 * 24 * 3600 * 1000));
    expect((await bot.sweepNow()).feedback.expired).toBe(0);
    await notificationsDrained(bot);
    expect(
      bot.double.dmsTo(PEOPLE.mentee).filter((c) => String(c.params.text).includes("expired")),
    ).toEqual([]);
  });

  it("a pairing request never accepted is withdrawn quietly: its invitee gets no closing note", async () => {
    expect(await say(bot, PEOPLE.other, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.other)}`)).toContain(
      "to accept",
    );
    await waitForDm(bot, PEOPLE.mentor, "would like you to be their mentor");
    const [request] = await bot.db.relationships.listForUser(PEOPLE.other, ["pending"]);

    expect(await confirmForget(PEOPLE.other, "forget me")).toContain("forgotten your data");

    expect(await bot.db.relationships.findById(request?.id ?? "")).toMatchObject({
      status: "ended",
      menteeId: "former-member",
    });
    expect(endedNoticesToMentor()).toEqual([]);
  });

  it("a forgotten person's next profile change does not bring their profile back", async () => {
    expect(await confirmForget(PEOPLE.mentee, "forget me")).toContain("forgotten your data");
    const change = (id: string, name: string) =>
      bot.slack.event({ type: "user_change", user: { id, name, tz: "Europe/Berlin" } });
    await change(PEOPLE.mentee, "sam-renamed");
    // Nor is a member who never used the bot stored because they changed their profile.
    await change("USTRANGER", "stranger");
    // A known person's change, sent last, says when the events were handled.
    await change(PEOPLE.mentor, "maria-renamed");
    const deadline = Date.now() + 8_000;
    while ((await bot.db.people.find(PEOPLE.mentor))?.displayName !== "maria-renamed") {
      if (Date.now() > deadline) throw new Error("the mentor's change was not handled");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await notificationsDrained(bot);
    expect(await bot.db.people.find(PEOPLE.mentee)).toBeNull();
    expect(await bot.db.people.find("USTRANGER")).toBeNull();
    expect(await bot.db.people.find(PEOPLE.mentor)).toMatchObject({ timezone: "Europe/Berlin" });
  });

  it("an admin can forget someone; anyone else naming another person is refused and nothing is written", async () => {
    const before = await everything();
    const cases: Array<[string, string, string]> = [
      [PEOPLE.other, `forget ${at(PEOPLE.mentee)}`, "Only program admins"],
      [PEOPLE.mentor, `forget ${at(PEOPLE.mentee)}`, "Only program admins"],
      [PEOPLE.admin, `forget ${at(PEOPLE.bot)}`, "is a bot"],
      [PEOPLE.admin, `forget ${at("UNOBODY1")}`, "couldn't find"],
      [PEOPLE.admin, "forget", "forget me"],
      [PEOPLE.admin, "forget everyone", "forget me"],
    ];
    for (const [who, text, expected] of cases) {
      expect(await say(bot, who, text), text).toContain(expected);
    }
    // A forged confirm button from someone who isn't an admin.
    const forged = await bot.slack.blockAction(PEOPLE.other, {
      actionId: "person.forget.confirm",
      value: PEOPLE.mentee,
    });
    expect(String((await bot.double.waitForResponse(forged.responseUrl)).text)).toContain(
      "Only program admins",
    );
    await notificationsDrained(bot);
    const after = await everything();
    // (Looking people up caches their Slack profile, as for any command; nothing else changes.)
    for (const name of Object.keys(before).filter((n) => n !== "people")) {
      expect(after[name], name).toEqual(before[name]);
    }

    expect(await confirmForget(PEOPLE.admin, `forget ${at(PEOPLE.mentor)}`)).toContain(
      `forgotten <@${PEOPLE.mentor}>'s data`,
    );
    expect(await bot.db.relationships.findById(rel)).toMatchObject({
      status: "ended",
      mentorId: "former-member",
    });
    // Feedback the mentor gave is deleted; the mentee's own words stay.
    const stored = Object.values(await everything()).join();
    expect(stored).not.toContain("Clear slides");
    expect(stored).not.toContain("Reviewed the study plan");
    expect(stored).toContain("Booked the exam");
    const audit = await bot.db.audit.listFor(PEOPLE.mentor);
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([["person.forgotten", PEOPLE.admin]]);
    await waitForDm(bot, PEOPLE.mentee, "has ended");
  });
});

/**
 * The mentee's "Forget" fails part-way, after their pair already names a former member: the
 * milestones' share meets a unique index their milestone can't be renamed under (a database
 * error mid-way), which is then taken away again.
 */
async function forgetMenteeFailingPartWay(): Promise<void> {
  await say(bot, PEOPLE.mentee, "milestone add Give a talk");
  const milestones = raw.collection("milestones");
  await milestones.insertOne({ relationshipId: "elsewhere", createdBy: "former-member" });
  await milestones.createIndex({ createdBy: 1 }, { unique: true, name: "fails_once" });
  expect(await confirmForget(PEOPLE.mentee, "forget me")).toContain("something went wrong");
  expect(errorLogs(bot).map((l) => l.msg)).toEqual(["listener failed"]);
  bot.logs.length = 0;
  expect((await bot.db.relationships.findById(rel))?.menteeId).toBe("former-member");
  await milestones.dropIndex("fails_once");
  await milestones.deleteOne({ relationshipId: "elsewhere" });
}

/** The mentee's id is gone even where ids are kept (the audit trail, the delivery ledger). */
async function expectNoMenteeId(): Promise<void> {
  for (const [collection, docs] of Object.entries(await everything(["audit_log", "deliveries"]))) {
    expect(docs, collection).not.toContain(PEOPLE.mentee);
  }
}

/** The "your mentorship has ended" DMs the mentor got. */
function endedNoticesToMentor() {
  return bot.double.dmsTo(PEOPLE.mentor).filter((c) => String(c.params.text).includes("has ended"));
}
