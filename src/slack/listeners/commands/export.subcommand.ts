import type { SlackMessage } from "../../direct-messenger.js";
import { exportQueuedMessage } from "../../messages/export.messages.js";
import type { Services } from "../../services.js";

/** `/mentor export`: queues the program's CSV export (admins); the files come by DM. */
export async function exportSubcommand(services: Services, actorId: string): Promise<SlackMessage> {
  await services.exports.request(actorId);
  return exportQueuedMessage("program");
}
