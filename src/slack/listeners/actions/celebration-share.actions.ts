import type { App, BlockButtonAction } from "@slack/bolt";
import type { ShareAnswer } from "../../../domain/roadmap.js";
import type { Logger } from "../../../logger.js";
import { CELEBRATION_ACTIONS, shareAnsweredMessage } from "../../messages/celebration.messages.js";
import type { Services } from "../../services.js";
import type { ButtonListener } from "../interactions/button-listener.js";
import { replySafely } from "../reply-safely.js";

/** The mentee's Share / Keep private, on a milestone someone else marked reached. */
export const shareAnswerButton =
  (services: Services, logger: Logger, actionId: string, answer: ShareAnswer): ButtonListener =>
  async ({ ack, body, action, respond }) => {
    await ack();
    let answered = false;
    const reply = await replySafely(logger, { action: actionId, user: body.user.id }, async () => {
      const channelId = await services.celebrations.answerShare(
        body.user.id,
        action.value ?? "",
        answer,
      );
      answered = true;
      return shareAnsweredMessage(answer, channelId);
    });
    // The answer replaces the question; a refusal comes as a note of its own.
    await respond({ response_type: "ephemeral", replace_original: answered, ...reply });
  };

export function registerCelebrationShareActions(
  app: App,
  services: Services,
  logger: Logger,
): void {
  const { share, keepPrivate } = CELEBRATION_ACTIONS;
  app.action<BlockButtonAction>(share, shareAnswerButton(services, logger, share, "share"));
  app.action<BlockButtonAction>(
    keepPrivate,
    shareAnswerButton(services, logger, keepPrivate, "keep_private"),
  );
}
