import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { View } from "@slack/types";
import type { Logger } from "../../../logger.js";
import type { ParsedCommand } from "../../commands/parsed-command.js";
import type { Services } from "../../services.js";
import { replySafely } from "../reply-safely.js";
import { runSubcommand } from "./subcommand-routes.js";

export type SlashCommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/**
 * The listener of one slash command: ack at once, parse the text, run the
 * subcommand, answer ephemerally (only who typed it sees the reply).
 */
export function slashCommandListener(
  name: string,
  parse: (text: string) => ParsedCommand,
  services: Services,
  logger: Logger,
): (args: SlashCommandArgs) => Promise<void> {
  return async ({ command, ack, respond, client }) => {
    const timed = services.commandTimer();
    await ack();
    const actorId = command.user_id;
    const openModal = async (view: View) => {
      await client.views.open({ trigger_id: command.trigger_id, view });
    };
    const parsed = parse(command.text ?? "");
    try {
      const reply = await replySafely(logger, { command: name, user: actorId }, () =>
        runSubcommand({ services, actorId, openModal }, parsed),
      );
      if (reply) await respond({ response_type: "ephemeral", ...reply });
    } finally {
      timed(parsed.kind);
    }
  };
}
