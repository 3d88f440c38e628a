import type { App } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import { publishHomes } from "../../home-publisher.js";
import type { Services } from "../../services.js";
import { ADD_MILESTONE_CALLBACK } from "../../views/milestone-modal.view.js";
import { fieldValue } from "../../views/modal-fields.js";
import { viewErrors } from "./view-errors.js";

const FIELDS = ["title", "dueDate", "description"] as const;

/** The add-milestone modal: validated before it closes; the Home then shows the new milestone. */
export function registerAddMilestoneView(app: App, services: Services, logger: Logger): void {
  app.view(ADD_MILESTONE_CALLBACK, async ({ ack, body, view, client }) => {
    const actorId = body.user.id;
    const values = view.state.values;
    let members: string[] = [];
    try {
      const { roadmap } = await services.roadmap.addMilestone(
        actorId,
        { relationshipId: view.private_metadata },
        {
          title: fieldValue(values, "title"),
          dueDate: fieldValue(values, "dueDate") || undefined,
          description: fieldValue(values, "description"),
        },
      );
      members = [roadmap.mentorId, roadmap.menteeId];
    } catch (error) {
      await ack(viewErrors(error, "title", FIELDS, logger));
      return;
    }
    await ack();
    await publishHomes(client, services, [actorId, ...members]).catch((err) =>
      logger.warn({ err }, "could not refresh App Home"),
    );
  });
}
