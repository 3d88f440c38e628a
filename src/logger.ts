import { type Logger, pino } from "pino";

export type { Logger };

// Slack tokens look like xoxb-…, xoxp-…, xapp-…; scrub them from any message
// text, because library logs (Bolt's included) may echo request data.
const TOKEN_PATTERN = /\b(xox[a-z]|xapp)-[A-Za-z0-9-]+/g;

export function scrubSecrets(text: string): string {
  return text.replace(TOKEN_PATTERN, "$1-[redacted]");
}

/**
 * Fields that carry what people wrote: message text and blocks, form values
 * (notes, feedback), modal state. At debug level Bolt logs every request
 * body, the WebClient every call's arguments and Socket Mode every envelope,
 * so these (and a payload's own secrets) are replaced wherever they appear; ids, types and Slack's error
 * codes stay, which is what debugging needs.
 */
const CONTENT_KEYS = new Set([
  "text",
  "blocks",
  "attachments",
  "state",
  "values",
  "value",
  "initial_value",
  "private_metadata",
  "note",
  "topic",
  "aspiration",
  "title",
  "description",
  "wentWell",
  "toImprove",
  "nextStep",
  "fallback",
  "pretext",
  // Not what people wrote, but secrets a payload carries: the legacy verification token, and
  // the URL that lets anyone holding it reply to the person for half an hour.
  "token",
  "response_url",
]);
const REDACTED = "[redacted]";

function redactContent(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactContent);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      CONTENT_KEYS.has(key) ? REDACTED : redactContent(inner),
    ]),
  );
}

/**
 * A library log line such as `http request body: {...}`: the JSON part is
 * logged with its content fields redacted. A payload that does not parse is
 * dropped whole rather than guessed at.
 */
export function redactPayloads(text: string): string {
  const start = text.indexOf("{");
  if (start < 0) return text;
  try {
    return `${text.slice(0, start)}${JSON.stringify(redactContent(JSON.parse(text.slice(start))))}`;
  } catch {
    return `${text.slice(0, start)}[payload redacted]`;
  }
}

const scrub = (text: string) => redactPayloads(scrubSecrets(text));

/**
 * pino's error serializer, without the arguments of the Redis command an error carries: ioredis
 * attaches them (`command.args`), and for a refused AUTH they are the password; for a refused
 * write, what people wrote.
 */
function serializeError(err: Error): ReturnType<typeof pino.stdSerializers.err> {
  const serialized = pino.stdSerializers.err(err);
  const command = (serialized as { command?: { name?: unknown } }).command;
  if (command && typeof command === "object") {
    (serialized as { command?: unknown }).command = { name: command.name };
  }
  return serialized;
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      serializers: { err: serializeError },
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
          // Our own log objects never need what people wrote either.
          "text",
          "*.text",
          "note",
          "*.note",
          "blocks",
          "*.blocks",
        ],
        censor: REDACTED,
      },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((arg) => (typeof arg === "string" ? scrub(arg) : arg)) as Parameters<
              typeof method
            >,
          );
        },
      },
    },
    destination,
  );
}
