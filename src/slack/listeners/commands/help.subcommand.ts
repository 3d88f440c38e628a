import { helpReply, unknownCommandReply } from "../../messages/help.message.js";
import { usageReply } from "../../messages/usage-messages.js";
import type { Subcommand } from "./subcommand.js";

/** `/mentor` or `/mentor help`: the commands this person may use. */
export const helpSubcommand: Subcommand<"help"> = async ({ services, actorId }) =>
  helpReply(await services.admin.isAdmin(actorId));

/** An unknown first word: says so, then the help. */
export const unknownSubcommand: Subcommand<"unknown"> = async ({ services, actorId }, command) =>
  unknownCommandReply(command.word, await services.admin.isAdmin(actorId));

/** A known subcommand typed wrong: what was wrong, and an example. */
export const usageSubcommand: Subcommand<"usage"> = async (_ctx, command) => usageReply(command);
