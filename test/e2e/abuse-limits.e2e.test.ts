// Issue 11, per-person limits: one person can't flood someone else's DMs through the bot.
// Caps on waiting pairing requests, asking again after a decline, open feedback requests and
// requests to one giver, introductions a day and milestones a roadmap; and a person's block list.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pairAsAdmin, say } from "../support/mentor-commands.js";
import { notificationsDrained } from "../support/queue-drain.js";
import { at, PEOPLE, startTestBot, type TestBot } from "../support/test-bot.js";

const CROWD = ["UCROWD01", "UCROWD02", "UCROWD03", "UCROWD04", "UCROWD05", "UCROWD06"] as const;
const [A = "", B = "", C = "", D = "", E = "", F = ""] = CROWD;

let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot();
  for (const id of CROWD) bot.double.addUser({ id, name: id.toLowerCase() });
  await pairAsAdmin(bot, PEOPLE.mentor, PEOPLE.mentee);
});
afterAll(async () => {
  await bot.stop();
});

const pending = async (requesterId: string) =>
  (await bot.db.relationships.listForUser(requesterId, ["pending"])).filter(
    (r) => r.requestedBy === requesterId,
  );

describe("pairing requests", () => {
  it("a person has at most 3 requests waiting for an answer", async () => {
    for (const invitee of [A, B, C]) {
      expect(await say(bot, PEOPLE.other, `pair ${at(PEOPLE.other)} ${at(invitee)}`)).toContain(
        "asked",
      );
    }
    expect(await say(bot, PEOPLE.other, `pair ${at(PEOPLE.other)} ${at(D)}`)).toContain(
      "already have 3 pairing requests waiting",
    );
    expect(await pending(PEOPLE.other)).toHaveLength(3);
    expect(await bot.db.relationships.findOpenBetween(PEOPLE.other, D)).toBeNull();
  });

  it("no new request to the same person for 7 days after they decline", async () => {
    expect(await say(bot, E, `pair ${at(E)} ${at(F)}`)).toContain("asked");
    const request = await bot.db.relationships.findOpenBetween(E, F);
    await bot.slack.blockAction(F, { actionId: "pairing.decline", value: request?.id ?? "" });
    for (;;) {
      if ((await bot.db.relationships.findById(request?.id ?? ""))?.status === "ended") break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    expect(await say(bot, E, `pair ${at(F)} ${at(E)}`)).toContain("answered a request from you");
    expect(await pending(E)).toEqual([]);

    bot.clock.advance(8 * 24 * 3600 * 1000);
    try {
      expect(await say(bot, E, `pair ${at(E)} ${at(F)}`)).toContain("asked");
    } finally {
      bot.clock.advance(-8 * 24 * 3600 * 1000);
    }
  });
});

describe("feedback requests", () => {
  it("at most 3 a week to the same giver, and at most 10 open", async () => {
    // 09:00 in Los Angeles, the other givers' zone: inside their hours, so each is asked at once.
    bot.clock.set("2026-11-23T17:00:00Z");
    for (let i = 1; i <= 3; i++) {
      expect(await say(bot, PEOPLE.mentee, `feedback Demo ${i}`)).toContain("I've asked");
    }
    expect(await say(bot, PEOPLE.mentee, "feedback Demo 4")).toContain(
      `asked <@${PEOPLE.mentor}> for feedback 3 times this week`,
    );
    for (const giver of [A, B]) {
      for (let i = 1; i <= 3; i++) {
        expect(await say(bot, PEOPLE.mentee, `feedback Talk ${i} from ${at(giver)}`)).toContain(
          "I've asked",
        );
      }
    }
    expect(await say(bot, PEOPLE.mentee, `feedback Talk 1 from ${at(C)}`)).toContain("I've asked");
    expect(await say(bot, PEOPLE.mentee, `feedback Talk 2 from ${at(C)}`)).toContain(
      "10 feedback requests still open",
    );
    expect(await bot.db.feedbackRequests.listByRequester(PEOPLE.mentee)).toHaveLength(10);
    await notificationsDrained(bot);
    expect(bot.double.dmsTo(C).filter((c) => String(c.params.text).includes("Talk 2"))).toEqual([]);
  });
});

describe("introductions and milestones", () => {
  it("a mentor makes at most 10 introductions a day", async () => {
    for (let i = 1; i <= 10; i++) {
      expect(
        await say(bot, PEOPLE.mentor, `intro ${at(D)} Reason number ${i} to talk`),
      ).not.toContain("introductions in the last day");
    }
    expect(await say(bot, PEOPLE.mentor, `intro ${at(D)} One more`)).toContain(
      "made 10 introductions in the last day",
    );
  });

  it("a roadmap holds at most 50 milestones", async () => {
    const pair = await bot.db.relationships.findOpenBetween(PEOPLE.mentor, PEOPLE.mentee);
    for (let i = 1; i <= 50; i++) {
      await bot.db.milestones.add(pair?.id ?? "", {
        title: `Step ${i}`,
        description: "",
        dueDate: null,
        createdBy: PEOPLE.mentee,
        now: bot.clock.now(),
      });
    }
    expect(await say(bot, PEOPLE.mentee, "milestone add Step 51")).toContain(
      "already has 50 milestones",
    );
    expect(await bot.db.milestones.list(pair?.id ?? "")).toHaveLength(50);
  });
});

describe("blocking", () => {
  it("refuses a blocked person's pairing request, feedback request and introductions, without naming the block", async () => {
    expect(await say(bot, F, `block ${at(PEOPLE.other)}`)).toContain("can't send you");
    expect(await say(bot, E, `block ${at(PEOPLE.mentee)}`)).toContain("can't send you");
    expect(await say(bot, E, `block ${at(E)}`)).toContain("can't block yourself");

    const pairing = await say(bot, PEOPLE.mentor, `pair ${at(PEOPLE.mentor)} ${at(F)}`);
    expect(pairing).toContain("asked");
    const refused = await say(bot, PEOPLE.other, `pair ${at(PEOPLE.other)} ${at(F)}`);
    expect(refused).toBe(`I can't send that to <@${F}>.`);
    expect(await bot.db.relationships.findOpenBetween(PEOPLE.other, F)).toBeNull();

    // E blocked the mentee: no feedback request to E, and no introduction of the mentee to E.
    expect(await say(bot, PEOPLE.mentee, `feedback Retro from ${at(E)}`)).toBe(
      `I can't send that to <@${E}>.`,
    );
    expect(await say(bot, PEOPLE.mentor, `intro ${at(E)} You two should meet`)).toBe(
      `I can't send that to <@${E}>.`,
    );
    await notificationsDrained(bot);
    expect(bot.double.dmsTo(E).filter((c) => String(c.params.text).includes("Retro"))).toEqual([]);
    for (const refusedPerson of [PEOPLE.other, PEOPLE.mentee, PEOPLE.mentor]) {
      const said = bot.double.dmsTo(refusedPerson).map((c) => String(c.params.text));
      expect(said.join("\n")).not.toMatch(/block/i);
    }

    expect(await say(bot, F, `unblock ${at(PEOPLE.other)}`)).toContain("can send you requests");
    expect(await say(bot, F, `unblock ${at(PEOPLE.other)}`)).toContain("wasn't blocked");
  });

  it("an admin can't pair or reassign someone to a person either of them blocked", async () => {
    const [G, H] = ["UCROWD07", "UCROWD08"];
    for (const id of [G, H]) bot.double.addUser({ id, name: id.toLowerCase() });
    // G blocked the admin: the admin can't pair themself with G, nor G with the admin.
    await say(bot, G, `block ${at(PEOPLE.admin)}`);
    expect(await say(bot, PEOPLE.admin, `pair ${at(PEOPLE.admin)} ${at(G)}`)).toBe(
      `I can't pair <@${PEOPLE.admin}> with <@${G}>.`,
    );
    expect(await say(bot, PEOPLE.admin, `pair ${at(G)} ${at(PEOPLE.admin)}`)).toBe(
      `I can't pair <@${G}> with <@${PEOPLE.admin}>.`,
    );
    expect(await bot.db.relationships.findOpenBetween(PEOPLE.admin, G)).toBeNull();

    // Moving the mentee to someone they blocked, or to someone who blocked them: refused.
    const pair = await bot.db.relationships.findOpenBetween(PEOPLE.mentor, PEOPLE.mentee);
    await say(bot, PEOPLE.mentee, `block ${at(G)}`);
    await say(bot, H, `block ${at(PEOPLE.mentee)}`);
    for (const newMentor of [G, H]) {
      expect(await say(bot, PEOPLE.admin, `reassign ${at(PEOPLE.mentee)} ${at(newMentor)}`)).toBe(
        `I can't pair <@${PEOPLE.mentee}> with <@${newMentor}>.`,
      );
    }
    expect(await bot.db.relationships.findById(pair?.id ?? "")).toMatchObject({
      mentorId: PEOPLE.mentor,
    });
    await notificationsDrained(bot);
    for (const who of [G, H]) expect(bot.double.dmsTo(who)).toEqual([]);
  });

  it("refuses the mentor's introduction of the mentee to someone the mentee blocked, in the same words", async () => {
    expect(await say(bot, PEOPLE.mentee, `block ${at(D)}`)).toContain("can't send you");
    const opensBefore = bot.double.calls("conversations.open").length;
    expect(await say(bot, PEOPLE.mentor, `intro ${at(D)} You two should meet`)).toBe(
      `I can't send that to <@${D}>.`,
    );
    await notificationsDrained(bot);
    expect(bot.double.calls("conversations.open")).toHaveLength(opensBefore);
    expect(bot.double.dmsTo(D).filter((c) => String(c.params.text).includes("meet"))).toEqual([]);
  });
});
