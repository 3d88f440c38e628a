import { DomainError } from "../../../domain/errors.js";
import { mention } from "../../commands/mention.js";
import type { CommandOf } from "../../commands/parsed-command.js";
import type { SlackMessage } from "../../direct-messenger.js";
import { escapeMrkdwn } from "../../messages/escape.js";
import { feedbackListText } from "../../messages/feedback.messages.js";
import { slackDate } from "../../messages/slack-date.js";
import { feedbackModal } from "../../views/feedback-modal.view.js";
import type { SubcommandContext } from "./subcommand.js";

/** `/mentor feedback …`: ask, list, cancel, or give feedback unasked. */
export async function feedbackSubcommand(
  ctx: SubcommandContext,
  command: CommandOf<`feedback.${string}`>,
): Promise<SlackMessage | null> {
  const { services, actorId } = ctx;
  switch (command.kind) {
    case "feedback.request": {
      const request = await services.feedback.request(actorId, command);
      return {
        text:
          command.when.kind === "now"
            ? `I've asked ${mention(request.giverId)} for feedback on *${escapeMrkdwn(request.topic)}*. Their answer will come to you here.`
            : `I'll ask ${mention(request.giverId)} for feedback on *${escapeMrkdwn(request.topic)}* ${slackDate(request.promptAt)}. \`/mentor feedback list\` shows your requests.`,
      };
    }
    case "feedback.list":
      return { text: feedbackListText(await services.feedback.list(actorId)) };
    case "feedback.cancel": {
      if (!command.number || !/^\d{1,4}$/.test(command.number) || Number(command.number) < 1) {
        throw new DomainError("feedback_number_missing");
      }
      const number = Number(command.number);
      const cancelled = await services.feedback.cancel(actorId, number);
      return {
        text: `Cancelled: *${escapeMrkdwn(cancelled.topic)}*. ${mention(cancelled.giverId)} won't be asked.`,
      };
    }
    case "feedback.give": {
      if (!command.menteeId) {
        throw new DomainError("feedback_give_needs_mentee");
      }
      const subject = await services.feedback.prepareUnasked(
        actorId,
        command.menteeId,
        command.topic,
      );
      await ctx.openModal(
        feedbackModal(subject, { recipientId: command.menteeId, topic: command.topic.trim() }),
      );
      return null;
    }
  }
}
