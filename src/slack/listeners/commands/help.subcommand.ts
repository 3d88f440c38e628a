import { helpBlocks, helpText } from "../../messages/help.message.js";
import type { Subcommand } from "./subcommand.js";

/** `/mentor` or `/mentor help`: the commands this person may use. */
export const helpSubcommand: Subcommand<"help"> = async ({ services, actorId }) => {
  const isAdmin = await services.admin.isAdmin(actorId);
  return { text: helpText({ isAdmin }), blocks: helpBlocks(undefined, { isAdmin }) };
};

/** An unknown first word: says so, then the help. */
export const unknownSubcommand: Subcommand<"unknown"> = async ({ services, actorId }, command) => {
  const intro = `I don't know the command \`${command.word}\`.`;
  const isAdmin = await services.admin.isAdmin(actorId);
  return { text: `${intro}\n${helpText({ isAdmin })}`, blocks: helpBlocks(intro, { isAdmin }) };
};

/** A known subcommand typed wrong: what was wrong, and an example. */
export const usageSubcommand: Subcommand<"usage"> = async (_ctx, command) => ({
  text: `${command.problem} For example: \`${command.example}\``,
});
