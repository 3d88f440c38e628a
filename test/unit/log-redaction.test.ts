// Issue 11: library log lines carrying payloads keep ids and codes, lose what people wrote.
import { describe, expect, it } from "vitest";
import { createLogger, redactPayloads } from "../../src/logger.js";

describe("redactPayloads", () => {
  it("redacts text, form values and modal state inside a Socket Mode envelope", () => {
    const envelope = {
      envelope_id: "e1",
      payload: {
        type: "view_submission",
        user: { id: "UMENTOR1" },
        view: {
          callback_id: "feedback.submit",
          private_metadata: "Secret-meta",
          state: { values: { wentWell: { value: { value: "Secret-feedback" } } } },
        },
        command: "/mentor",
        text: "log 1 Secret-note",
        token: "Secret-verification-token",
        response_url: "https://hooks.slack.com/commands/T1/1/Secret-hook",
      },
    };
    const line = redactPayloads(`Received a message on the WebSocket: ${JSON.stringify(envelope)}`);
    expect(line).toMatch(/^Received a message on the WebSocket: /);
    expect(line).not.toMatch(/Secret/);
    expect(line).toContain('"callback_id":"feedback.submit"');
    expect(line).toContain('"id":"UMENTOR1"');
  });

  it("drops a payload that does not parse instead of guessing", () => {
    expect(redactPayloads("Unable to parse: {text: Secret-note")).toBe(
      "Unable to parse: [payload redacted]",
    );
    expect(redactPayloads("apiCall('chat.postMessage') start")).toBe(
      "apiCall('chat.postMessage') start",
    );
  });
});

describe("createLogger", () => {
  it("logs a Redis error's command name, never its arguments (a refused AUTH carries the password)", () => {
    const lines: string[] = [];
    const logger = createLogger("info", { write: (line: string) => lines.push(line) });
    // As ioredis reports a refused password: a ReplyError with the command it answered.
    class ReplyError extends Error {
      command = { name: "auth", args: ["bot", "s3cr3t-redis-pass"] };
    }
    const refused = new ReplyError("WRONGPASS invalid username-password pair");
    logger.warn({ err: refused }, "redis connection error");
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain("s3cr3t-redis-pass");
    expect(JSON.parse(lines[0] ?? "{}").err).toMatchObject({
      type: "ReplyError",
      message: "WRONGPASS invalid username-password pair",
      command: { name: "auth" },
    });
  });
});
