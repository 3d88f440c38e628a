import type { App } from "@slack/bolt";
import { DomainError } from "../../../domain/errors.js";
import type { Logger } from "../../../logger.js";
import { publishHomes } from "../../home-publisher.js";
import type { Services } from "../../services.js";
import { fieldValue } from "../../views/modal-fields.js";
import { LOG_PROGRESS_CALLBACK } from "../../views/progress-modal.view.js";
import { viewErrors } from "./view-errors.js";

const FIELDS = ["milestone", "note", "status"] as const;

/** The log-progress modal: a note on a milestone, optionally marking it reached. */
export function registerLogProgressView(app: App, services: Services, logger: Logger): void {
  app.view(LOG_PROGRESS_CALLBACK, async ({ ack, body, view, client }) => {
    const actorId = body.user.id;
    const values = view.state.values;
    const target = { relationshipId: view.private_metadata };
    let members: string[] = [];
    try {
      const roadmap = await services.roadmap.roadmap(actorId, target);
      members = [roadmap.mentorId, roadmap.menteeId];
      // The select carries the milestone's id: its number may change while the form is open.
      const milestoneId = fieldValue(values, "milestone");
      if (!milestoneId) {
        throw new DomainError("milestone_not_picked", { field: "milestone" });
      }
      const note = fieldValue(values, "note");
      const pick = { milestoneId };
      if (fieldValue(values, "status") === "done") {
        await services.milestoneProgress.markDone(actorId, target, pick, note);
      } else {
        await services.milestoneProgress.logProgress(actorId, target, pick, note);
      }
    } catch (error) {
      await ack(viewErrors(error, "note", FIELDS, logger));
      return;
    }
    await ack();
    await publishHomes(client, services, [actorId, ...members]).catch((err) =>
      logger.warn({ err }, "could not refresh App Home"),
    );
  });
}
