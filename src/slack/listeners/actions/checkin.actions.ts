import type { App, BlockButtonAction } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { isDomainError } from "../../../domain/errors.js";
import type { Logger } from "../../../logger.js";
import { CHECKIN_ACTIONS } from "../../messages/checkin.messages.js";
import { errorMessage } from "../../messages/error-messages.js";
import { slackDate } from "../../messages/slack-date.js";
import type { Services } from "../../services.js";
import { checkinProgressModal } from "../../views/checkin-progress-modal.view.js";
import { replySafely } from "../reply-safely.js";

/** The check-in DM's buttons. The answer updates the message through the job that tells the mentor. */
export function registerCheckinActions(app: App, services: Services, logger: Logger): void {
  const answers = {
    [CHECKIN_ACTIONS.onTrack]: "on_track",
    [CHECKIN_ACTIONS.needHelp]: "need_help",
  } as const;
  for (const [actionId, kind] of Object.entries(answers)) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, respond }) => {
      await ack();
      const reply = await replySafely(
        logger,
        { action: actionId, user: body.user.id },
        async () => {
          await services.checkins.answer(body.user.id, action.value ?? "", kind);
          return kind === "need_help"
            ? { text: "Thanks for saying so. I've asked your mentor to reach out to you." }
            : { text: "Great, thanks! I've let your mentor know." };
        },
      );
      await respond({ response_type: "ephemeral", replace_original: false, ...reply });
    });
  }

  app.action<BlockButtonAction>(CHECKIN_ACTIONS.snooze, async ({ ack, body, action, respond }) => {
    await ack();
    const reply = await replySafely(
      logger,
      { action: CHECKIN_ACTIONS.snooze, user: body.user.id },
      async () => {
        const remindAt = await services.checkins.snooze(body.user.id, action.value ?? "");
        return {
          text: `Snoozed. I'll remind you ${slackDate(remindAt, "{date_short_pretty} at {time}")}.`,
        };
      },
    );
    await respond({ response_type: "ephemeral", replace_original: false, ...reply });
  });

  app.action<BlockButtonAction>(
    CHECKIN_ACTIONS.logProgress,
    async ({ ack, body, action, client, respond }) => {
      await ack();
      try {
        await openProgressModal(
          client,
          services,
          body.user.id,
          action.value ?? "",
          body.trigger_id,
        );
      } catch (error) {
        if (!isDomainError(error))
          logger.error({ err: error }, "could not open the check-in modal");
        const text = isDomainError(error)
          ? errorMessage(error)
          : "Sorry, I couldn't open that form. Please try again.";
        await respond({ response_type: "ephemeral", replace_original: false, text });
      }
    },
  );
}

async function openProgressModal(
  client: WebClient,
  services: Services,
  actorId: string,
  checkinId: string,
  triggerId: string,
): Promise<void> {
  const checkin = await services.checkins.checkinFor(actorId, checkinId);
  const roadmap = await services.roadmap.roadmap(actorId, {
    relationshipId: checkin.relationshipId,
  });
  await client.views.open({ trigger_id: triggerId, view: checkinProgressModal(checkin, roadmap) });
}
