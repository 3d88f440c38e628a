import { mention } from "../commands/mention.js";
import type { SlackMessage } from "../slack-message.js";

export function blockedMessage(userId: string): SlackMessage {
  return {
    text: `Done. ${mention(userId)} can't send you pairing requests, feedback requests or introductions through me, and I won't tell them why. \`/mentor unblock ${mention(userId)}\` undoes it.`,
  };
}

export function unblockedMessage(userId: string, wasBlocked: boolean): SlackMessage {
  return {
    text: wasBlocked
      ? `${mention(userId)} can send you requests through me again.`
      : `${mention(userId)} wasn't blocked, so nothing changed.`,
  };
}
