import type { KnownBlock } from "@slack/types";
import type { Celebration, ShoutOutOutcome, UnsharedOutcome } from "../../domain/celebration.js";
import { mention } from "../commands/mention.js";
import type { SlackMessage } from "../slack-message.js";
import { actions, button, context, header, section, sections } from "./blocks.js";
import { escapeMrkdwn } from "./escape.js";
import { quote } from "./roadmap.messages.js";
import { slackDate } from "./slack-date.js";
import { fitTogether } from "./slack-limits.js";

export const CELEBRATION_ACTIONS = {
  congratulate: "celebration.congratulate",
  share: "celebration.share",
  keepPrivate: "celebration.keep_private",
} as const;

/** "3 of 5 milestones": how far along the roadmap the pair is. */
export function progressCount(c: Celebration): string {
  return `${c.done} of ${c.total} milestone${c.total === 1 ? "" : "s"}`;
}

const towards = (c: Celebration) =>
  c.aspiration ? `on the way to *${escapeMrkdwn(c.aspiration)}*` : "on their roadmap";

const channel = (id: string) => `<#${id}>`;

/** The channel shout-out; a bigger one when it completes the roadmap. */
export function shoutOutMessage(c: Celebration): SlackMessage {
  const title = `*${escapeMrkdwn(c.milestone.title)}*`;
  const thanks = `Thank you, ${mention(c.mentorId)}, for mentoring them along the way. :raised_hands:`;
  if (c.roadmapComplete) {
    const line = `:trophy: ${mention(c.menteeId)} has reached the last milestone of their roadmap: ${title}!`;
    const blocks: KnownBlock[] = [
      header(":trophy: Roadmap complete!"),
      section(line),
      section(
        `All ${progressCount(c)} reached, ${towards(c)}. :confetti_ball: :tada: :rocket:\nA huge thank you to ${mention(c.mentorId)}, who mentored them all the way. :raised_hands:`,
      ),
      context("Give them a cheer in the thread!"),
    ];
    return { text: `${line} All ${progressCount(c)} reached.`, blocks };
  }
  const line = `:tada: ${mention(c.menteeId)} reached a milestone: ${title}, ${towards(c)}.`;
  return {
    text: `${line} ${progressCount(c)} reached.`,
    blocks: [section(line), context(`Progress: ${progressCount(c)} reached.`), section(thanks)],
  };
}

function outcomeLine(outcome: ShoutOutOutcome): string {
  switch (outcome.kind) {
    case "posted":
      return `I shared the good news in ${channel(outcome.channelId)}.`;
    case "private":
      return "They chose to keep celebrations private, so there's no channel post: just this message to you.";
    case "no_channel":
      return "No celebration channel is set, so there's no channel post. Pick one with `/mentor celebrate in #channel`.";
    case "queued":
      return `Five shout-outs a day is the most for one pair, so I'll share this one in ${channel(outcome.channelId)} ${slackDate(outcome.at)}.`;
    case "asked_mentee":
      return `I've asked them first whether to share it in ${channel(outcome.channelId)}: it's their milestone.`;
    case "failed":
      return `:warning: I couldn't post the shout-out in ${channel(outcome.channelId)}: ${reasonInWords(outcome.reason)} ${whoWasTold(outcome)}`;
  }
}

/** To the mentor: the milestone was reached, where it was shared, and a Congratulate button. */
export function mentorMilestoneMessage(c: Celebration, outcome: ShoutOutOutcome): SlackMessage {
  const line = `:tada: ${mention(c.menteeId)} reached milestone ${c.number}, *${escapeMrkdwn(c.milestone.title)}* (${progressCount(c)} reached${c.roadmapComplete ? ": the whole roadmap!" : ""}).`;
  return {
    text: `${line} ${outcomeLine(outcome)}`,
    blocks: [
      section(line),
      context(outcomeLine(outcome)),
      section("A word from you means a lot. Congratulate them and suggest a next step:"),
      actions(`celebration_${c.milestone.id}`, [
        button("Congratulate", CELEBRATION_ACTIONS.congratulate, c.milestone.id, "primary"),
      ]),
    ],
  };
}

/** To the mentee, when someone else marked their milestone: share it in the channel? */
export function shareQuestionMessage(c: Celebration, channelId: string): SlackMessage {
  const line = `:tada: Milestone ${c.number}, *${escapeMrkdwn(c.milestone.title)}*, was marked as reached. Congratulations! Share it in ${channel(channelId)}?`;
  return {
    text: line,
    blocks: [
      section(line),
      context(
        "The shout-out names the milestone, you and your mentor; nothing else. Your mentor hears about it either way.",
      ),
      actions(`celebration_share_${c.milestone.id}`, [
        button("Share", CELEBRATION_ACTIONS.share, c.milestone.id, "primary"),
        button("Keep private", CELEBRATION_ACTIONS.keepPrivate, c.milestone.id),
      ]),
    ],
  };
}

