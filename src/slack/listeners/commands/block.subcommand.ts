import type { MentorCommand } from "../../commands/mentor-command.js";
import type { SlackMessage } from "../../direct-messenger.js";
import { blockedMessage, unblockedMessage } from "../../messages/block.messages.js";
import type { Services } from "../../services.js";

type BlockCommand = Extract<MentorCommand, { kind: "block" | "unblock" }>;

/** `/mentor block @person` and `/mentor unblock @person`: anyone, for their own list. */
export async function blockSubcommand(
  services: Services,
  actorId: string,
  command: BlockCommand,
): Promise<SlackMessage> {
  if (command.kind === "block") {
    await services.blocks.block(actorId, command.userId);
    return blockedMessage(command.userId);
  }
  return unblockedMessage(command.userId, await services.blocks.unblock(actorId, command.userId));
}
