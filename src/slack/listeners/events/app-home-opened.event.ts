import type { App } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import { publishHome } from "../../home-publisher.js";
import type { Services } from "../../services.js";

/** Publishes the dashboard whenever someone opens the Home tab. */
export function registerAppHomeOpened(app: App, services: Services, logger: Logger): void {
  app.event("app_home_opened", async ({ event, client }) => {
    if (event.tab !== "home") return;
    try {
      await publishHome(client, services, event.user);
    } catch (err) {
      logger.error({ err, user: event.user }, "could not publish App Home");
    }
  });
}
