// Issue 11: shout-outs go only where the program allows, name no more than the mentee agreed to,
// and a pair can't flood a channel.
import { afterEach, describe, expect, it } from "vitest";
import { pairAsAdmin, say } from "../support/mentor-commands.js";
import { notificationsDrained } from "../support/queue-drain.js";
import { PEOPLE, startTestBot, type TestBot } from "../support/test-bot.js";

const WINS = "CWINS001";
const GENERAL = "CGENERAL";
const TEAM = "CTEAM001";

const started: TestBot[] = [];

async function newBot(): Promise<TestBot> {
  const bot = await startTestBot({ CELEBRATION_CHANNEL_ID: WINS });
  started.push(bot);
  return bot;
}

afterEach(async () => {
  for (const bot of started.splice(0)) await bot.stop();
});

/** Pairs mentor and mentee, sets the aspiration, adds the milestones; returns the pair's id. */
async function roadmap(bot: TestBot, titles: string[]): Promise<string> {
  const relationshipId = await pairAsAdmin(bot);
  await say(bot, PEOPLE.mentee, "goal Become staff engineer despite my burnout");
  for (const title of titles) await say(bot, PEOPLE.mentee, `milestone add ${title}`);
  await notificationsDrained(bot);
  return relationshipId;
}

const postsIn = (bot: TestBot, channel: string) =>
  bot.double.calls("chat.postMessage").filter((c) => !c.failed && c.params.channel === channel);

const waitForPost = (bot: TestBot, channel: string) =>
  bot.double.waitFor("chat.postMessage", (c) => !c.failed && c.params.channel === channel, 8_000);

describe("celebration channels", () => {
  it("only the program's channel or one an admin allowed can be picked; a removed one falls back", async () => {
    const bot = await newBot();
    const relationshipId = await roadmap(bot, ["First talk", "Second talk"]);

    expect(await say(bot, PEOPLE.mentee, "celebrate in <#CGENERAL|general>")).toContain(
      "Shout-outs can go only to the program's celebration channel",
    );
    expect((await bot.db.relationships.findById(relationshipId))?.settings).toEqual({});
    expect(await say(bot, PEOPLE.mentee, "channels allow <#CGENERAL|general>")).toContain(
      "Only program admins",
    );
    expect(await say(bot, PEOPLE.mentee, "channels")).toContain(
      `<#${WINS}> (the program's channel)`,
    );

    expect(await say(bot, PEOPLE.admin, `channels allow <#${TEAM}|team>`)).toContain("is now open");
    expect(await say(bot, PEOPLE.mentee, "channels")).toContain(`<#${TEAM}>`);
    expect(await say(bot, PEOPLE.mentee, `celebrate in <#${TEAM}|team>`)).toContain(
      `posted in <#${TEAM}>`,
    );
    await say(bot, PEOPLE.mentee, "done 1");
    await waitForPost(bot, TEAM);

    expect(await say(bot, PEOPLE.admin, `channels remove <#${TEAM}|team>`)).toContain(
      "no longer open",
    );
    expect(await say(bot, PEOPLE.mentee, "celebrate")).toContain(`<#${WINS}>`);
    await say(bot, PEOPLE.mentee, "done 2");
    await waitForPost(bot, WINS);
    await notificationsDrained(bot);
    expect(postsIn(bot, TEAM)).toHaveLength(1);
    expect(postsIn(bot, GENERAL)).toEqual([]);
    expect(bot.double.calls("conversations.join").map((c) => c.params.channel)).not.toContain(
      GENERAL,
    );
  });
});
