import type { App, BlockButtonAction } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import {
  FORGET_ACTIONS,
  forgottenReply,
  keptDataReply,
} from "../../messages/forgetting.messages.js";
import type { Services } from "../../services.js";
import { answerButton, type ButtonListener, replyButton } from "../interactions/button-listener.js";

/** "Forget" under `/mentor forget …`: the button's value is whose data goes. */
export const forgetButton = (services: Services, logger: Logger): ButtonListener =>
  answerButton(logger, FORGET_ACTIONS.confirm, true, async (actorId, targetId) => {
    const { ended } = await services.forgetting.forget(actorId, targetId);
    return forgottenReply(actorId, targetId, ended);
  });

export const keepDataButton: ButtonListener = replyButton(keptDataReply);

export function registerForgettingActions(app: App, services: Services, logger: Logger): void {
  app.action<BlockButtonAction>(FORGET_ACTIONS.confirm, forgetButton(services, logger));
  app.action<BlockButtonAction>(FORGET_ACTIONS.cancel, keepDataButton);
}
