import type { SlackMessage } from "../../direct-messenger.js";
import { confirmEndMessage } from "../../messages/ending.messages.js";
import type { Services } from "../../services.js";

/** `/mentor end [@person] [reason]`: asks to confirm; the button ends it. */
export async function endSubcommand(
  services: Services,
  actorId: string,
  command: { otherId?: string; reason: string },
): Promise<SlackMessage> {
  const { relationship, reason } = await services.ending.prepare(
    actorId,
    command.otherId,
    command.reason,
  );
  return confirmEndMessage(relationship, reason);
}
