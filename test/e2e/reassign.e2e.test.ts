// Reassigning a mentee to a new mentor (admins): the same mentorship carries on with its roadmap,
// progress and cadence; the old mentor is thanked, the new one introduced with the roadmap so far.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pairAsAdmin, say, textOf, waitForDm } from "../support/mentor-commands.js";
import { notificationsDrained } from "../support/queue-drain.js";
import { at, errorLogs, PEOPLE, sharedTestBot } from "../support/test-bot.js";

const bot = sharedTestBot();
let rel: string;
const NEW_MENTOR = "UNEWMENT1";

beforeEach(async () => {
  bot.double.addUser({ id: NEW_MENTOR, name: "nina", realName: "Nina New", tz: "Europe/London" });
  rel = await pairAsAdmin(bot);
  await say(bot, PEOPLE.mentee, "goal Lead a platform team");
  await say(bot, PEOPLE.mentee, "milestone add Finish the AWS certification");
  await say(bot, PEOPLE.mentee, "milestone add Give a conference talk");
  await say(bot, PEOPLE.mentee, "log 1 Booked the exam for June");
  await say(bot, PEOPLE.mentee, "checkin every biweekly thu 16:00");
  await notificationsDrained(bot);
});
afterEach(() => {
  expect(errorLogs(bot)).toEqual([]);
});

