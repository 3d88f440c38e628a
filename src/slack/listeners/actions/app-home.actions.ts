import type { App, BlockButtonAction } from "@slack/bolt";
import { isDomainError } from "../../../domain/errors.js";
import type { Logger } from "../../../logger.js";
import type { Services } from "../../services.js";
import { HOME_ACTIONS } from "../../views/app-home.view.js";
import { addMilestoneModal } from "../../views/milestone-modal.view.js";
import { logProgressModal } from "../../views/progress-modal.view.js";

/** App Home buttons: each opens its modal for the relationship the button belongs to. */
export function registerAppHomeActions(app: App, services: Services, logger: Logger): void {
  app.action<BlockButtonAction>(
    HOME_ACTIONS.addMilestone,
    async ({ ack, body, action, client }) => {
      await ack();
      try {
        // Check access before showing a form for someone else's roadmap.
        const roadmap = await services.roadmap.roadmap(body.user.id, {
          relationshipId: action.value ?? "",
        });
        await client.views.open({
          trigger_id: body.trigger_id,
          view: addMilestoneModal(roadmap.relationshipId),
        });
      } catch (error) {
        if (!isDomainError(error))
          logger.error({ err: error }, "could not open the add-milestone modal");
      }
    },
  );
  app.action<BlockButtonAction>(HOME_ACTIONS.logProgress, async ({ ack, body, action, client }) => {
    await ack();
    try {
      const roadmap = await services.roadmap.roadmap(body.user.id, {
        relationshipId: action.value ?? "",
      });
      await client.views.open({ trigger_id: body.trigger_id, view: logProgressModal(roadmap) });
    } catch (error) {
      if (!isDomainError(error))
        logger.error({ err: error }, "could not open the log-progress modal");
    }
  });
}
