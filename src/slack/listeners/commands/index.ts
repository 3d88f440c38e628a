import type { App } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import { parseMentorCommand, parseProgressCommand } from "../../commands/slash-command.parser.js";
import type { Services } from "../../services.js";
import { slashCommandListener } from "./slash-command.listener.js";

/** `/mentor <subcommand> …` and its alias `/progress <n> <note>`. */
export function registerCommands(app: App, services: Services, logger: Logger): void {
  app.command("/mentor", slashCommandListener("/mentor", parseMentorCommand, services, logger));
  app.command(
    "/progress",
    slashCommandListener("/progress", parseProgressCommand, services, logger),
  );
}
