import type { App } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import type { Services } from "../../services.js";
import { ADVICE_CALLBACK, OFFER_CALLBACK } from "../../views/exchange-modal.view.js";
import { fieldValue } from "../../views/modal-fields.js";
import { formListener } from "./form-listener.js";

/**
 * The offer and advice forms: checked before they close; the other person is told by a job,
 * and both Homes show it at once.
 */
export function registerExchangeViews(app: App, services: Services, logger: Logger): void {
  app.view(
    OFFER_CALLBACK,
    formListener(services, logger, {
      fields: ["offer"],
      fallback: "offer",
      submit: async (userId, view) =>
        (
          await services.exchanges.offer(
            userId,
            view.private_metadata,
            fieldValue(view.state.values, "offer"),
            "checkin",
          )
        ).people,
    }),
  );

  app.view(
    ADVICE_CALLBACK,
    formListener(services, logger, {
      fields: ["topic", "advice"],
      fallback: "advice",
      submit: async (userId, view) =>
        (
          await services.exchanges.advise(
            userId,
            view.private_metadata,
            fieldValue(view.state.values, "topic"),
            fieldValue(view.state.values, "advice"),
          )
        ).people,
    }),
  );
}
