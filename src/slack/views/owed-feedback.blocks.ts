import type { KnownBlock } from "@slack/types";
import type { FeedbackRequest } from "../../domain/feedback.js";
import { mention } from "../commands/mention.js";
import { actions, button, context, section } from "../messages/blocks.js";
import { escapeMrkdwn } from "../messages/escape.js";
import { FEEDBACK_ACTIONS } from "../messages/feedback.messages.js";
import { slackDate } from "../messages/slack-date.js";
import { page } from "../messages/slack-limits.js";

/** Requests listed with their button; the rest wait for the next time Home opens. */
const SHOWN = 10;

/** App Home: the feedback someone still owes, each with its button; nothing when they owe none. */
export function owedFeedbackBlocks(owed: FeedbackRequest[]): KnownBlock[] {
  if (owed.length === 0) return [];
  const { shown, more } = page(owed, SHOWN);
  return [
    section(`*Feedback you owe* (${owed.length})`),
    ...shown.flatMap((request) => [
      section(
        `${mention(request.requesterId)} asked about *${escapeMrkdwn(request.topic)}* (${slackDate(request.promptAt, "{date_short_pretty}")})`,
      ),
      actions(`owed_${request.id}`, [
        button("Give feedback", FEEDBACK_ACTIONS.give, request.id, "primary"),
      ]),
    ]),
    ...(more
      ? [
          context(
            `…and ${more} more. Answer one and the next shows here; each prompt DM has its own button.`,
          ),
        ]
      : []),
    { type: "divider" },
  ];
}
