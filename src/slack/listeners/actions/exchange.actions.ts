import type { App, BlockButtonAction } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import { EXCHANGE_ACTIONS } from "../../messages/exchange.messages.js";
import type { Services } from "../../services.js";
import { adviceModal, offerModal } from "../../views/exchange-modal.view.js";
import { openModalOrExplain } from "../interactions/open-modal.js";

/** "Share something with your mentor" (check-ins) and "Share advice" (the workplace prompt). */
export function registerExchangeActions(app: App, services: Services, logger: Logger): void {
  const modals = {
    [EXCHANGE_ACTIONS.offer]: { what: "offer form", build: offerModal },
    [EXCHANGE_ACTIONS.advise]: { what: "advice form", build: adviceModal },
  };
  for (const [actionId, modal] of Object.entries(modals)) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, client, respond }) => {
      await ack();
      await openModalOrExplain({
        client,
        dms: services.dmChannels,
        logger,
        userId: body.user.id,
        triggerId: body.trigger_id,
        respond,
        what: modal.what,
        // Checks the pair first: nobody outside it gets the form.
        build: async () => {
          const found = await services.roadmap.roadmap(body.user.id, {
            relationshipId: action.value ?? "",
          });
          return modal.build(found.relationshipId);
        },
      });
    });
  }
}
