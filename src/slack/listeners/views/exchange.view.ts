import type { App } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import type { Services } from "../../services.js";
import { ADVICE_CALLBACK, OFFER_CALLBACK } from "../../views/exchange-modal.view.js";
import { fieldValue } from "../../views/modal-fields.js";
import { viewErrors } from "./view-errors.js";

/** The offer and advice forms: checked before they close; the other person is told by a job. */
export function registerExchangeViews(app: App, services: Services, logger: Logger): void {
  app.view(OFFER_CALLBACK, async ({ ack, body, view }) => {
    try {
      await services.exchanges.offer(
        body.user.id,
        view.private_metadata,
        fieldValue(view.state.values, "offer"),
        "checkin",
      );
    } catch (error) {
      await ack(viewErrors(error, "offer", ["offer"], logger));
      return;
    }
    await ack();
  });

  app.view(ADVICE_CALLBACK, async ({ ack, body, view }) => {
    try {
      await services.exchanges.advise(
        body.user.id,
        view.private_metadata,
        fieldValue(view.state.values, "topic"),
        fieldValue(view.state.values, "advice"),
      );
    } catch (error) {
      await ack(viewErrors(error, "advice", ["topic", "advice"], logger));
      return;
    }
    await ack();
  });
}
