import type { App } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import type { Services } from "../../services.js";

/**
 * `user_change`: a profile changed, or an account was deactivated (`deleted`).
 * The cache is updated at once; telling partners is queued work.
 */
export function registerUserChange(app: App, services: Services, logger: Logger): void {
  app.event("user_change", async ({ event }) => {
    try {
      await services.people.changed(event.user);
    } catch (err) {
      logger.error({ err, user: event.user.id }, "could not record a user change");
    }
  });
}