/** The question, once answered: what happens now (the post comes after; I say so if it fails). */
export function shareAnsweredMessage(
  answer: "share" | "keep_private",
  channelId: string | null,
): SlackMessage {
  const text =
    answer === "share"
      ? `:tada: I'll share it${channelId ? ` in ${channel(channelId)}` : ""}, and let you know if it has to wait.`
      : "Kept private: no channel post. Your mentor still knows, and is proud of you.";
  return { text, blocks: [section(text)] };
}

/** To the mentee: their shout-out is not in the channel (yet), and why. */
export function unsharedMessage(c: Celebration, outcome: UnsharedOutcome): SlackMessage {
  const title = `*${escapeMrkdwn(c.milestone.title)}*`;
  const text = ((): string => {
    switch (outcome.kind) {
      case "queued":
        return `Five shout-outs a day is the most for one pair, so I'll share ${title} in ${channel(outcome.channelId)} ${slackDate(outcome.at)}.`;
      case "failed":
        return `:warning: I couldn't share ${title} in ${channel(outcome.channelId)}: ${reasonInWords(outcome.reason)} ${whoWasTold(outcome)}`;
      case "private":
        return `Your celebrations are set to private now, so ${title} wasn't shared in a channel.`;
      case "no_channel":
        return `No celebration channel is set any more, so ${title} wasn't shared in a channel.`;
    }
  })();
  return { text, blocks: [section(text)] };
}

/** To the mentee, when the roadmap is complete: what's next? */
export function nextAspirationMessage(c: Celebration): SlackMessage {
  const line = `:trophy: You've reached every milestone on your roadmap (${progressCount(c)}). Congratulations!`;
  const ask =
    "What's next? Set your next aspiration with `/mentor goal <aspiration> [by YYYY-MM-DD]`, " +
    "then add the milestones toward it with `/mentor milestone add <title>`. " +
    `${mention(c.mentorId)} can help you choose.`;
  return { text: `${line} ${ask}`, blocks: [section(line), section(ask)] };
}

/** Slack's error codes, as people say them: what happened and what to do. */
const REASONS: Record<string, string> = {
  not_in_channel:
    "I'm not a member of that channel and couldn't join it (a private channel needs an invitation: `/invite @mentorship`).",
  channel_not_found: "that channel doesn't exist any more, or I can't see it.",
  is_archived: "that channel is archived.",
  restricted_action: "the channel's settings don't let me post there.",
  history_unreadable:
    "a restart interrupted the post, and I can't read the channel to check whether it went out (the app needs the `groups:history` scope for a private channel, or I was removed from the channel), so I didn't post it again.",
};

/** After a refused post: the admins were told, or (with none set) what the reader can do. */
function whoWasTold(failure: Extract<ShoutOutOutcome, { kind: "failed" }>): string {
  return failure.adminsTold
    ? "I've told the program admins."
    : "There are no program admins to tell, so ask the channel's owner to fix it, or pick another channel with `/mentor celebrate in #channel`.";
}

function reasonInWords(reason: string): string {
  const words = REASONS[reason] ?? "Slack refused the post.";
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** To each program admin: a shout-out could not be posted, and why. */
export function shoutOutFailedMessage(
  c: Celebration,
  failure: { channelId: string; reason: string; toldId: string },
): SlackMessage {
  const text =
    `:warning: I couldn't post a celebration in ${channel(failure.channelId)}. ${reasonInWords(failure.reason)}\n` +
    `It was for ${mention(c.menteeId)} (mentored by ${mention(c.mentorId)}), who reached *${escapeMrkdwn(c.milestone.title)}*. ` +
    // An admin outside the pair names the mentee, or the command asks which pair they mean.
    `I've told ${mention(failure.toldId)} by DM. Fix the channel, or pick another for them with \`/mentor celebrate in #channel ${mention(c.menteeId)}\`.`;
  return { text, blocks: [section(text)] };
}

/** The mentor's congratulation, to the mentee. */
export function congratulationMessage(input: {
  mentorId: string;
  milestoneTitle: string;
  note: string;
  nextStep: string;
}): SlackMessage {
  const line = `:tada: ${mention(input.mentorId)} congratulates you on reaching *${escapeMrkdwn(input.milestoneTitle)}*:`;
  const [note = "", nextStep = ""] = fitTogether([
    quote(input.note),
    ...(input.nextStep ? [quote(input.nextStep)] : []),
  ]);
  const blocks: KnownBlock[] = [section(line), ...sections(note)];
  if (input.nextStep) blocks.push(...sections(`*Suggested next step:*\n${nextStep}`));
  return {
    text: `${line} ${escapeMrkdwn(input.note)}${input.nextStep ? `\nSuggested next step: ${escapeMrkdwn(input.nextStep)}` : ""}`,
    blocks,
  };
}
