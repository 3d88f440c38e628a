import type { App } from "@slack/bolt";
import { DomainError } from "../../../domain/errors.js";
import type { Logger } from "../../../logger.js";
import type { Services } from "../../services.js";
import { fieldValue } from "../../views/modal-fields.js";
import { LOG_PROGRESS_CALLBACK } from "../../views/progress-modal.view.js";
import { type FormListener, formListener } from "./form-listener.js";

/** The log-progress modal: a note on a milestone, optionally marking it reached. */
export const logProgressForm = (services: Services, logger: Logger): FormListener =>
  formListener(services, logger, {
    fields: ["milestone", "note", "status"],
    fallback: "note",
    submit: async (userId, view) => {
      const values = view.state.values;
      const target = { relationshipId: view.private_metadata };
      const roadmap = await services.roadmap.roadmap(userId, target);
      // The select carries the milestone's id: its number may change while the form is open.
      const milestoneId = fieldValue(values, "milestone");
      if (!milestoneId) throw new DomainError("milestone_not_picked", { field: "milestone" });
      const note = fieldValue(values, "note");
      const pick = { milestoneId };
      if (fieldValue(values, "status") === "done") {
        await services.milestoneProgress.markDone(userId, target, pick, note);
      } else {
        await services.milestoneProgress.logProgress(userId, target, pick, note);
      }
      return [roadmap.mentorId, roadmap.menteeId];
    },
  });

export function registerLogProgressView(app: App, services: Services, logger: Logger): void {
  app.view(LOG_PROGRESS_CALLBACK, logProgressForm(services, logger));
}
