import type { App, BlockButtonAction } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import { FEEDBACK_ACTIONS } from "../../messages/feedback.messages.js";
import { slackDate } from "../../messages/slack-date.js";
import type { Services } from "../../services.js";
import { feedbackModal } from "../../views/feedback-modal.view.js";
import { openModalOrExplain } from "../interactions/open-modal.js";
import { replySafely } from "../reply-safely.js";

/** The feedback prompt's buttons: "Give feedback" opens the modal, "Not now" asks again tomorrow. */
export function registerFeedbackActions(app: App, services: Services, logger: Logger): void {
  app.action<BlockButtonAction>(
    FEEDBACK_ACTIONS.give,
    async ({ ack, body, action, client, respond }) => {
      await ack();
      // From a prompt DM (respond works) or from App Home (no response_url: the DM instead).
      await openModalOrExplain({
        client,
        logger,
        userId: body.user.id,
        triggerId: body.trigger_id,
        respond,
        what: "feedback modal",
        build: async () => {
          const request = await services.feedback.openRequest(body.user.id, action.value ?? "");
          return feedbackModal(
            { requestId: request.id },
            { recipientId: request.requesterId, topic: request.topic },
          );
        },
      });
    },
  );

  app.action<BlockButtonAction>(FEEDBACK_ACTIONS.notNow, async ({ ack, body, action, respond }) => {
    await ack();
    const reply = await replySafely(
      logger,
      { action: FEEDBACK_ACTIONS.notNow, user: body.user.id },
      async () => {
        const remindAt = await services.feedback.notNow(body.user.id, action.value ?? "");
        return {
          text: `No problem. I'll ask again ${slackDate(remindAt, "{date_short_pretty} at {time}")}.`,
        };
      },
    );
    await respond({ response_type: "ephemeral", replace_original: false, ...reply });
  });
}
