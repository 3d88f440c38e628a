import type { App, BlockButtonAction } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import { FEEDBACK_ACTIONS, feedbackNotNowReply } from "../../messages/feedback.messages.js";
import type { Services } from "../../services.js";
import { feedbackModal } from "../../views/feedback-modal.view.js";
import { answerButton, type ButtonListener, modalButton } from "../interactions/button-listener.js";

/** "Give feedback": from a prompt DM (respond works) or from App Home (no response_url: the DM instead). */
export const giveFeedbackButton = (services: Services, logger: Logger): ButtonListener =>
  modalButton(services, logger, "feedback modal", async (userId, requestId) => {
    const request = await services.feedback.openRequest(userId, requestId);
    return feedbackModal(
      { requestId: request.id },
      { recipientId: request.requesterId, topic: request.topic },
    );
  });

/** "Not now": asks again tomorrow. */
export const feedbackNotNowButton = (services: Services, logger: Logger): ButtonListener =>
  answerButton(logger, FEEDBACK_ACTIONS.notNow, false, async (userId, requestId) =>
    feedbackNotNowReply(await services.feedback.notNow(userId, requestId)),
  );

/** The feedback prompt's buttons. */
export function registerFeedbackActions(app: App, services: Services, logger: Logger): void {
  app.action<BlockButtonAction>(FEEDBACK_ACTIONS.give, giveFeedbackButton(services, logger));
  app.action<BlockButtonAction>(FEEDBACK_ACTIONS.notNow, feedbackNotNowButton(services, logger));
}
