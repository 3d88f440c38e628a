import { failuresMessage } from "../../messages/failures.messages.js";
import type { Subcommand } from "./subcommand.js";

/** `/mentor failures`: who missed out on which message, and what to do; for program admins. */
export const failuresSubcommand: Subcommand<"failures"> = async ({ services, actorId }) =>
  failuresMessage(await services.admin.recentFailures(actorId));
