import type { FailedWorkFor } from "../../domain/failed-work.js";
import type { JobName } from "../../domain/jobs.js";
import { mention } from "../commands/mention.js";
import type { SlackMessage } from "../slack-message.js";
import { slackDate } from "./slack-date.js";

/**
 * What a failed job was, as an admin would say it:
 * - `asked`: a message someone's action sent (they can try again);
 * - `sent`: a message the bot sends on its own schedule;
 * - `task`: work done for someone that is not a message;
 * - `periodic`: the bot's own periodic work, for nobody in particular (it runs again anyway).
 * `what` takes the people it was for ("<@A> and <@B>"), or "" when no one is known.
 */
type Work = {
  kind: "asked" | "sent" | "task" | "periodic";
  what: (people: string) => string;
};

const forWhom = (what: string) => (people: string) => (people ? `${what} for ${people}` : what);
const asked = (what: string): Work => ({ kind: "asked", what: forWhom(what) });
const sent = (what: string): Work => ({ kind: "sent", what: forWhom(what) });
const task = (what: string): Work => ({ kind: "task", what: forWhom(what) });
const periodic = (what: string): Work => ({ kind: "periodic", what: () => what });

/** Every job, in words; the compiler checks that a new job gets its own. */
const WORK: { [N in JobName]: Work } = {
  "pairing.introduce": asked("the introduction DMs of a new pair"),
  "pairing.ask": asked("a pairing request"),
  "pairing.accepted": asked("the introduction DMs of a pair whose request was accepted"),
  "pairing.declined": asked("the news that a pairing request was declined"),
  "schedule.sweep": periodic("the periodic sweep that sends check-ins, reminders and feedback"),
  "retention.purge": periodic("the periodic clean-up of old records"),
  "people.refresh": periodic("the periodic refresh of people's Slack profiles"),
  "checkins.send": sent("a check-in"),
  "checkins.remind": sent("a check-in reminder"),
  // The follow-up sweep announces an answer again until it goes (for three days).
  "checkins.answered": sent("a check-in answer to the mentor"),
  "checkins.missed-streak": sent("the note about missed check-ins"),
  "checkins.reflect": sent("a reflection prompt to a mentor"),
  "celebrations.post": asked("a milestone celebration"),
  "celebrations.share": asked("a milestone shout-out the mentee chose to share"),
  "introductions.post": asked("an introduction"),
  "introductions.request": asked("a request for an introduction"),
  "feedback.prompt": asked("a feedback request"),
  "feedback.remind": sent("a feedback reminder"),
  "feedback.expired": sent("the note that a feedback request expired"),
  "feedback.withdrawn": sent("the note that a feedback request was cancelled"),
  "feedback.deliver": asked("feedback to a mentee"),
  "relationship.closing": asked("the closing DMs of an ended mentorship"),
  "relationship.reassigned": asked("the messages of a reassignment"),
  "availability.away-notice": asked("the note that someone is away"),
  "people.zone-changed": task("moving check-ins to a new time zone"),
  "exports.program": asked("the program export"),
  "people.left": {
    kind: "sent",
    what: (people) =>
      people
        ? `the news to their partners that ${people} left the workspace`
        : "the news that a member left the workspace",
  },
  "exports.my-data": asked("a personal data export"),
  "kickoff.plan": task("planning a new pair's kickoff"),
  "kickoff.invite": sent("a kickoff invitation"),
  "kickoff.answers": asked("the mentee's kickoff answers to the mentor"),
  "kickoff.remind": sent("a kickoff reminder"),
  "kickoff.confirm": sent("the request to confirm the roadmap after a kickoff"),
  "kickoff.moved": asked("the news that a kickoff moved"),
  "kickoff.replanned": sent("the news that a kickoff was planned again"),
  // Its reminder plans the kickoff again anyway: this only says so sooner.
  "kickoff.refit": task("planning a kickoff again for changed hours or time off"),
  "kickoff.suggested": asked("the news of suggested milestones"),
  "kickoff.confirmed": asked("the news that a roadmap was confirmed"),
  "exchanges.shared": asked("a shared offer or piece of advice"),
  "workplace.prompt": sent("the monthly Navigating the workplace prompt"),
};

const OUR_FAULT = "That's a fault on our side: please report it. Trying again won't help.";
const POSTING_BARRED =
  "a workspace or channel setting doesn't let me post there. A workspace admin can change it, or pick another channel with `/mentor celebrate in #channel`.";

/**
 * Slack's refusals, as what happened and what to do about it. Each is one Slack gives for good
 * (`permanentSlackError`): the same message would be refused again, so none asks for a retry
 * unless time alone cures it.
 */
