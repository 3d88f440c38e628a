import { expect } from "vitest";
import type { RecordedCall } from "./slack-double.js";
import { at, PEOPLE, type TestBot } from "./test-bot.js";

type Json = Record<string, unknown>;

/** Types `/mentor <text>` as `userId` and returns the ephemeral reply's text. */
export async function say(bot: TestBot, userId: string, text: string): Promise<string> {
  return String((await sayFull(bot, userId, text)).text);
}

/** Like `say`, with the whole reply (blocks included). */
export async function sayFull(bot: TestBot, userId: string, text: string): Promise<Json> {
  const sent = await bot.slack.command(userId, text);
  expect(sent.status).toBe(200);
  const reply = await bot.double.waitForResponse(sent.responseUrl);
  expect(reply.response_type).toBe("ephemeral");
  return reply;
}

/** The admin pairs two people; returns the new relationship's id. */
export async function pairAsAdmin(
  bot: TestBot,
  mentorId: string = PEOPLE.mentor,
  menteeId: string = PEOPLE.mentee,
): Promise<string> {
  expect(await say(bot, PEOPLE.admin, `pair ${at(mentorId)} ${at(menteeId)}`)).toContain(
    "is now mentoring",
  );
  const pair = await bot.db.relationships.findOpenBetween(mentorId, menteeId);
  return pair?.id ?? "";
}

/** Every button in a message's blocks. */
export function buttonsIn(
  blocks: unknown,
): Array<{ actionId: string; value: string; text: string }> {
  const found: Array<{ actionId: string; value: string; text: string }> = [];
  for (const block of (blocks ?? []) as Array<{ elements?: Json[]; accessory?: Json }>) {
    for (const e of [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])]) {
      if (e.type !== "button") continue;
      found.push({
        actionId: String(e.action_id),
        value: String(e.value ?? ""),
        text: String((e.text as Json | undefined)?.text ?? ""),
      });
    }
  }
  return found;
}

/** The value of the first element (button, select…) with this action_id in a message's blocks. */
export function actionValue(blocks: unknown, actionId: string): string | undefined {
  for (const block of blocks as Array<{
    elements?: Array<{ action_id?: string; value?: string }>;
  }>) {
    const found = block.elements?.find((e) => e.action_id === actionId);
    if (found) return found.value;
  }
  return undefined;
}

/** The text and blocks of a recorded message, as one string to search. */
export const textOf = (call: RecordedCall | Json | undefined): string => {
  const params = (call as RecordedCall | undefined)?.params ?? (call as Json | undefined);
  return `${String(params?.text)} ${JSON.stringify(params?.blocks ?? [])}`;
};

/** The first DM to `userId` whose text contains `phrase`. */
export const waitForDm = (bot: TestBot, userId: string, phrase: string, timeoutMs = 8000) =>
  bot.double.waitFor(
    "chat.postMessage",
    (c) =>
      !c.failed &&
      c.params.channel === bot.double.dmChannelId(userId) &&
      String(c.params.text).includes(phrase),
    timeoutMs,
  );
