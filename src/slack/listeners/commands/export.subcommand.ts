import type { SlackMessage } from "../../direct-messenger.js";
import { exportQueuedMessage } from "../../messages/export.messages.js";
import type { Services } from "../../services.js";

/** `/mentor export`: queues the program's CSV export (admins); the files come by DM. */
export async function exportSubcommand(services: Services, actorId: string): Promise<SlackMessage> {
  await services.exports.request(actorId);
  return exportQueuedMessage("program");
}

/** `/mentor my data`: queues everything stored about the caller, as JSON by DM. */
export async function myDataSubcommand(services: Services, actorId: string): Promise<SlackMessage> {
  await services.myData.request(actorId);
  return exportQueuedMessage("my_data");
}
