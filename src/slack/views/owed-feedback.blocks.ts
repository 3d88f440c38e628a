import type { KnownBlock } from "@slack/types";
import type { FeedbackRequest } from "../../domain/feedback.js";
import { mention } from "../commands/mention.js";
import { actions, button, section } from "../messages/blocks.js";
import { escapeMrkdwn } from "../messages/escape.js";
import { FEEDBACK_ACTIONS } from "../messages/feedback.messages.js";
import { slackDate } from "../messages/slack-date.js";

/** App Home: the feedback someone still owes, each with its button; nothing when they owe none. */
export function owedFeedbackBlocks(owed: FeedbackRequest[]): KnownBlock[] {
  if (owed.length === 0) return [];
  return [
    section(`*Feedback you owe* (${owed.length})`),
    ...owed
      .slice(0, 10)
      .flatMap((request) => [
        section(
          `${mention(request.requesterId)} asked about *${escapeMrkdwn(request.topic)}* (${slackDate(request.promptAt, "{date_short_pretty}")})`,
        ),
        actions(`owed_${request.id}`, [
          button("Give feedback", FEEDBACK_ACTIONS.give, request.id, "primary"),
        ]),
      ]),
    { type: "divider" },
  ];
}
