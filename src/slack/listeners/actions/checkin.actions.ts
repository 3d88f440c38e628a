import type { App, BlockButtonAction } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import {
  CHECKIN_ACTIONS,
  checkinAnswerReply,
  checkinSnoozedReply,
} from "../../messages/checkin.messages.js";
import type { Services } from "../../services.js";
import { checkinProgressModal } from "../../views/checkin-progress-modal.view.js";
import { answerButton, type ButtonListener, modalButton } from "../interactions/button-listener.js";

/** "On track" / "Need help": the answer updates the DM through the job that tells the mentor. */
export const checkinAnswerButton = (
  services: Services,
  logger: Logger,
  actionId: string,
  kind: "on_track" | "need_help",
): ButtonListener =>
  answerButton(logger, actionId, false, async (userId, checkinId) => {
    const { checkin, mentorLeft, noAdmins } = await services.checkins.answer(
      userId,
      checkinId,
      kind,
    );
    return checkinAnswerReply(kind, mentorLeft ? checkin.mentorId : undefined, noAdmins);
  });

export const checkinSnoozeButton = (services: Services, logger: Logger): ButtonListener =>
  answerButton(logger, CHECKIN_ACTIONS.snooze, false, async (userId, checkinId) =>
    checkinSnoozedReply(await services.checkins.snooze(userId, checkinId)),
  );

/** "Log progress": the check-in's own progress form. */
export const checkinProgressButton = (services: Services, logger: Logger): ButtonListener =>
  modalButton(services, logger, "check-in modal", async (userId, checkinId) => {
    const checkin = await services.checkins.checkinFor(userId, checkinId);
    const roadmap = await services.roadmap.roadmap(userId, {
      relationshipId: checkin.relationshipId,
    });
    return checkinProgressModal(checkin, roadmap);
  });

/** The check-in DM's buttons. */
export function registerCheckinActions(app: App, services: Services, logger: Logger): void {
  const { onTrack, needHelp, snooze, logProgress } = CHECKIN_ACTIONS;
  app.action<BlockButtonAction>(
    onTrack,
    checkinAnswerButton(services, logger, onTrack, "on_track"),
  );
  app.action<BlockButtonAction>(
    needHelp,
    checkinAnswerButton(services, logger, needHelp, "need_help"),
  );
  app.action<BlockButtonAction>(snooze, checkinSnoozeButton(services, logger));
  app.action<BlockButtonAction>(logProgress, checkinProgressButton(services, logger));
}
