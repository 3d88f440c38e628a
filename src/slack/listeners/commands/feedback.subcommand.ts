import { DomainError } from "../../../domain/errors.js";
import type { CommandOf } from "../../commands/parsed-command.js";
import {
  feedbackCancelledReply,
  feedbackListText,
  feedbackRequestedReply,
} from "../../messages/feedback.messages.js";
import type { SlackMessage } from "../../slack-message.js";
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
      return feedbackRequestedReply(request, command.when.kind === "now");
    }
    case "feedback.list":
      return {
        text: feedbackListText(
          await services.feedback.list(actorId, command.otherId),
          command.otherId,
        ),
      };
    case "feedback.cancel": {
      if (!command.number || !/^\d{1,4}$/.test(command.number) || Number(command.number) < 1) {
        throw new DomainError("feedback_number_missing");
      }
      const cancelled = await services.feedback.cancel(actorId, Number(command.number));
      return feedbackCancelledReply(cancelled);
    }
    case "feedback.give": {
      if (!command.menteeId) throw new DomainError("feedback_give_needs_mentee");
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
