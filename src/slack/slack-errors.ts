/**
 * How this bot reads the errors the Slack WebClient throws, in one place: the
 * job workers, the senders and the upload flow must agree on which refusals a
 * retry may cure, or a job would retry what a sender already gave up on.
 */

/** The `error` string of a Slack platform error (e.g. "user_not_found"), if it is one. */
export function slackErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  return typeof data?.error === "string" ? data.error : undefined;
}

/** Slack's own "ok: false" errors that a retry may cure; every other one is Slack's final word. */
export const TRANSIENT_SLACK_ERRORS: ReadonlySet<string> = new Set([
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
]);

/**
 * The code of a Slack refusal that will say the same on every retry (channel_not_found,
 * not_in_channel, …); null for a transient one, a network failure or anything not from Slack.
 */
export function permanentSlackError(error: unknown): string | null {
  const e = error as { code?: string } | null;
  if (e?.code !== "slack_webapi_platform_error") return null;
  const code = slackErrorCode(error) ?? "unknown_error";
  return TRANSIENT_SLACK_ERRORS.has(code) ? null : code;
}

/**
 * Whether Slack answered that it did not do it: a refusal (permanent or not, ok: false) or a
 * 429. A timeout, a dropped connection or an HTTP 5xx is no answer: Slack may have done it.
 */
export function answeredNo(error: unknown): boolean {
  // Held back by the pacer before the call (paced-web-client.ts): nothing reached Slack. By
  // name, as the pacer imports this file.
  if ((error as Error | null)?.name === "SlackMethodBusyError") return true;
  const code = (error as { code?: string } | null)?.code;
  if (code === "slack_webapi_rate_limited_error") return true;
  // internal_error and its kin may come after part of the call succeeded (Slack's docs).
  return code === "slack_webapi_platform_error" && permanentSlackError(error) !== null;
}

/** Slack's 429 as the WebClient reports it (with `rejectRateLimitedCalls`), in milliseconds. */
export function retryAfterMs(error: unknown): number | null {
  const e = error as { code?: string; retryAfter?: number } | null;
  return e?.code === "slack_webapi_rate_limited_error"
    ? Math.max(1, e.retryAfter ?? 1) * 1000
    : null;
}
