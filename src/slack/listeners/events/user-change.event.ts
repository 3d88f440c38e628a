import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import type { Services } from "../../services.js";

/**
 * `user_change`: a profile changed, or an account was deactivated (`deleted`).
 * The cache is updated at once; telling partners is queued work.
 */
export const userChangeListener =
  (services: Services, logger: Logger) =>
  async ({ event }: SlackEventMiddlewareArgs<"user_change"> & AllMiddlewareArgs): Promise<void> => {
    try {
      await services.people.changed(event.user);
    } catch (err) {
      logger.error({ err, user: event.user.id }, "could not record a user change");
    }
  };

export function registerUserChange(app: App, services: Services, logger: Logger): void {
  app.event("user_change", userChangeListener(services, logger));
}
