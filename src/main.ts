import { startBot } from "./bot.js";
import { ConfigError, loadConfig } from "./config.js";
import { createLogger } from "./logger.js";

/** Entry point: `npm start`. ROLE=web|worker|all picks what this process runs. */
async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`${error.message}\nSee .env.example for every variable.`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  // Signals are handled from the start: the health server answers before start-up has
  // finished, so an orchestrator may send SIGTERM while the workers are still starting.
  const started = startBot(config, { logger });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    // A hard stop if graceful shutdown hangs past its bound.
    setTimeout(() => process.exit(1), config.shutdownTimeoutMs + 5_000).unref();
    // During start-up: let it finish, then stop everything it started.
    started
      .then((bot) => bot.stop())
      .then(
        () => process.exit(0),
        (err) => {
          logger.error({ err }, "error during shutdown");
          process.exit(1);
        },
      );
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("unhandledRejection", (err) => logger.error({ err }, "unhandled rejection"));
  await started;
}

main().catch((error) => {
  console.error("Failed to start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
