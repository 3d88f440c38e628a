import type { App } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import type { Services } from "../../services.js";
import { CHECKIN_PROGRESS_CALLBACK } from "../../views/checkin-progress-modal.view.js";
import { fieldValue } from "../../views/modal-fields.js";
import { type FormListener, formListener } from "./form-listener.js";

/** The check-in's progress modal: logs on the roadmap and answers the check-in in one go. */
export const checkinProgressForm = (services: Services, logger: Logger): FormListener =>
  formListener(services, logger, {
    fields: ["milestone", "note", "status"],
    fallback: "note",
    submit: async (userId, view) => {
      const values = view.state.values;
      await services.checkins.answerWithProgress(userId, view.private_metadata, {
        milestoneId: fieldValue(values, "milestone"),
        note: fieldValue(values, "note"),
        markDone: fieldValue(values, "status") === "done",
      });
      return undefined;
    },
  });

export function registerCheckinProgressView(app: App, services: Services, logger: Logger): void {
  app.view(CHECKIN_PROGRESS_CALLBACK, checkinProgressForm(services, logger));
}
