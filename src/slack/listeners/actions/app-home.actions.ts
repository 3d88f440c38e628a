import type { App, BlockButtonAction } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import type { Services } from "../../services.js";
import { HOME_ACTIONS } from "../../views/app-home.view.js";
import { addMilestoneModal } from "../../views/milestone-modal.view.js";
import { logProgressModal } from "../../views/progress-modal.view.js";
import { type ButtonListener, modalButton } from "../interactions/button-listener.js";

/** App Home's "Add milestone": checks access before showing a form for someone else's roadmap. */
export const addMilestoneButton = (services: Services, logger: Logger): ButtonListener =>
  modalButton(services, logger, "add-milestone modal", async (userId, relationshipId) =>
    addMilestoneModal(
      (await services.roadmap.roadmapToChange(userId, { relationshipId })).relationshipId,
    ),
  );

/** App Home's "Log progress". */
export const logProgressButton = (services: Services, logger: Logger): ButtonListener =>
  modalButton(services, logger, "log-progress modal", async (userId, relationshipId) =>
    logProgressModal(await services.roadmap.roadmapToChange(userId, { relationshipId })),
  );

/**
 * App Home buttons: each opens its modal for the relationship the button belongs to.
 * A refusal or a failure is said in the person's DM with the bot (Home has no response_url).
 */
export function registerAppHomeActions(app: App, services: Services, logger: Logger): void {
  app.action<BlockButtonAction>(HOME_ACTIONS.addMilestone, addMilestoneButton(services, logger));
  app.action<BlockButtonAction>(HOME_ACTIONS.logProgress, logProgressButton(services, logger));
}
