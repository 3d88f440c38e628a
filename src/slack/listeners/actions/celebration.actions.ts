import type { App, BlockButtonAction } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import { CELEBRATION_ACTIONS } from "../../messages/celebration.messages.js";
import type { Services } from "../../services.js";
import { congratulateModal } from "../../views/congratulate-modal.view.js";
import { openModalOrExplain } from "../interactions/open-modal.js";

/** The mentor's "Congratulate" button: opens the note modal, for that mentor only. */
export function registerCelebrationActions(app: App, services: Services, logger: Logger): void {
  app.action<BlockButtonAction>(
    CELEBRATION_ACTIONS.congratulate,
    async ({ ack, body, action, client, respond }) => {
      await ack();
      await openModalOrExplain({
        client,
        logger,
        userId: body.user.id,
        triggerId: body.trigger_id,
        respond,
        what: "congratulate modal",
        build: async () => {
          const { milestone, relationship } = await services.celebrations.milestoneToCongratulate(
            body.user.id,
            action.value ?? "",
          );
          return congratulateModal(milestone, relationship.menteeId);
        },
      });
    },
  );
}
