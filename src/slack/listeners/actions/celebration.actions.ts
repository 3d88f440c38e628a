import type { App, BlockButtonAction } from "@slack/bolt";
import { isDomainError } from "../../../domain/errors.js";
import type { Logger } from "../../../logger.js";
import { CELEBRATION_ACTIONS } from "../../messages/celebration.messages.js";
import { errorMessage } from "../../messages/error-messages.js";
import type { Services } from "../../services.js";
import { congratulateModal } from "../../views/congratulate-modal.view.js";

/** The mentor's "Congratulate" button: opens the note modal, for that mentor only. */
export function registerCelebrationActions(app: App, services: Services, logger: Logger): void {
  app.action<BlockButtonAction>(
    CELEBRATION_ACTIONS.congratulate,
    async ({ ack, body, action, client, respond }) => {
      await ack();
      const actorId = body.user.id;
      try {
        const { milestone, relationship } = await services.celebrations.milestoneToCongratulate(
          actorId,
          action.value ?? "",
        );
        await client.views.open({
          trigger_id: body.trigger_id,
          view: congratulateModal(milestone, relationship.menteeId),
        });
      } catch (error) {
        if (!isDomainError(error))
          logger.error({ err: error }, "could not open the congratulate modal");
        const text = isDomainError(error)
          ? errorMessage(error)
          : "Sorry, I couldn't open that form. Please try again.";
        await respond({ response_type: "ephemeral", replace_original: false, text });
      }
    },
  );
}
