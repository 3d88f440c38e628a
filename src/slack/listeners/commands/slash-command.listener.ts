import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { View } from "@slack/types";
import type { Logger } from "../../../logger.js";
import type { CommandKind, ParsedCommand } from "../../commands/parsed-command.js";
import { SLOW_DOWN_MESSAGE } from "../../messages/rate-limit.messages.js";
import type { Services } from "../../services.js";
import { admitted, verdictOf } from "../command-admission.js";
import { replySafely } from "../reply-safely.js";
import { answerInAck } from "./answer-in-ack.js";
import { runSubcommand } from "./subcommand-routes.js";

/**
 * Subcommands that read while the rate limit is counted and wait for its verdict only before
 * their first write (SubcommandContext.admitted): `log`, the command typed most, saves a round
 * trip. Every other one starts once the verdict lets it.
 */
const READS_BESIDE_THE_LIMIT: ReadonlySet<CommandKind> = new Set(["log"]);

export type SlashCommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/**
 * The listener of one slash command: parse the text, run the subcommand, answer
 * ephemerally (only who typed it sees the reply): in the ack itself when the reply
 * is ready within a second, else ack then reply at response_url.
 */
export function slashCommandListener(
  name: string,
  parse: (text: string) => ParsedCommand,
  services: Services,
  logger: Logger,
): (args: SlashCommandArgs) => Promise<void> {
  return async ({ command, ack, respond, client, context }) => {
    const timed = services.commandTimer();
    const actorId = command.user_id;
    const openModal = async (view: View) => {
      await client.views.open({ trigger_id: command.trigger_id, view });
    };
    const allowed = verdictOf(context);
    // Parsed inside the work, so even a parser bug gets an ack and an apology.
    let kind = "unparsed";
    try {
      const work = replySafely(logger, { command: name, user: actorId }, async () => {
        const parsed = parse(command.text ?? "");
        kind = parsed.kind;
        if (!READS_BESIDE_THE_LIMIT.has(parsed.kind)) await admitted(allowed);
        return runSubcommand(
          { services, actorId, openModal, admitted: () => admitted(allowed) },
          parsed,
        );
      });
      // A refused command is answered with the slow-down whatever its reads found.
      const reply = allowed.then(
        (ok) => {
          if (ok) return work;
          logger.info({ user: actorId }, "rate limit: request refused");
          return { text: SLOW_DOWN_MESSAGE };
        },
        () => work,
      );
      await answerInAck(
        reply.then((r) => (r ? { response_type: "ephemeral" as const, ...r } : null)),
        ack,
        respond,
      );
    } finally {
      timed(kind);
    }
  };
}
