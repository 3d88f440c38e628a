import type { App } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import type { Services } from "../../services.js";
import { CONGRATULATE_CALLBACK } from "../../views/congratulate-modal.view.js";
import { fieldValue } from "../../views/modal-fields.js";
import { type FormListener, formListener } from "./form-listener.js";

/**
 * The mentor's congratulation. It is sent before the modal closes, so a
 * failure shows on the form and the mentor can send again; the view id keys
 * the DM, so one submission is one message.
 */
export const congratulateForm = (services: Services, logger: Logger): FormListener =>
  formListener(services, logger, {
    fields: ["note", "next_step"],
    fallback: "note",
    submit: async (userId, view) => {
      await services.congratulations.congratulate(userId, view.private_metadata, view.id, {
        note: fieldValue(view.state.values, "note"),
        nextStep: fieldValue(view.state.values, "next_step"),
      });
      return undefined;
    },
  });

export function registerCongratulateView(app: App, services: Services, logger: Logger): void {
  app.view(CONGRATULATE_CALLBACK, congratulateForm(services, logger));
}
