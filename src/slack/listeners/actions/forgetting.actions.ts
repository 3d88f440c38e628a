import type { App, BlockButtonAction } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import {
  FORGET_ACTIONS,
  forgottenReply,
  keptDataReply,
} from "../../messages/forgetting.messages.js";
import type { Services } from "../../services.js";
import { replySafely } from "../reply-safely.js";

/** "Forget" / "Keep" under `/mentor forget …`. */
export function registerForgettingActions(app: App, services: Services, logger: Logger): void {
  app.action<BlockButtonAction>(FORGET_ACTIONS.confirm, async ({ ack, body, action, respond }) => {
    await ack();
    const actorId = body.user.id;
    const targetId = action.value ?? "";
    const reply = await replySafely(
      logger,
      { action: FORGET_ACTIONS.confirm, user: actorId },
      async () => {
        const { ended } = await services.forgetting.forget(actorId, targetId);
        return forgottenReply(actorId, targetId, ended);
      },
    );
    await respond({ replace_original: true, ...reply });
  });
  app.action<BlockButtonAction>(FORGET_ACTIONS.cancel, async ({ ack, respond }) => {
    await ack();
    await respond({ replace_original: true, ...keptDataReply });
  });
}
