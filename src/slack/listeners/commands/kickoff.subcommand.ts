import type { CommandOf } from "../../commands/parsed-command.js";
import { kickoffReply } from "../../messages/kickoff.messages.js";
import type { SlackMessage } from "../../slack-message.js";
import type { SubcommandContext } from "./subcommand.js";

type KickoffCommand = CommandOf<"kickoff.show" | "kickoff.at">;

/** `/mentor kickoff` shows the pair's kickoff; `/mentor kickoff at …` moves it. */
export async function kickoffSubcommand(
  { services, actorId }: SubcommandContext,
  command: KickoffCommand,
): Promise<SlackMessage> {
  const target = command.otherId ? { otherId: command.otherId } : {};
  if (command.kind === "kickoff.show") {
    return kickoffReply(await services.kickoffs.show(actorId, target), false);
  }
  const moved = await services.kickoffs.reschedule(actorId, target, command.date, command.time);
  return kickoffReply(moved, true);
}
