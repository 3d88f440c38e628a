import { describe, expect, it } from "vitest";
import { permanentSlackError, retryAfterMs, slackErrorCode } from "../../src/slack/slack-errors.js";

/** The shape the WebClient throws for Slack's `ok: false`. */
const platformError = (error: string) =>
  Object.assign(new Error(`An API error occurred: ${error}`), {
    code: "slack_webapi_platform_error",
    data: { ok: false, error },
  });

describe("slack-errors", () => {
  it("reads Slack's error code from a platform error, and nothing from other errors", () => {
    expect(slackErrorCode(platformError("channel_not_found"))).toBe("channel_not_found");
    expect(slackErrorCode(new Error("socket hang up"))).toBeUndefined();
    expect(slackErrorCode(null)).toBeUndefined();
  });

  it("calls a refusal final, so the job stops retrying it", () => {
    expect(permanentSlackError(platformError("channel_not_found"))).toBe("channel_not_found");
    expect(permanentSlackError(platformError("not_in_channel"))).toBe("not_in_channel");
  });

  it("leaves Slack's own outages and network failures to the retries", () => {
    for (const code of [
      "internal_error",
      "fatal_error",
      "service_unavailable",
      "request_timeout",
    ]) {
      expect(permanentSlackError(platformError(code))).toBeNull();
    }
    expect(permanentSlackError(Object.assign(new Error("x"), { code: "ECONNRESET" }))).toBeNull();
  });

  it("reads a 429's Retry-After in milliseconds, at least a second", () => {
    const limited = (retryAfter?: number) =>
      Object.assign(new Error("rate limited"), {
        code: "slack_webapi_rate_limited_error",
        retryAfter,
      });
    expect(retryAfterMs(limited(30))).toBe(30_000);
    expect(retryAfterMs(limited(0))).toBe(1_000);
    expect(retryAfterMs(limited())).toBe(1_000);
    expect(retryAfterMs(platformError("ratelimited"))).toBeNull();
  });
});
