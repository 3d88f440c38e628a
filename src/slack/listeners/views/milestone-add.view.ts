import type { App } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import type { Services } from "../../services.js";
import { ADD_MILESTONE_CALLBACK } from "../../views/milestone-modal.view.js";
import { fieldValue } from "../../views/modal-fields.js";
import { type FormListener, formListener } from "./form-listener.js";

/** The add-milestone modal: validated before it closes; the Home then shows the new milestone. */
export const addMilestoneForm = (services: Services, logger: Logger): FormListener =>
  formListener(services, logger, {
    fields: ["title", "dueDate", "description", "template"],
    fallback: "title",
    submit: async (userId, view) => {
      const values = view.state.values;
      const target = { relationshipId: view.private_metadata };
      const title = fieldValue(values, "title");
      const template = fieldValue(values, "template");
      // A template stands in for a missing title: all its milestones, due weeks from today.
      const roadmap =
        template && !title.trim()
          ? await services.roadmap.addFromTemplate(userId, target, template)
          : (
              await services.roadmap.addMilestone(userId, target, {
                title,
                dueDate: fieldValue(values, "dueDate") || undefined,
                description: fieldValue(values, "description"),
              })
            ).roadmap;
      return [roadmap.mentorId, roadmap.menteeId];
    },
  });

export function registerAddMilestoneView(app: App, services: Services, logger: Logger): void {
  app.view(ADD_MILESTONE_CALLBACK, addMilestoneForm(services, logger));
}
