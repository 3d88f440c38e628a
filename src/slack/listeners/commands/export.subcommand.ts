import { exportQueuedMessage } from "../../messages/export.messages.js";
import type { Subcommand } from "./subcommand.js";

/** `/mentor export`: queues the program's CSV export (admins); the files come by DM. */
export const exportSubcommand: Subcommand<"export"> = async ({ services, actorId }) => {
  await services.exports.request(actorId);
  return exportQueuedMessage("program");
};

/** `/mentor my data`: queues everything stored about the caller, as JSON by DM. */
export const myDataSubcommand: Subcommand<"my_data"> = async ({ services, actorId }) => {
  await services.myData.request(actorId);
  return exportQueuedMessage("my_data");
};