const WHY: Record<string, string> = {
  channel_not_found:
    "Slack couldn't find the conversation. If they left the workspace, nothing needs doing.",
  user_not_found: "that person isn't in the workspace any more. Nothing needs doing.",
  // Slack's docs give it for a token whose user or workspace was deleted (the app's own); it was
  // read here as the recipient's. Both are said: only whether every message fails tells them apart.
  account_inactive:
    "an account is deactivated: that person's (nothing needs doing), or, if every message fails this way, the app's own token or workspace (reinstall the app).",
  is_archived: "the channel is archived. Pick another with `/mentor celebrate in #channel`.",
  not_in_channel:
    "I'm not in the channel. Invite me with `/invite @mentorship`, or pick another channel.",
  cannot_dm_bot: "it was addressed to a bot. Pair people, not bots.",
  missing_scope: "the app lacks a permission. Reinstall it from its manifest.",
  invalid_auth: "the bot's token was refused. Check SLACK_BOT_TOKEN and reinstall the app.",
  token_revoked: "the app was uninstalled or its token revoked. Reinstall it.",
  invalid_blocks: `Slack refused the message's layout. ${OUR_FAULT}`,
  invalid_blocks_format: `Slack refused the message's layout. ${OUR_FAULT}`,
  msg_too_long: `the message was too long for Slack. ${OUR_FAULT}`,
  msg_blocks_too_long: `the message was too long for one Slack message. ${OUR_FAULT}`,
  invalid_arguments: `Slack refused how the message was put together. ${OUR_FAULT}`,
  no_text: `Slack refused a message with no text. ${OUR_FAULT}`,
  user_disabled: "that person's account is deactivated. Nothing needs doing.",
  restricted_action: POSTING_BARRED,
  restricted_action_read_only_channel: POSTING_BARRED,
  restricted_action_thread_only_channel: POSTING_BARRED,
  ekm_access_denied:
    "the workspace's administrators have suspended posting by apps. A workspace admin can lift it.",
  messages_tab_disabled:
    "the app's Messages tab is turned off, so it can't send direct messages. Turn it on in the app's App Home settings.",
  no_permission: "the app lacks a permission. Reinstall it from its manifest.",
  not_authed: "the bot's token was missing. Check SLACK_BOT_TOKEN and reinstall the app.",
  token_expired: "the bot's token has expired. Reinstall the app.",
  rate_limited: "Slack said the app was sending too many messages at the time.",
  message_limit_exceeded:
    "the workspace had reached Slack's message limit for its plan at the time.",
};

/** Refusals that time alone cures: what someone asked for can be asked for again. */
const PASSES = new Set(["rate_limited", "message_limit_exceeded"]);

function why(reason: string, work: Work, hasPeople: boolean): string {
  const code = /^Slack refused: (\S+)/.exec(reason)?.[1];
  // Only what someone asked for can be asked for again; the rest comes on schedule, or not at all.
  const next = work.kind === "asked" && hasPeople ? " Ask them to try again." : "";
  if (!code) return `something went wrong on my side (the details are in the logs).${next}`;
  const words = WHY[code];
  if (words) return PASSES.has(code) ? `${words}${next}` : words;
  // Periodic work is not one message: its next run asks Slack afresh.
  if (work.kind === "periodic") return "Slack refused it (the details are in the logs).";
  // Slack's final word on this very message: asking again would be refused the same way.
  return "Slack refused it for good, and would refuse it again (the details are in the logs).";
}

function line(f: FailedWorkFor): string {
  const work: Work = WORK[f.name as JobName] ?? asked("a message");
  const when = slackDate(f.failedAt, "{date_short_pretty} at {time}");
  const people = f.people.map(mention).join(" and ");
  const because = why(f.reason, work, f.people.length > 0);
  if (work.kind === "periodic") {
    return `• ${when}: ${work.what("")} failed: ${because} It runs again on its own.`;
  }
  const outcome = work.kind === "task" ? "failed" : "wasn't delivered";
  return `• ${when}: ${work.what(people)} ${outcome}: ${because}`;
}

/** `/mentor failures`: who missed out on what, and what to do; newest first. */
export function failuresMessage(failures: FailedWorkFor[]): SlackMessage {
  if (failures.length === 0) return { text: "No failed work. Every message went out." };
  const onlyMessages = failures.every((f) => {
    const kind = WORK[f.name as JobName]?.kind ?? "asked";
    return kind === "asked" || kind === "sent";
  });
  const heading = onlyMessages ? "Messages that could not be delivered" : "Work that failed";
  return { text: `*${heading}* (newest first):\n${failures.map(line).join("\n")}` };
}
