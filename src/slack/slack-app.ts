import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { App, HTTPReceiver, SocketModeReceiver } from "@slack/bolt";
import type { FetchFunction } from "@slack/web-api";
import { systemClock } from "../clock.js";
import type { Config } from "../config.js";
import type { HealthRoute } from "../health/health-routes.js";
import { startHealthServer } from "../health/health-server.js";
import type { Logger } from "../logger.js";
import { boltLogger } from "./bolt-logger.js";
import { InFlightWork } from "./in-flight-work.js";
import {
  DEFAULT_RETRY_DELAYS,
  describeError,
  type KeepTrying,
  keepTrying,
  type RetryDelays,
} from "./keep-trying.js";
import { registerListeners } from "./listeners/index.js";
import { onlyWorkspace, SLACK_BODY_LIMIT_BYTES } from "./request-guards.js";
import { checkingSlackSignatures } from "./request-signature.js";
import type { Services } from "./services.js";
import type { BotAuthorization } from "./slack-identity.js";
import { type SlackTokenRefusedError, tokenRefusal } from "./token-refusals.js";

/** What the composition root plugs into the Bolt app. */
export interface SlackAppHooks {
  /** Who the bot is; Bolt asks this instead of calling auth.test when it is constructed. */
  authorize(): Promise<BotAuthorization>;
  /** The fetch every Web API client of the app uses (metrics count the calls). */
  fetch?: FetchFunction;
  /** Sees every HTTP request on PORT before it is handled (metrics count the responses). */
  observeRequest?: (req: IncomingMessage, res: ServerResponse) => void;
  /** Backoff of the first Socket Mode connection while Slack is unreachable. */
  retry?: RetryDelays;
}

export interface SlackApp {
  /** Resolves with the HTTP port actually bound (PORT may be 0 in tests). */
  start(): Promise<number>;
  /** False while Socket Mode has not connected yet (Slack unreachable); HTTP is always true. */
  connected(): boolean;
  stop(): Promise<void>;
}

/** Where Slack sends commands, interactivity and events over HTTP. */
const SLACK_EVENTS_PATH = "/slack/events";

