import type { App, BlockButtonAction } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import { EXCHANGE_ACTIONS } from "../../messages/exchange.messages.js";
import type { Services } from "../../services.js";
import { adviceModal, offerModal } from "../../views/exchange-modal.view.js";
import { modalButton } from "../interactions/button-listener.js";

/** "Share something with your mentor" (check-ins) and "Share advice" (the workplace prompt). */
export function registerExchangeActions(app: App, services: Services, logger: Logger): void {
  const modals = {
    [EXCHANGE_ACTIONS.offer]: { what: "offer form", build: offerModal },
    [EXCHANGE_ACTIONS.advise]: { what: "advice form", build: adviceModal },
  };
  for (const [actionId, modal] of Object.entries(modals)) {
    // Checks the pair first: nobody outside it gets the form.
    const build = async (userId: string, relationshipId: string) =>
      modal.build(
        (await services.roadmap.roadmapToChange(userId, { relationshipId })).relationshipId,
      );
    app.action<BlockButtonAction>(actionId, modalButton(services, logger, modal.what, build));
  }
}
