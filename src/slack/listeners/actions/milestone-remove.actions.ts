import type { App, BlockButtonAction } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import { REMOVE_ACTIONS } from "../../messages/milestone-remove.messages.js";
import {
  milestoneKeptReply,
  milestoneRemovedReply,
} from "../../messages/milestone-replies.messages.js";
import type { Services } from "../../services.js";
import { answerButton, type ButtonListener, replyButton } from "../interactions/button-listener.js";

/** "Remove" under `/mentor milestone remove <n>`: the confirmation becomes the outcome. */
export const removeMilestoneButton = (services: Services, logger: Logger): ButtonListener =>
  answerButton(logger, REMOVE_ACTIONS.confirm, true, async (userId, milestoneId) =>
    milestoneRemovedReply(await services.roadmap.removeMilestone(userId, milestoneId)),
  );

/** "Keep it": nothing to do but say so. */
export const keepMilestoneButton: ButtonListener = replyButton(milestoneKeptReply);

export function registerMilestoneRemoveActions(app: App, services: Services, logger: Logger): void {
  app.action<BlockButtonAction>(REMOVE_ACTIONS.confirm, removeMilestoneButton(services, logger));
  app.action<BlockButtonAction>(REMOVE_ACTIONS.cancel, keepMilestoneButton);
}
