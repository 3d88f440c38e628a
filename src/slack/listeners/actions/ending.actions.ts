import type { App, BlockButtonAction } from "@slack/bolt";
import { isDomainError } from "../../../domain/errors.js";
import type { Logger } from "../../../logger.js";
import {
  ENDING_ACTIONS,
  endedReply,
  keptReply,
  readEndButtonValue,
} from "../../messages/ending.messages.js";
import { errorMessage } from "../../messages/error-messages.js";
import type { Services } from "../../services.js";
import { reflectionModal } from "../../views/reflection-modal.view.js";
import { replySafely } from "../reply-safely.js";

/** "End mentorship" / "Keep it" under `/mentor end`, and the closing DM's "Share a reflection". */
export function registerEndingActions(app: App, services: Services, logger: Logger): void {
  app.action<BlockButtonAction>(ENDING_ACTIONS.confirm, async ({ ack, body, action, respond }) => {
    await ack();
    const { relationshipId, reason } = readEndButtonValue(action.value ?? "");
    const reply = await replySafely(
      logger,
      { action: ENDING_ACTIONS.confirm, user: body.user.id },
      async () => endedReply(await services.ending.end(body.user.id, relationshipId, reason)),
    );
    await respond({ replace_original: true, ...reply });
  });
  app.action<BlockButtonAction>(ENDING_ACTIONS.cancel, async ({ ack, respond }) => {
    await ack();
    await respond({ replace_original: true, ...keptReply });
  });
  app.action<BlockButtonAction>(
    ENDING_ACTIONS.reflect,
    async ({ ack, body, action, client, respond }) => {
      await ack();
      try {
        const relationship = await services.ending.reflectionTarget(
          body.user.id,
          action.value ?? "",
        );
        await client.views.open({
          trigger_id: body.trigger_id,
          view: reflectionModal(relationship),
        });
      } catch (error) {
        if (!isDomainError(error))
          logger.error({ err: error }, "could not open the reflection modal");
        const text = isDomainError(error)
          ? errorMessage(error)
          : "Sorry, I couldn't open that form. Please try again.";
        await respond({ response_type: "ephemeral", replace_original: false, text });
      }
    },
  );
}
