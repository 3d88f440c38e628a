import type { App } from "@slack/bolt";
import type { Logger } from "../../logger.js";
import type { Services } from "../services.js";
import { registerPairingRequestActions } from "./actions/pairing-request.actions.js";
import { registerMentorCommand } from "./commands/mentor.command.js";

export function registerListeners(app: App, services: Services, logger: Logger): void {
  registerMentorCommand(app, services, logger);
  registerPairingRequestActions(app, services, logger);
}
