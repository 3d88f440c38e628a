import { type Logger as BoltLogger, LogLevel } from "@slack/bolt";
import type { Logger } from "../logger.js";

/** Bolt and the WebClient log through our pino logger (which scrubs tokens). */
export function boltLogger(logger: Logger, name = "slack"): BoltLogger {
  let child = logger.child({ component: name });
  const write =
    (level: "debug" | "info" | "warn" | "error") =>
    (...msg: unknown[]) =>
      child[level](msg.map((m) => (typeof m === "string" ? m : JSON.stringify(m))).join(" "));
  return {
    debug: write("debug"),
    info: write("info"),
    warn: write("warn"),
    error: write("error"),
    setLevel: () => {},
    getLevel: () => LogLevel[logger.level.toUpperCase() as keyof typeof LogLevel] ?? LogLevel.INFO,
    setName: (n: string) => {
      child = logger.child({ component: n });
    },
  };
}
