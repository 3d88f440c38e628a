import type { App, BlockButtonAction } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import { escapeMrkdwn } from "../../messages/escape.js";
import { REMOVE_ACTIONS } from "../../messages/milestone-remove.messages.js";
import type { Services } from "../../services.js";
import { replySafely } from "../reply-safely.js";

/** The "Remove" / "Keep it" buttons under `/mentor milestone remove <n>`. */
export function registerMilestoneRemoveActions(app: App, services: Services, logger: Logger): void {
  app.action<BlockButtonAction>(REMOVE_ACTIONS.confirm, async ({ ack, body, action, respond }) => {
    await ack();
    const reply = await replySafely(
      logger,
      { action: REMOVE_ACTIONS.confirm, user: body.user.id },
      async () => {
        const removed = await services.roadmap.removeMilestone(body.user.id, action.value ?? "");
        return {
          text: `Removed the milestone *${escapeMrkdwn(removed.title)}*. The others were renumbered.`,
        };
      },
    );
    await respond({ replace_original: true, ...reply });
  });
  app.action<BlockButtonAction>(REMOVE_ACTIONS.cancel, async ({ ack, respond }) => {
    await ack();
    await respond({ replace_original: true, text: "Kept it: nothing was removed." });
  });
}
