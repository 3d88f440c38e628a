import type { ProgramAdmin } from "../../domain/admin.js";
import { mention } from "../commands/mention.js";
import type { SlackMessage } from "../slack-message.js";
import { slackDate } from "./slack-date.js";

/** `/mentor admins`: every program admin, and how they became one. */
export function adminsListMessage(admins: readonly ProgramAdmin[]): SlackMessage {
  if (admins.length === 0) {
    return { text: "There are no program admins yet. Set ADMIN_USER_IDS to name the first one." };
  }
  const lines = admins.map((a) =>
    a.bootstrap
      ? `• ${mention(a.userId)} (from the bot's settings; can't be removed here)`
      : `• ${mention(a.userId)} (added by ${mention(a.addedBy ?? "")}${a.addedAt ? ` on ${slackDate(a.addedAt)}` : ""})`,
  );
  return {
    text: `*Program admins* (${admins.length}):\n${lines.join("\n")}\nAdd or remove one with \`/mentor admins add @person\` or \`/mentor admins remove @person\`.`,
  };
}

export const adminAddedMessage = (userId: string): SlackMessage => ({
  text: `${mention(userId)} is now a program admin. It counts at once, everywhere.`,
});

export const adminRemovedMessage = (userId: string): SlackMessage => ({
  text: `${mention(userId)} is no longer a program admin.`,
});
