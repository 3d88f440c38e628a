import type { App, BlockButtonAction } from "@slack/bolt";
import type { ShareAnswer } from "../../../domain/roadmap.js";
import type { Logger } from "../../../logger.js";
import { CELEBRATION_ACTIONS, shareAnsweredMessage } from "../../messages/celebration.messages.js";
import type { Services } from "../../services.js";
import { replySafely } from "../reply-safely.js";

/** The mentee's Share / Keep private, on a milestone someone else marked reached. */
export function registerCelebrationShareActions(
  app: App,
  services: Services,
  logger: Logger,
): void {
  const answers: Array<[string, ShareAnswer]> = [
    [CELEBRATION_ACTIONS.share, "share"],
    [CELEBRATION_ACTIONS.keepPrivate, "keep_private"],
  ];
  for (const [actionId, answer] of answers) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, respond }) => {
      await ack();
      let answered = false;
      const reply = await replySafely(
        logger,
        { action: actionId, user: body.user.id },
        async () => {
          const channelId = await services.celebrations.answerShare(
            body.user.id,
            action.value ?? "",
            answer,
          );
          answered = true;
          return shareAnsweredMessage(answer, channelId);
        },
      );
      // The answer replaces the question; a refusal comes as a note of its own.
      await respond({ response_type: "ephemeral", replace_original: answered, ...reply });
    });
  }
}
