import type { App } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import type { Services } from "../../services.js";
import { CHECKIN_PROGRESS_CALLBACK } from "../../views/checkin-progress-modal.view.js";
import { fieldValue } from "../../views/modal-fields.js";
import { viewErrors } from "./view-errors.js";

const FIELDS = ["milestone", "note", "status"] as const;

/** The check-in's progress modal: logs on the roadmap and answers the check-in in one go. */
export function registerCheckinProgressView(app: App, services: Services, logger: Logger): void {
  app.view(CHECKIN_PROGRESS_CALLBACK, async ({ ack, body, view }) => {
    const values = view.state.values;
    try {
      await services.checkins.answerWithProgress(body.user.id, view.private_metadata, {
        milestoneId: fieldValue(values, "milestone"),
        note: fieldValue(values, "note"),
        markDone: fieldValue(values, "status") === "done",
      });
    } catch (error) {
      await ack(viewErrors(error, "note", FIELDS, logger));
      return;
    }
    await ack();
  });
}
