/**
 * A Slack Web API call's params as the stand-ins for Slack read them: the playground's Web API
 * (server.ts) and the tests' Slack double (test/support/slack-double.ts).
 */
type Json = Record<string, unknown>;

/** Params Slack's Web API takes as JSON strings inside form bodies. */
const JSON_PARAMS = ["blocks", "attachments", "view", "metadata", "files"];

/**
 * Form bodies (WebClient's default) or JSON bodies; JSON-typed params are decoded. A JSON-typed
 * param that does not parse becomes null (`"null"`, the playground then refuses the call), or
 * stays the raw string (`"keep"`: Slack would answer invalid_blocks & co, and a test sees what
 * was sent).
 */
export function parseWebApiParams(
  raw: string,
  contentType: string,
  unparsable: "null" | "keep" = "null",
): Json {
  if (contentType.includes("application/json")) {
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return parsed && typeof parsed === "object" ? { ...(parsed as Json) } : {};
  }
  const params: Json = Object.fromEntries(new URLSearchParams(raw));
  for (const key of JSON_PARAMS) {
    const value = params[key];
    if (typeof value !== "string") continue;
    try {
      params[key] = JSON.parse(value);
    } catch {
      if (unparsable === "null") params[key] = null;
    }
  }
  return params;
}

/**
 * Whether a chat.postMessage / postEphemeral / update carries nothing to show: no text (or "")
 * and no blocks or attachments (or empty lists). Slack answers `no_text`. Blocks that are not a
 * list are not "nothing": Slack refuses those as invalid_blocks.
 */
export function carriesNoText(params: Json): boolean {
  const empty = (v: unknown) => v === undefined || (Array.isArray(v) && v.length === 0);
  return (
    (params.text === undefined || params.text === "") &&
    empty(params.blocks) &&
    empty(params.attachments)
  );
}
