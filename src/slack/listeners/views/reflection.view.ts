import type { App } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import type { Services } from "../../services.js";
import { fieldValue } from "../../views/modal-fields.js";
import { REFLECTION_CALLBACK } from "../../views/reflection-modal.view.js";
import { viewErrors } from "./view-errors.js";

const FIELDS = ["what_worked", "next_steps"] as const;

/** The reflection on an ended mentorship: saved with the pair, one per person. */
export function registerReflectionView(app: App, services: Services, logger: Logger): void {
  app.view(REFLECTION_CALLBACK, async ({ ack, body, view }) => {
    try {
      await services.ending.saveReflection(body.user.id, view.private_metadata, {
        whatWorked: fieldValue(view.state.values, "what_worked"),
        nextSteps: fieldValue(view.state.values, "next_steps"),
      });
    } catch (error) {
      await ack(viewErrors(error, "what_worked", FIELDS, logger));
      return;
    }
    await ack();
  });
}
