import type { App, BlockButtonAction } from "@slack/bolt";
import { isDomainError } from "../../../domain/errors.js";
import type { Logger } from "../../../logger.js";
import {
  ENDING_ACTIONS,
  endedReply,
  keptReply,
  REFLECTION_NOT_OPENED_MESSAGE,
  readEndButtonValue,
} from "../../messages/ending.messages.js";
import { errorMessage } from "../../messages/error-messages.js";
import type { Services } from "../../services.js";
import { reflectionModal } from "../../views/reflection-modal.view.js";
import { answerButton, type ButtonListener, replyButton } from "../interactions/button-listener.js";

/** "End mentorship" under `/mentor end`: the value carries the pair and the reason. */
export const endMentorshipButton = (services: Services, logger: Logger): ButtonListener =>
  answerButton(logger, ENDING_ACTIONS.confirm, true, async (userId, value) => {
    const { relationshipId, reason } = readEndButtonValue(value);
    return endedReply(await services.ending.end(userId, relationshipId, reason));
  });

export const keepMentorshipButton: ButtonListener = replyButton(keptReply);

/** The closing DM's "Share a reflection". */
export const reflectButton =
  (services: Services, logger: Logger): ButtonListener =>
  async ({ ack, body, action, client, respond }) => {
    await ack();
    try {
      const relationship = await services.ending.reflectionTarget(body.user.id, action.value ?? "");
      await client.views.open({ trigger_id: body.trigger_id, view: reflectionModal(relationship) });
    } catch (error) {
      if (!isDomainError(error))
        logger.error({ err: error }, "could not open the reflection modal");
      const text = isDomainError(error) ? errorMessage(error) : REFLECTION_NOT_OPENED_MESSAGE;
      await respond({ response_type: "ephemeral", replace_original: false, text });
    }
  };

export function registerEndingActions(app: App, services: Services, logger: Logger): void {
  app.action<BlockButtonAction>(ENDING_ACTIONS.confirm, endMentorshipButton(services, logger));
  app.action<BlockButtonAction>(ENDING_ACTIONS.cancel, keepMentorshipButton);
  app.action<BlockButtonAction>(ENDING_ACTIONS.reflect, reflectButton(services, logger));
}
