import type { App } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import { parseMentorCommand } from "../../commands/mentor-command.parser.js";
import type { SlackMessage } from "../../direct-messenger.js";
import { helpBlocks, helpText } from "../../messages/help.message.js";
import type { Services } from "../../services.js";
import { replySafely } from "../reply-safely.js";
import { pairSubcommand } from "./pair.subcommand.js";

/** `/mentor <subcommand> …`: every reply is ephemeral, seen only by who typed it. */
export function registerMentorCommand(app: App, services: Services, logger: Logger): void {
  app.command("/mentor", async ({ command, ack, respond }) => {
    await ack();
    const reply = await replySafely(logger, { command: "/mentor", user: command.user_id }, () =>
      route(services, command.user_id, command.text ?? ""),
    );
    await respond({ response_type: "ephemeral", ...reply });
  });
}

async function route(services: Services, actorId: string, text: string): Promise<SlackMessage> {
  const parsed = parseMentorCommand(text);
  switch (parsed.kind) {
    case "help":
      return { text: helpText(), blocks: helpBlocks() };
    case "unknown": {
      const intro = `I don't know the command \`${parsed.word}\`.`;
      return { text: `${intro}\n${helpText()}`, blocks: helpBlocks(intro) };
    }
    case "usage":
      return { text: `${parsed.problem} For example: \`/mentor pair @maria @sam\`` };
    case "pair":
      return pairSubcommand(services, actorId, parsed.mentorId, parsed.menteeId);
  }
}
