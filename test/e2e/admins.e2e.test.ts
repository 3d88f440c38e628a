// Program admins in the app: listed, added and removed by admins only; an added admin counts
// at once (on another replica too) for every admin check and every "tell the admins".
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { pairAsAdmin, say, textOf, waitForDm } from "../support/mentor-commands.js";
import { notificationsDrained } from "../support/queue-drain.js";
import { at, errorLogs, PEOPLE, type TestBot, TestBots } from "../support/test-bot.js";

const bots = new TestBots();

const newBot = (env: Record<string, string> = {}): Promise<TestBot> => bots.start(env);

afterEach(async () => {
  for (const bot of bots.inUse()) expect(errorLogs(bot)).toEqual([]);
  await bots.release();
});
afterAll(() => bots.stopAll());

const storedAdmins = async (bot: TestBot) => (await bot.db.admins.list()).map((a) => a.userId);
const auditOf = async (bot: TestBot, userId: string) =>
  (await bot.db.audit.listFor(userId)).map((a) => [a.action, a.actorId]);

describe("/mentor admins", () => {
  it("lists the bootstrap admin, and an admin added in the app can at once pair people directly", async () => {
    const bot = await newBot();
    const list = await say(bot, PEOPLE.admin, "admins");
    expect(list).toContain(`<@${PEOPLE.admin}>`);
    expect(list).toContain("can't be removed here");

    // Before: Olly is no admin, so pairing two other people is refused.
    expect(
      await say(bot, PEOPLE.other, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`),
    ).toContain("Only a program admin");
    expect(await say(bot, PEOPLE.admin, `admins add ${at(PEOPLE.other)}`)).toContain(
      `<@${PEOPLE.other}> is now a program admin`,
    );
    expect(
      await say(bot, PEOPLE.other, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`),
    ).toContain("is now mentoring");
    expect(await say(bot, PEOPLE.other, "failures")).toContain("No failed work");
    const listed = await say(bot, PEOPLE.other, "admins");
    expect(listed).toContain(`<@${PEOPLE.other}> (added by <@${PEOPLE.admin}>`);
    expect(await auditOf(bot, PEOPLE.other)).toEqual([["admin.added", PEOPLE.admin]]);

    expect(await say(bot, PEOPLE.admin, `admins remove ${at(PEOPLE.other)}`)).toContain(
      "no longer a program admin",
    );
    expect(await say(bot, PEOPLE.other, "admins")).toContain("Only program admins");
    expect(await storedAdmins(bot)).toEqual([]);
    expect(await auditOf(bot, PEOPLE.other)).toEqual([
      ["admin.added", PEOPLE.admin],
      ["admin.removed", PEOPLE.admin],
    ]);
  });

  it("an admin added on one replica is an admin on another at once", async () => {
    const first = await newBot();
    const second = await newBot({
      MONGODB_URI: first.config.mongodbUri,
      QUEUE_PREFIX: first.config.queuePrefix,
    });
    expect(await say(second, PEOPLE.other, "admins")).toContain("Only program admins");
    await say(first, PEOPLE.admin, `admins add ${at(PEOPLE.other)}`);
    expect(await say(second, PEOPLE.other, "admins")).toContain(`<@${PEOPLE.other}>`);
    await say(first, PEOPLE.admin, `admins remove ${at(PEOPLE.other)}`);
    expect(await say(second, PEOPLE.other, "admins")).toContain("Only program admins");
  });

  it("an added admin hears what the admins are told (a shout-out that could not be posted)", async () => {
    const bot = await newBot({ CELEBRATION_CHANNEL_ID: "CWINS0001" });
    await say(bot, PEOPLE.admin, `admins add ${at(PEOPLE.other)}`);
    await pairAsAdmin(bot);
    await say(bot, PEOPLE.mentee, "milestone add Finish the AWS certification");
    await notificationsDrained(bot);
    bot.double.failNext("chat.postMessage", { error: "not_in_channel" });
    bot.double.failNext("conversations.join", { error: "method_not_supported_for_channel_type" });
    await say(bot, PEOPLE.mentee, "done 1");
    const [bootstrap, added] = await Promise.all([
      waitForDm(bot, PEOPLE.admin, "couldn't post"),
      waitForDm(bot, PEOPLE.other, "couldn't post"),
    ]);
    expect(textOf(added)).toContain("I'm not a member of that channel");
    expect(textOf(bootstrap)).toContain("I'm not a member of that channel");
  });

  it("refuses non-admins and bad input with a clear reply, and writes nothing", async () => {
    const bot = await newBot();
    const cases: Array<[string, string, string]> = [
      [PEOPLE.mentor, "admins", "Only program admins"],
      [PEOPLE.mentor, `admins add ${at(PEOPLE.mentor)}`, "Only program admins"],
      [PEOPLE.mentor, `admins remove ${at(PEOPLE.admin)}`, "Only program admins"],
      [PEOPLE.admin, `admins add ${at(PEOPLE.bot)}`, "is a bot"],
      [PEOPLE.admin, `admins add ${at("UNOBODY1")}`, "couldn't find"],
      [PEOPLE.admin, `admins add ${at(PEOPLE.gone)}`, "couldn't find"],
      [PEOPLE.admin, `admins add ${at(PEOPLE.admin)}`, "already a program admin"],
      [PEOPLE.admin, `admins remove ${at(PEOPLE.admin)}`, "can't be removed here"],
      [PEOPLE.admin, `admins remove ${at(PEOPLE.other)}`, "isn't a program admin"],
      [PEOPLE.admin, "admins add olly", "Name one person with @"],
      [PEOPLE.admin, "admins promote", "`add @person` or `remove @person`"],
    ];
    for (const [who, text, expected] of cases) {
      expect(await say(bot, who, text), text).toContain(expected);
    }
    expect(await storedAdmins(bot)).toEqual([]);
    for (const id of [PEOPLE.mentor, PEOPLE.admin, PEOPLE.bot, PEOPLE.gone, PEOPLE.other]) {
      expect(await bot.db.audit.listFor(id)).toEqual([]);
    }
  });

  it("adding the same person twice keeps one record; the last admin can't remove themself", async () => {
    // No bootstrap admins: the program is run by admins added earlier.
    const bot = await newBot({ ADMIN_USER_IDS: "" });
    await bot.db.admins.add(PEOPLE.other, PEOPLE.admin, bot.clock.now());
    expect(await say(bot, PEOPLE.other, `admins add ${at(PEOPLE.mentor)}`)).toContain(
      "is now a program admin",
    );
    expect(await say(bot, PEOPLE.other, `admins add ${at(PEOPLE.mentor)}`)).toContain(
      "already a program admin",
    );
    expect(await say(bot, PEOPLE.mentor, `admins remove ${at(PEOPLE.other)}`)).toContain(
      "no longer a program admin",
    );
    expect(await say(bot, PEOPLE.mentor, `admins remove ${at(PEOPLE.mentor)}`)).toContain(
      "You're the only program admin",
    );
    expect(await storedAdmins(bot)).toEqual([PEOPLE.mentor]);
  });
});
