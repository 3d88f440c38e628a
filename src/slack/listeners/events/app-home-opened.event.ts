import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import { publishHome } from "../../home-publisher.js";
import type { Services } from "../../services.js";

type AppHomeOpenedArgs = SlackEventMiddlewareArgs<"app_home_opened"> & AllMiddlewareArgs;

/** Publishes the dashboard whenever someone opens the Home tab. */
export const appHomeOpenedListener =
  (services: Services, logger: Logger) =>
  async ({ event, client }: AppHomeOpenedArgs): Promise<void> => {
    if (event.tab !== "home") return;
    try {
      await publishHome(client, services, event.user);
    } catch (err) {
      logger.error({ err, user: event.user }, "could not publish App Home");
    }
  };

export function registerAppHomeOpened(app: App, services: Services, logger: Logger): void {
  app.event("app_home_opened", appHomeOpenedListener(services, logger));
}
