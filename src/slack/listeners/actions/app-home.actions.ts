import type { App, BlockButtonAction } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import type { Services } from "../../services.js";
import { HOME_ACTIONS } from "../../views/app-home.view.js";
import { addMilestoneModal } from "../../views/milestone-modal.view.js";
import { logProgressModal } from "../../views/progress-modal.view.js";
import { openModalOrExplain } from "../interactions/open-modal.js";

/**
 * App Home buttons: each opens its modal for the relationship the button belongs to.
 * A refusal or a failure is said in the person's DM with the bot (Home has no response_url).
 */
export function registerAppHomeActions(app: App, services: Services, logger: Logger): void {
  const modals = {
    [HOME_ACTIONS.addMilestone]: {
      what: "add-milestone modal",
      // Check access before showing a form for someone else's roadmap.
      build: async (userId: string, relationshipId: string) =>
        addMilestoneModal(
          (await services.roadmap.roadmap(userId, { relationshipId })).relationshipId,
        ),
    },
    [HOME_ACTIONS.logProgress]: {
      what: "log-progress modal",
      build: async (userId: string, relationshipId: string) =>
        logProgressModal(await services.roadmap.roadmap(userId, { relationshipId })),
    },
  };
  for (const [actionId, modal] of Object.entries(modals)) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, client, respond }) => {
      await ack();
      await openModalOrExplain({
        client,
        logger,
        userId: body.user.id,
        triggerId: body.trigger_id,
        respond,
        what: modal.what,
        build: () => modal.build(body.user.id, action.value ?? ""),
      });
    });
  }
}
