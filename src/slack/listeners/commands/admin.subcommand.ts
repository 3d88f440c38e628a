import type { SlackMessage } from "../../direct-messenger.js";
import { failuresMessage } from "../../messages/failures.messages.js";
import type { Services } from "../../services.js";

/** `/mentor failures`: who missed out on which message, and what to do; for program admins. */
export async function failuresSubcommand(
  services: Services,
  actorId: string,
): Promise<SlackMessage> {
  return failuresMessage(await services.admin.recentFailures(actorId));
}
