import type { App } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import type { Services } from "../../services.js";
import { fieldValue } from "../../views/modal-fields.js";
import { REFLECTION_CALLBACK } from "../../views/reflection-modal.view.js";
import { type FormListener, formListener } from "./form-listener.js";

/** The reflection on an ended mentorship: saved with the pair, one per person. */
export const reflectionForm = (services: Services, logger: Logger): FormListener =>
  formListener(services, logger, {
    fields: ["what_worked", "next_steps"],
    fallback: "what_worked",
    submit: async (userId, view) => {
      await services.ending.saveReflection(userId, view.private_metadata, {
        whatWorked: fieldValue(view.state.values, "what_worked"),
        nextSteps: fieldValue(view.state.values, "next_steps"),
      });
      return undefined;
    },
  });

export function registerReflectionView(app: App, services: Services, logger: Logger): void {
  app.view(REFLECTION_CALLBACK, reflectionForm(services, logger));
}
