import type { App } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import type { Services } from "../../services.js";
import { CONGRATULATE_CALLBACK } from "../../views/congratulate-modal.view.js";
import { fieldValue } from "../../views/modal-fields.js";
import { viewErrors } from "./view-errors.js";

const FIELDS = ["note", "next_step"] as const;

/**
 * The mentor's congratulation. It is sent before the modal closes, so a
 * failure shows on the form and the mentor can send again; the view id keys
 * the DM, so one submission is one message.
 */
export function registerCongratulateView(app: App, services: Services, logger: Logger): void {
  app.view(CONGRATULATE_CALLBACK, async ({ ack, body, view }) => {
    try {
      await services.celebrations.congratulate(body.user.id, view.private_metadata, view.id, {
        note: fieldValue(view.state.values, "note"),
        nextStep: fieldValue(view.state.values, "next_step"),
      });
    } catch (error) {
      await ack(viewErrors(error, "note", FIELDS, logger));
      return;
    }
    await ack();
  });
}
