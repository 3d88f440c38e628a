import { ConfigError, loadPlaygroundSettings } from "../config.js";
import { createLogger } from "../logger.js";
import { startPlayground } from "./start-playground.js";

/** Entry point of `npm run playground`: the bot in a browser, no Slack workspace needed. */
async function main(): Promise<void> {
  let settings: ReturnType<typeof loadPlaygroundSettings>;
  try {
    settings = loadPlaygroundSettings();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`The playground will not start.\n${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(settings.logLevel);
  const playground = await startPlayground(settings, logger);
  console.log(
    `\nMentorship playground: ${playground.url}\n(the bot listens on ${playground.botUrl}; Ctrl-C stops both)\n`,
  );
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => process.exit(1), 15_000).unref();
    playground.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

main().catch((error) => {
  console.error("The playground failed to start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
