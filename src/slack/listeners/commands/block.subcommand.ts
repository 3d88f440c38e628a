import type { CommandOf } from "../../commands/parsed-command.js";
import { blockedMessage, unblockedMessage } from "../../messages/block.messages.js";
import type { SlackMessage } from "../../slack-message.js";
import type { SubcommandContext } from "./subcommand.js";

type BlockCommand = CommandOf<"block" | "unblock">;

/** `/mentor block @person` and `/mentor unblock @person`: anyone, for their own list. */
export async function blockSubcommand(
  { services, actorId }: SubcommandContext,
  command: BlockCommand,
): Promise<SlackMessage> {
  if (command.kind === "block") {
    await services.blocks.block(actorId, command.userId);
    return blockedMessage(command.userId);
  }
  return unblockedMessage(command.userId, await services.blocks.unblock(actorId, command.userId));
}
