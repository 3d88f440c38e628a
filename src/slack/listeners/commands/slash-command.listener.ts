import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { View } from "@slack/types";
import type { Logger } from "../../../logger.js";
import type { Services } from "../../services.js";
import { replySafely } from "../reply-safely.js";
import { answerInAck } from "./answer-in-ack.js";
import { withMentionNames } from "./mention-names.js";
import { runSubcommand } from "./subcommand-routes.js";
import { type CommandParser, readAsMeant } from "./trailing-mention.js";

export type SlashCommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/**
 * The listener of one slash command: parse the text, run the subcommand, answer
 * ephemerally (only who typed it sees the reply): in the ack itself when the reply
 * is ready within a second, else ack then reply at response_url.
 */
export function slashCommandListener(
  name: string,
  parse: CommandParser,
  services: Services,
  logger: Logger,
): (args: SlashCommandArgs) => Promise<void> {
  return async ({ command, ack, respond, client }) => {
    const timed = services.commandTimer();
    const actorId = command.user_id;
    const openModal = async (view: View) => {
      await client.views.open({ trigger_id: command.trigger_id, view });
    };
    // Parsed inside the work, so even a parser bug gets an ack and an apology.
    let kind = "unparsed";
    try {
      const work = replySafely(
        logger,
        { command: name, user: actorId },
        async () => {
          const text = await withMentionNames(command.text ?? "", (ids) =>
            services.people.knownNames(ids),
          );
          const parsed = await readAsMeant(text, parse, (otherId) =>
            services.roadmap.isPartner(actorId, otherId),
          );
          kind = parsed.kind;
          return runSubcommand({ services, actorId, openModal }, parsed);
        },
        () => services.admin.contacts(),
      ).then((reply) => (reply ? { response_type: "ephemeral" as const, ...reply } : null));
      await answerInAck(work, ack, respond);
    } finally {
      timed(kind);
    }
  };
}
