import type { View } from "@slack/types";
import type { CommandKind, CommandOf } from "../../commands/parsed-command.js";
import type { Services } from "../../services.js";
import type { SlackMessage } from "../../slack-message.js";

/** What every subcommand may use: the services, who typed it, and a modal opener. */
export interface SubcommandContext {
  services: Services;
  actorId: string;
  /** Opens a modal with the command's trigger_id (valid for a few seconds only). */
  openModal(view: View): Promise<void>;
}

/**
 * The one shape of a subcommand: the context and its parsed command in, the
 * ephemeral reply out (null when it answered otherwise, e.g. with a modal).
 * A refusal is thrown as a DomainError; the listener turns it into words.
 */
export type Subcommand<K extends CommandKind> = (
  ctx: SubcommandContext,
  command: CommandOf<K>,
) => Promise<SlackMessage | null>;