/** How long stop() waits for the Socket Mode close handshake before moving on. */
const SOCKET_CLOSE_TIMEOUT_MS = 5_000;

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
  hooks: SlackAppHooks,
): SlackApp {
  const slackLogger = boltLogger(logger);
  const apiUrl = {
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
    ...(hooks.fetch ? { fetch: hooks.fetch } : {}),
  };
  // In Socket Mode the health routes get their own server rather than the receiver's
  // customRoutes: Bolt's receiver neither awaits that server's listen() nor exposes the
  // port it bound (PORT=0 in tests), and its stop() does not wait for the close.
  const receiver = config.slack.appToken
    ? new SocketModeReceiver({
        appToken: config.slack.appToken,
        logger: slackLogger,
        // apps.connections.open goes to the configured Web API (the double in tests); it fails
        // fast, as start() retries with its own backoff instead of the client's 30 minutes.
        installerOptions: { clientOptions: { ...apiUrl, retryConfig: { retries: 0 } } },
      })
    : new HTTPReceiver({
        signingSecret: config.slack.signingSecret,
        // Checked before Bolt reads the request, at a tenth of the CPU (request-signature.ts).
        signatureVerification: false,
        endpoints: SLACK_EVENTS_PATH,
        customRoutes: routes,
        logger: slackLogger,
        bodyLimit: SLACK_BODY_LIMIT_BYTES,
      });
  if (receiver instanceof HTTPReceiver) {
    receiver.requestListener = checkingSlackSignatures(receiver.requestListener, {
      signingSecret: config.slack.signingSecret,
      endpoint: SLACK_EVENTS_PATH,
      bodyLimitBytes: SLACK_BODY_LIMIT_BYTES,
      now: () => systemClock.now(),
    });
    const { observeRequest } = hooks;
    if (observeRequest) {
      const inner = receiver.requestListener;
      receiver.requestListener = (req, res) => {
        observeRequest(req, res);
        return inner(req, res);
      };
    }
  }

  const app = new App({
    // Not `token`: with it Bolt calls auth.test at once and keeps a rejection for good if
    // Slack is unreachable at that moment. SlackIdentity retries with backoff instead.
    authorize: () => hooks.authorize(),
    receiver,
    logger: slackLogger,
    // No listener keeps conversation state (`context.conversation`). Bolt's default in-memory
    // store looked every request up and, finding nothing, made and caught an Error each time:
    // 3% of the process's CPU per `/mentor log` under load.
    convoStore: false,
    clientOptions: {
      ...apiUrl,
      // Listener calls are interactive: retry briefly, then tell the user.
      retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 1_000 },
    },
  });
  app.error(async (error) => {
    logger.error({ err: error }, "unhandled Slack listener error");
  });
  const inFlight = new InFlightWork();
  app.use(inFlight.middleware());
  /** After the receiver stopped: what listeners still do, bounded by SHUTDOWN_TIMEOUT_MS. */
  const finishListeners = async () => {
    if (!(await inFlight.settled(config.shutdownTimeoutMs))) {
      logger.warn("listener work still running at shutdown; closing anyway");
    }
  };
  app.use(onlyWorkspace(config.slack.teamId, logger));
  registerListeners(app, services, logger);

  if (receiver instanceof SocketModeReceiver) {
    let health: Awaited<ReturnType<typeof startHealthServer>> | undefined;
    let connection: KeepTrying | undefined;
    return {
      async start() {
        const server = await startHealthServer(routes, config.port, hooks.observeRequest);
        health = server;
        let refused: SlackTokenRefusedError | undefined;
        // Slack's first word on the app token: apps.connections.open answered (the socket's
        // `hello` may be long in coming) or failed in a way the library retries on its own.
        // app.start() itself may not settle for minutes, and start-up must not wait on it.
        const client = receiver.client;
        let onFirstWord = () => {};
        const firstWord = new Promise<void>((resolve) => {
          onFirstWord = resolve;
          client.once("authenticated", resolve);
          client.once("reconnecting", resolve);
        });
        // Resolves with the apps.connections.open response once Slack says `hello`. While Slack
        // is unreachable, keep trying in the background; /readyz says 503 meanwhile.
        connection = keepTrying(
          async () => {
            await app.start();
            logger.info({ port: server.port }, "connected to Slack in Socket Mode");
          },
          hooks.retry ?? DEFAULT_RETRY_DELAYS,
          (err, failures, retryInMs) => {
            refused = tokenRefusal("SLACK_APP_TOKEN", err);
            if (refused) {
              connection?.stop();
              return logger.error({ error: refused.code }, refused.message);
            }
            const detail = { retryInMs, error: describeError(err) };
            if (failures > 1)
              return logger.debug({ ...detail, failures }, "Socket Mode: still unreachable");
            logger.warn(
              detail,
              "Slack is unreachable (Socket Mode connection failed); retrying with backoff",
            );
          },
        );
        await Promise.race([connection.firstTry, firstWord]);
        client.off("authenticated", onFirstWord).off("reconnecting", onFirstWord);
        if (refused) {
          await server.close();
          health = undefined;
          throw refused;
        }
        return server.port;
      },
      connected: () => connection?.succeeded ?? false,
      async stop() {
        connection?.stop();
        if (!connection?.succeeded) {
          await health?.close();
          return;
        }
        // Bolt's stop() starts the WebSocket close handshake but does not wait for it.
        const disconnected = new Promise<boolean>((resolve) => {
          const timer = setTimeout(resolve, SOCKET_CLOSE_TIMEOUT_MS, false);
          receiver.client.once("disconnected", () => {
            clearTimeout(timer);
            resolve(true);
          });
        });
        await app.stop();
        if (!(await disconnected)) {
          logger.warn("Socket Mode connection did not close in time; continuing shutdown");
        }
        await finishListeners();
        await health?.close();
      },
    };
  }

  return {
    connected: () => true,
    async start() {
      const server = (await app.start(config.port)) as Server | undefined;
      const address = server?.address?.() as AddressInfo | null | undefined;
      return address?.port ?? config.port;
    },
    async stop() {
      await app.stop();
      await finishListeners();
    },
  };
}
