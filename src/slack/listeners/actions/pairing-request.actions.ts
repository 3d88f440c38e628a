import type { App, BlockButtonAction } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import { PAIRING_ACTIONS, pairingAnsweredMessage } from "../../messages/pairing.messages.js";
import type { Services } from "../../services.js";
import type { ButtonListener } from "../interactions/button-listener.js";
import { replySafely } from "../reply-safely.js";

/** Accept or Decline on a pairing request DM. */
export const pairingAnswerButton =
  (services: Services, logger: Logger, accepted: boolean): ButtonListener =>
  async ({ ack, body, action, client, respond }) => {
    await ack();
    const actionId = accepted ? PAIRING_ACTIONS.accept : PAIRING_ACTIONS.decline;
    const actorId = body.user.id;
    const relationshipId = action.value ?? "";
    let answered = false;
    const reply = await replySafely(logger, { action: actionId, user: actorId }, async () => {
      const relationship = accepted
        ? await services.pairing.accept(actorId, relationshipId)
        : await services.pairing.decline(actorId, relationshipId);
      answered = true;
      return pairingAnsweredMessage(relationship, accepted);
    });
    const channel = body.channel?.id ?? body.container?.channel_id;
    const ts = body.message?.ts;
    if (answered && channel && ts) {
      // Swap the buttons for the outcome, so nobody clicks twice.
      await client.chat.update({ channel, ts, ...reply });
    } else {
      await respond({ response_type: "ephemeral", replace_original: false, ...reply });
    }
  };

export function registerPairingRequestActions(app: App, services: Services, logger: Logger): void {
  app.action<BlockButtonAction>(
    PAIRING_ACTIONS.accept,
    pairingAnswerButton(services, logger, true),
  );
  app.action<BlockButtonAction>(
    PAIRING_ACTIONS.decline,
    pairingAnswerButton(services, logger, false),
  );
}
