import type { App, BlockButtonAction } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import { CHECKIN_ACTIONS } from "../../messages/checkin.messages.js";
import { slackDate } from "../../messages/slack-date.js";
import type { Services } from "../../services.js";
import { checkinProgressModal } from "../../views/checkin-progress-modal.view.js";
import { openModalOrExplain } from "../interactions/open-modal.js";
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
      await openModalOrExplain({
        client,
        logger,
        userId: body.user.id,
        triggerId: body.trigger_id,
        respond,
        what: "check-in modal",
        build: async () => {
          const checkin = await services.checkins.checkinFor(body.user.id, action.value ?? "");
          const roadmap = await services.roadmap.roadmap(body.user.id, {
            relationshipId: checkin.relationshipId,
          });
          return checkinProgressModal(checkin, roadmap);
        },
      });
    },
  );
}