describe("/mentor reassign", () => {
  it("moves the mentorship to the new mentor, keeping roadmap, progress and cadence", async () => {
    const before = await bot.db.relationships.findById(rel);
    expect(
      await say(bot, PEOPLE.admin, `reassign ${at(PEOPLE.mentee)} ${at(NEW_MENTOR)}`),
    ).toContain("now continues with");
    const after = await bot.db.relationships.findById(rel);
    expect(after).toMatchObject({
      status: "active",
      mentorId: NEW_MENTOR,
      menteeId: PEOPLE.mentee,
      goal: before?.goal,
      cadence: before?.cadence,
    });
    expect((await bot.db.milestones.list(rel)).map((m) => [m.title, m.status])).toEqual([
      ["Finish the AWS certification", "in_progress"],
      ["Give a conference talk", "planned"],
    ]);

    const [old, fresh, mentee] = await Promise.all([
      waitForDm(bot, PEOPLE.mentor, "Thank you for mentoring"),
      waitForDm(bot, NEW_MENTOR, "your new mentee"),
      waitForDm(bot, PEOPLE.mentee, "now continues with"),
    ]);
    expect(textOf(old)).toContain(`<@${NEW_MENTOR}>`);
    expect(textOf(fresh)).toContain(`taking over their mentorship from <@${PEOPLE.mentor}>`);
    expect(textOf(fresh)).toContain("Finish the AWS certification");
    expect(textOf(fresh)).toContain("Lead a platform team");
    expect(textOf(mentee)).toContain(`<@${NEW_MENTOR}>`);
    await notificationsDrained(bot);
    for (const who of [PEOPLE.mentor, NEW_MENTOR, PEOPLE.mentee]) {
      const reassignDms = bot.double
        .dmsTo(who)
        .filter((c) =>
          /now continues|taking over|Thank you for mentoring/.test(String(c.params.text)),
        );
      expect(reassignDms, who).toHaveLength(1);
    }

    // The new mentor now works with the roadmap; the old one no longer can.
    expect(await say(bot, NEW_MENTOR, "roadmap")).toContain("Finish the AWS certification");
    expect(await say(bot, PEOPLE.mentor, "roadmap")).toContain("No roadmap found");
    const audit = (await bot.db.audit.listFor(rel)).filter(
      (a) => a.action === "relationship.reassigned",
    );
    expect(audit).toMatchObject([
      {
        actorId: PEOPLE.admin,
        details: { menteeId: PEOPLE.mentee, fromMentorId: PEOPLE.mentor, toMentorId: NEW_MENTOR },
      },
    ]);
    // The old mentor and the mentee may pair again later: their pair key was freed.
    expect(await bot.db.relationships.findOpenBetween(PEOPLE.mentor, PEOPLE.mentee)).toBeNull();
  });

  it("the new mentor's introduction marks overdue by their own date, not UTC's", async () => {
    // 15:00 UTC on 2026-11-23 is already 04:00 on the 24th in Auckland: due the 23rd is overdue there.
    const FAR_MENTOR = "UFARMENT1";
    bot.double.addUser({
      id: FAR_MENTOR,
      name: "aro",
      realName: "Aro Far",
      tz: "Pacific/Auckland",
    });
    await say(bot, PEOPLE.mentee, "milestone add Ship the migration by 2026-11-23");
    await say(bot, PEOPLE.admin, `reassign ${at(PEOPLE.mentee)} ${at(FAR_MENTOR)}`);
    const intro = JSON.stringify(
      (await waitForDm(bot, FAR_MENTOR, "your new mentee")).params.blocks,
    );
    expect(intro).toMatch(/Ship the migration\*[^"]*overdue\*, was due/);
  });

  it("a retry after the notices could not be queued sends them, once", async () => {
    // What a failed queue leaves: the pair moved and audited, its notices never queued.
    const current = await bot.db.relationships.findById(rel);
    if (!current) throw new Error("no pair");
    const now = bot.clock.now();
    await bot.db.relationships.reassign(current, NEW_MENTOR, now);
    await bot.db.audit.record({
      at: now,
      actorId: PEOPLE.admin,
      action: "relationship.reassigned",
      entityType: "relationship",
      entityId: rel,
      details: {
        menteeId: PEOPLE.mentee,
        fromMentorId: PEOPLE.mentor,
        toMentorId: NEW_MENTOR,
        at: String(now.getTime()),
      },
    });
    const notices = () =>
      [PEOPLE.mentor, NEW_MENTOR, PEOPLE.mentee].map(
        (who) =>
          bot.double
            .dmsTo(who)
            .filter((c) =>
              /now continues|taking over|Thank you for mentoring/.test(String(c.params.text)),
            ).length,
      );
    for (let retry = 0; retry < 2; retry++) {
      expect(
        await say(bot, PEOPLE.admin, `reassign ${at(PEOPLE.mentee)} ${at(NEW_MENTOR)}`),
      ).toContain("already this mentee's mentor");
      await notificationsDrained(bot);
      expect(notices()).toEqual([1, 1, 1]);
    }
  });

  it("a feedback request not yet prompted goes to the new mentor; one naming its giver stays", async () => {
    expect(await say(bot, PEOPLE.mentee, "feedback Demo day in 30m")).toContain(
      `<@${PEOPLE.mentor}>`,
    );
    expect(
      await say(bot, PEOPLE.mentee, `feedback Design review in 30m from ${at(PEOPLE.other)}`),
    ).toContain(`<@${PEOPLE.other}>`);
    await say(bot, PEOPLE.admin, `reassign ${at(PEOPLE.mentee)} ${at(NEW_MENTOR)}`);
    await notificationsDrained(bot);
    const asked = (id: string) =>
      bot.double
        .dmsTo(id)
        .filter((c) => String(c.params.text).includes("would love your feedback"));
    const askedOldMentorBefore = asked(PEOPLE.mentor).length;

    bot.clock.set(new Date(bot.clock.now().getTime() + 31 * 60_000));
    await bot.sweepNow();
    const prompt = await waitForDm(bot, NEW_MENTOR, "would love your feedback");
    expect(textOf(prompt)).toContain("Demo day");
    await notificationsDrained(bot);
    const requests = await bot.db.feedbackRequests.listByRequester(PEOPLE.mentee);
    expect(requests.map((r) => [r.topic, r.giverId])).toEqual([
      ["Demo day", NEW_MENTOR],
      ["Design review", PEOPLE.other],
    ]);
    expect(asked(PEOPLE.mentor)).toHaveLength(askedOldMentorBefore);
    expect(asked(NEW_MENTOR)).toHaveLength(1);
  });

  it("refuses bad input and non-admins with a clear reply, and changes nothing", async () => {
    await pairAsAdmin(bot, PEOPLE.other, NEW_MENTOR);
    const cases: Array<[string, string, string]> = [
      [PEOPLE.mentor, `reassign ${at(PEOPLE.mentee)} ${at(NEW_MENTOR)}`, "Only program admins"],
      [PEOPLE.mentee, `reassign ${at(PEOPLE.mentee)} ${at(NEW_MENTOR)}`, "Only program admins"],
      [PEOPLE.admin, `reassign ${at("UNOBODY1")} ${at(NEW_MENTOR)}`, "couldn't find"],
      [PEOPLE.admin, `reassign ${at(PEOPLE.mentee)} ${at(PEOPLE.bot)}`, "is a bot"],
      [PEOPLE.admin, `reassign ${at(PEOPLE.mentee)} ${at(PEOPLE.gone)}`, "couldn't find"],
      [PEOPLE.admin, `reassign ${at(PEOPLE.admin)} ${at(NEW_MENTOR)}`, "isn't the mentee"],
      [PEOPLE.admin, `reassign ${at(PEOPLE.mentor)} ${at(NEW_MENTOR)}`, "isn't the mentee"],
      [
        PEOPLE.admin,
        `reassign ${at(PEOPLE.mentee)} ${at(PEOPLE.mentor)}`,
        "already this mentee's mentor",
      ],
      [PEOPLE.admin, `reassign ${at(PEOPLE.mentee)} ${at(PEOPLE.mentee)}`, "with themselves"],
      [
        PEOPLE.admin,
        `reassign ${at(NEW_MENTOR)} ${at(PEOPLE.other)}`,
        "already this mentee's mentor",
      ],
      [PEOPLE.admin, `reassign ${at(PEOPLE.mentee)}`, "Name the mentee first"],
      [PEOPLE.admin, "reassign sam olly", "Name the mentee first"],
    ];
    for (const [who, text, expected] of cases) {
      expect(await say(bot, who, text), text).toContain(expected);
    }
    // A new mentor already paired with this mentee (here: the other way round) is refused.
    await pairAsAdmin(bot, PEOPLE.mentee, PEOPLE.admin);
    expect(
      await say(bot, PEOPLE.admin, `reassign ${at(PEOPLE.mentee)} ${at(PEOPLE.admin)}`),
    ).toContain("already paired");
    expect(await bot.db.relationships.findById(rel)).toMatchObject({ mentorId: PEOPLE.mentor });
    const audit = await bot.db.audit.listFor(rel);
    expect(audit.filter((a) => a.action === "relationship.reassigned")).toEqual([]);
  });
});
