import type { App, BlockButtonAction } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import { CELEBRATION_ACTIONS } from "../../messages/celebration.messages.js";
import type { Services } from "../../services.js";
import { congratulateModal } from "../../views/congratulate-modal.view.js";
import { type ButtonListener, modalButton } from "../interactions/button-listener.js";

/** The mentor's "Congratulate" button: opens the note modal, for that mentor only. */
export const congratulateButton = (services: Services, logger: Logger): ButtonListener =>
  modalButton(services, logger, "congratulate modal", async (userId, milestoneId) => {
    const { milestone, relationship } = await services.congratulations.milestoneToCongratulate(
      userId,
      milestoneId,
    );
    return congratulateModal(milestone, relationship.menteeId);
  });

export function registerCelebrationActions(app: App, services: Services, logger: Logger): void {
  app.action<BlockButtonAction>(
    CELEBRATION_ACTIONS.congratulate,
    congratulateButton(services, logger),
  );
}
