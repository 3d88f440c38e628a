import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, HTTPReceiver, SocketModeReceiver } from "@slack/bolt";
import type { Config } from "../config.js";
import type { HealthRoute } from "../health/health-routes.js";
import type { Logger } from "../logger.js";
import { boltLogger } from "./bolt-logger.js";
import { registerListeners } from "./listeners/index.js";
import type { Services } from "./services.js";

export interface SlackApp {
  /** Resolves with the HTTP port actually bound (PORT may be 0 in tests). */
  start(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The Bolt app. Over HTTP, `/slack/events` takes commands, interactivity and
 * events, each signature verified (stale or forged requests get 401). With
 * an app token it runs in Socket Mode, and health routes still listen on PORT.
 */
export function createSlackApp(
  config: Config,
  services: Services,
  routes: HealthRoute[],
  logger: Logger,
): SlackApp {
  const slackLogger = boltLogger(logger);
  const receiver = config.slack.appToken
    ? new SocketModeReceiver({
        appToken: config.slack.appToken,
        logger: slackLogger,
        customRoutes: routes,
        installerOptions: { port: config.port },
      })
    : new HTTPReceiver({
        signingSecret: config.slack.signingSecret,
        endpoints: "/slack/events",
        customRoutes: routes,
        logger: slackLogger,
      });

  const app = new App({
    token: config.slack.botToken,
    receiver,
    logger: slackLogger,
    clientOptions: {
      ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
      // Listener calls are interactive: retry briefly, then tell the user.
      retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1_000 },
    },
  });
  app.error(async (error) => {
    logger.error({ err: error }, "unhandled Slack listener error");
  });
  registerListeners(app, services, logger);

  return {
    async start() {
      const server = (await app.start(config.port)) as Server | undefined;
      const address = server?.address?.() as AddressInfo | null | undefined;
      return address?.port ?? config.port;
    },
    async stop() {
      await app.stop();
    },
  };
}
