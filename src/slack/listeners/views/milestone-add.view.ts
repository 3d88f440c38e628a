import type { App } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import type { Services } from "../../services.js";
import { ADD_MILESTONE_CALLBACK } from "../../views/milestone-modal.view.js";
import { fieldValue } from "../../views/modal-fields.js";
import { type FormListener, formListener } from "./form-listener.js";

/** The add-milestone modal: validated before it closes; the Home then shows the new milestone. */
export const addMilestoneForm = (services: Services, logger: Logger): FormListener =>
  formListener(services, logger, {
    fields: ["title", "dueDate", "description"],
    fallback: "title",
    submit: async (userId, view) => {
      const values = view.state.values;
      const { roadmap } = await services.roadmap.addMilestone(
        userId,
        { relationshipId: view.private_metadata },
        {
          title: fieldValue(values, "title"),
          dueDate: fieldValue(values, "dueDate") || undefined,
          description: fieldValue(values, "description"),
        },
      );
      return [roadmap.mentorId, roadmap.menteeId];
    },
  });

export function registerAddMilestoneView(app: App, services: Services, logger: Logger): void {
  app.view(ADD_MILESTONE_CALLBACK, addMilestoneForm(services, logger));
}
