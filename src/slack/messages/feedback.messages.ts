import type { KnownBlock } from "@slack/types";
import type {
  FeedbackEntry,
  FeedbackRequest,
  FeedbackRequestStatus,
  NumberedRequest,
} from "../../domain/feedback.js";
import { mention } from "../commands/mention.js";
import type { SlackMessage } from "../slack-message.js";
import { actions, button, context, section, sections } from "./blocks.js";
import { escapeMrkdwn } from "./escape.js";
import { quote } from "./roadmap.messages.js";
import { slackDate } from "./slack-date.js";
import { fitTogether } from "./slack-limits.js";

export const FEEDBACK_ACTIONS = {
  give: "feedback.give",
  notNow: "feedback.not_now",
} as const;

export const FEEDBACK_STATUS_LABEL: Record<FeedbackRequestStatus, string> = {
  scheduled: "Scheduled",
  asked: "Asked",
  answered: "Answered",
  expired: "Expired",
  cancelled: "Cancelled",
};

function promptButtons(requestId: string): KnownBlock {
  return actions(`feedback_${requestId}`, [
    button("Give feedback", FEEDBACK_ACTIONS.give, requestId, "primary"),
    button("Not now", FEEDBACK_ACTIONS.notNow, requestId),
  ]);
}

/**
 * To the person asked: who asks, and about what. No date: the prompt's own time is all the
 * request knows, and beside the topic it read as the time of the event.
 */
export function feedbackPromptMessage(request: FeedbackRequest): SlackMessage {
  const line = `:speech_balloon: ${mention(request.requesterId)} would love your feedback on *${escapeMrkdwn(request.topic)}*.`;
  return {
    text: `${line}`,
    blocks: [
      section(line),
      context("A few honest lines help most: what went well, what to improve, and a next step."),
      promptButtons(request.id),
    ],
  };
}

export function feedbackReminderMessage(request: FeedbackRequest): SlackMessage {
  const line = `A friendly reminder: ${mention(request.requesterId)} is still hoping for your feedback on *${escapeMrkdwn(request.topic)}*.`;
  return { text: line, blocks: [section(line), promptButtons(request.id)] };
}

/** Replaces the prompt's buttons once the feedback is sent. */
export function feedbackSentMessage(request: FeedbackRequest): SlackMessage {
  const line = `:white_check_mark: Your feedback on *${escapeMrkdwn(request.topic)}* was sent to ${mention(request.requesterId)}. Thank you!`;
  return { text: line, blocks: [section(line)] };
}

export function feedbackExpiredMessage(request: FeedbackRequest): SlackMessage {
  const line = `Your feedback request on *${escapeMrkdwn(request.topic)}* to ${mention(request.giverId)} got no answer within a week, so it has expired. You could ask them in person, or try again with \`/mentor feedback\`.`;
  return { text: line, blocks: [section(line)] };
}

/** The person asked was forgotten: their name is gone, so the request names no one. */
export function feedbackWithdrawnMessage(request: FeedbackRequest): SlackMessage {
  const line = `Your feedback request on *${escapeMrkdwn(request.topic)}* was cancelled: the person you asked is no longer in the program. You could ask someone else with \`/mentor feedback\`.`;
  return { text: line, blocks: [section(line)] };
}

/** To the mentee: the feedback, attributed to whoever gave it. */
export function feedbackReceivedMessage(entry: FeedbackEntry): SlackMessage {
  const headline = `:gift: Feedback from ${mention(entry.giverId)} on *${escapeMrkdwn(entry.topic)}*`;
  const parts: Array<[string, string]> = [
    ["What went well", entry.wentWell],
    ["What to improve", entry.toImprove],
    ["Next step", entry.nextStep],
  ];
  const given = parts.filter(([, text]) => text);
  const quoted = fitTogether(given.map(([, text]) => quote(text)));
  const blocks: KnownBlock[] = [section(headline)];
  for (const [i, [label]] of given.entries()) blocks.push(...sections(`*${label}*\n${quoted[i]}`));
  if (entry.rating)
    blocks.push(
      context(
        `Rating: ${"★".repeat(entry.rating)}${"☆".repeat(5 - entry.rating)} (${entry.rating}/5)`,
      ),
    );
  return { text: headline, blocks };
}

export function feedbackListText(requests: NumberedRequest[], otherId?: string): string {
  if (requests.length === 0) {
    return otherId
      ? `You haven't asked for feedback in your mentorship with ${mention(otherId)} yet.`
      : "You haven't asked for feedback yet. After a presentation or project, try `/mentor feedback Quarterly demo`.";
  }
  // Numbers are positions in the full list, so `cancel <n>` names the same one.
  const lines = requests.map(({ number, request: r }) => {
    const when =
      r.status === "scheduled"
        ? `goes out ${slackDate(r.promptAt)}`
        : `from ${slackDate(r.promptAt, "{date_short_pretty}")}`;
    return `${number}. *${escapeMrkdwn(r.topic)}* · asked of ${mention(r.giverId)} · _${FEEDBACK_STATUS_LABEL[r.status]}_ · ${when}`;
  });
  const shown = lines.slice(-15);
  const title = otherId
    ? `*Your feedback requests in your mentorship with ${mention(otherId)}*`
    : "*Your feedback requests*";
  return [`${title}${lines.length > shown.length ? " (latest 15)" : ""}`, ...shown].join("\n");
}

/**
 * `/mentor feedback <topic> [when]`: asked now, or when it will be. `typedNow`: asked for now,
 * so a later time means the giver's working hours made it wait, and the reply says why.
 */
export function feedbackRequestedReply(request: FeedbackRequest, typedNow: boolean): SlackMessage {
  const giver = mention(request.giverId);
  const topic = `*${escapeMrkdwn(request.topic)}*`;
  const list = "`/mentor feedback list` shows your requests.";
  if (request.promptAt.getTime() <= request.createdAt.getTime())
    return {
      text: `I've asked ${giver} for feedback on ${topic}. Their answer will come to you here.`,
    };
  if (typedNow)
    return {
      text: `${giver} isn't working now (their hours or time off), so I'll ask them for feedback on ${topic} ${slackDate(request.promptAt)}. ${list}`,
    };
  return {
    text: `I'll ask ${giver} for feedback on ${topic} ${slackDate(request.promptAt)}. ${list}`,
  };
}

export const feedbackCancelledReply = (request: FeedbackRequest): SlackMessage => ({
  text: `Cancelled: *${escapeMrkdwn(request.topic)}*. ${mention(request.giverId)} won't be asked.`,
});

/** The prompt's "Not now". */
export const feedbackNotNowReply = (remindAt: Date): SlackMessage => ({
  text: `No problem. I'll ask again ${slackDate(remindAt, "{date_short_pretty} at {time}")}.`,
});
