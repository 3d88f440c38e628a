import type { FailedWorkFor } from "../../domain/failed-work.js";
import type { JobName } from "../../domain/jobs.js";
import { mention } from "../commands/mention.js";
import type { SlackMessage } from "../slack-message.js";
import { slackDate } from "./slack-date.js";

/** What each job delivers, as an admin would say it. */
const WORK: Partial<Record<JobName, string>> = {
  "pairing.introduce": "the introduction DMs of a new pair",
  "pairing.ask": "a pairing request",
  "pairing.accepted": "the news that a pairing request was accepted",
  "pairing.declined": "the news that a pairing request was declined",
  "checkins.send": "a check-in",
  "checkins.remind": "a check-in reminder",
  "checkins.answered": "a check-in answer to the mentor",
  "checkins.missed-streak": "the note about missed check-ins",
  "checkins.help-unheard": "a mentee's call for help whose mentor left",
  "celebrations.post": "a milestone celebration",
  "introductions.post": "an introduction",
  "introductions.request": "a request for an introduction",
  "feedback.prompt": "a feedback request",
  "feedback.remind": "a feedback reminder",
  "feedback.expired": "the note that a feedback request expired",
  "feedback.deliver": "feedback to a mentee",
  "relationship.closing": "the closing DMs of an ended mentorship",
};

/** Slack's refusals, as what happened and what to do about it. */
const WHY: Record<string, string> = {
  channel_not_found:
    "Slack couldn't find the conversation. If they left the workspace, nothing needs doing.",
  user_not_found: "that person isn't in the workspace any more. Nothing needs doing.",
  account_inactive: "that person's account is deactivated. Nothing needs doing.",
  is_archived: "the channel is archived. Pick another with `/mentor celebrate in #channel`.",
  not_in_channel:
    "I'm not in the channel. Invite me with `/invite @mentorship`, or pick another channel.",
  cannot_dm_bot: "it was addressed to a bot. Pair people, not bots.",
  missing_scope: "the app lacks a permission. Reinstall it from its manifest.",
  invalid_auth: "the bot's token was refused. Check SLACK_BOT_TOKEN and reinstall the app.",
  token_revoked: "the app was uninstalled or its token revoked. Reinstall it.",
  invalid_blocks: "Slack refused the message's layout. That's a bug on our side: please report it.",
  msg_too_long: "the message was too long for Slack. That's a bug on our side: please report it.",
};

function why(reason: string): string {
  const code = /^Slack refused: (\S+)/.exec(reason)?.[1];
  return (
    (code && WHY[code]) ??
    "something went wrong on my side (the details are in the logs). Ask them to try again."
  );
}

function line(f: FailedWorkFor): string {
  const what = WORK[f.name as JobName] ?? "a message";
  const who = f.people.length ? ` for ${f.people.map(mention).join(" and ")}` : "";
  return `• ${slackDate(f.failedAt, "{date_short_pretty} at {time}")}: ${what}${who} wasn't delivered: ${why(f.reason)}`;
}

/** `/mentor failures`: who missed out on what, and what to do; newest first. */
export function failuresMessage(failures: FailedWorkFor[]): SlackMessage {
  if (failures.length === 0) return { text: "No failed work. Every message went out." };
  return {
    text: `*Messages that could not be delivered* (newest first):\n${failures.map(line).join("\n")}`,
  };
}
