import type { App, BlockButtonAction } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import { escapeMrkdwn } from "../../messages/escape.js";
import { REMOVE_ACTIONS } from "../../messages/milestone-remove.messages.js";
import type { Services } from "../../services.js";
import { answerButton, type ButtonListener } from "../interactions/button-listener.js";

/** "Remove" under `/mentor milestone remove <n>`: the confirmation becomes the outcome. */
export const removeMilestoneButton = (services: Services, logger: Logger): ButtonListener =>
  answerButton(logger, REMOVE_ACTIONS.confirm, true, async (userId, milestoneId) => {
    const removed = await services.roadmap.removeMilestone(userId, milestoneId);
    return {
      text: `Removed the milestone *${escapeMrkdwn(removed.title)}*. The others were renumbered.`,
    };
  });

/** "Keep it": nothing to do but say so. */
export const keepMilestoneButton: ButtonListener = async ({ ack, respond }) => {
  await ack();
  await respond({ replace_original: true, text: "Kept it: nothing was removed." });
};

export function registerMilestoneRemoveActions(app: App, services: Services, logger: Logger): void {
  app.action<BlockButtonAction>(REMOVE_ACTIONS.confirm, removeMilestoneButton(services, logger));
  app.action<BlockButtonAction>(REMOVE_ACTIONS.cancel, keepMilestoneButton);
}
