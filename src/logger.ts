import { type Logger, pino } from "pino";

export type { Logger };

// Slack tokens look like xoxb-…, xoxp-…, xapp-…; scrub them from any message
// text, because library logs (Bolt's included) may echo request data.
const TOKEN_PATTERN = /\b(xox[a-z]|xapp)-[A-Za-z0-9-]+/g;

export function scrubSecrets(text: string): string {
  return text.replace(TOKEN_PATTERN, "$1-[redacted]");
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      redact: {
        paths: [
          "token",
          "*.token",
          "botToken",
          "*.botToken",
          "signingSecret",
          "*.signingSecret",
          "appToken",
          "*.appToken",
          "headers.authorization",
          "*.headers.authorization",
        ],
        censor: "[redacted]",
      },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((arg) => (typeof arg === "string" ? scrubSecrets(arg) : arg)) as Parameters<
              typeof method
            >,
          );
        },
      },
    },
    destination,
  );
}
