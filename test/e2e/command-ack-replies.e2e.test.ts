// Issue 14 P1: a reply ready at once comes back in the command's ack body (Slack shows it as the
// reply), saving the response_url round trip; the person still sees it ephemerally, once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { at, PEOPLE, startTestBot, type TestBot } from "../support/test-bot.js";

let bot: TestBot;
let limited: TestBot;

beforeAll(async () => {
  bot = await startTestBot();
  limited = await startTestBot({ COMMANDS_PER_MINUTE: "1" });
});
afterAll(async () => {
  await limited.stop();
  await bot.stop();
});

/** The HTTP answer to a command, its JSON body read as Slack reads it. */
async function ackOf(on: TestBot, userId: string, text: string) {
  const sent = await on.slack.command(userId, text);
  expect(sent.status).toBe(200);
  expect(sent.body).not.toBe("");
  return { body: JSON.parse(sent.body) as Record<string, unknown>, url: sent.responseUrl };
}

describe("replies in the ack body", () => {
  it("answers /mentor help in the ack, ephemerally, with nothing posted to response_url", async () => {
    const { body, url } = await ackOf(bot, PEOPLE.other, "help");
    expect(body.response_type).toBe("ephemeral");
    expect(String(body.text)).toContain("/mentor help");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(bot.double.responsesTo(url)).toEqual([body]);
  });

  it("answers a usage error and a refusal in the ack", async () => {
    const usage = await ackOf(bot, PEOPLE.mentee, "log");
    expect(usage.body.response_type).toBe("ephemeral");
    expect(String(usage.body.text)).toMatch(/milestone/i);

    const refusal = await ackOf(
      bot,
      PEOPLE.mentee,
      `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.other)}`,
    );
    expect(refusal.body.response_type).toBe("ephemeral");
    expect(String(refusal.body.text)).toMatch(/admin/i);
    expect(await bot.db.relationships.findOpenBetween(PEOPLE.mentor, PEOPLE.other)).toBeNull();
  });

  it("answers the per-person slow-down in the ack", async () => {
    await ackOf(limited, PEOPLE.other, "help");
    const { body } = await ackOf(limited, PEOPLE.other, "help");
    expect(body.response_type).toBe("ephemeral");
    expect(String(body.text)).toContain("slow down");
  });
});
