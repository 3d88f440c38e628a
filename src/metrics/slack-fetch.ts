import type { FetchFunction } from "@slack/web-api";
import type { SlackCallOutcome } from "./bot-metrics.js";

/**
 * Slack method names look like `chat.postMessage`. Bolt's respond() posts to a command's
 * response_url through the same fetch: those, and anything else, share one label.
 */
const METHOD = /^[a-zA-Z]+(\.[a-zA-Z]+)+$/;

/**
 * A fetch for every WebClient the bot makes (Bolt's, the workers', Socket Mode's): it counts
 * each HTTP call to the Web API by method and outcome, including the attempts the client
 * retries itself, so a 429 storm shows even when the retries succeed.
 */
export function meteredSlackFetch(
  count: (method: string, outcome: SlackCallOutcome) => void,
  inner: typeof fetch = globalThis.fetch,
): FetchFunction {
  return async (url, init) => {
    const last = new URL(String(url)).pathname.split("/").pop() ?? "";
    const method = METHOD.test(last) ? last : "response_url";
    let response: Response;
    try {
      response = await inner(url, init as RequestInit);
    } catch (error) {
      count(method, "error");
      throw error;
    }
    if (response.status !== 200) {
      count(method, outcomeOfStatus(response.status));
      return response;
    }
    // Slack answers 200 with `ok: false` for its own errors: the body says which. It is read once
    // here and handed on whole; a clone of the stream for a second reader cost about a third of
    // the call's own CPU in the client.
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      count(method, "error");
      throw error;
    }
    count(method, okIn(text) ? "ok" : "error");
    return new Response(text, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

function outcomeOfStatus(status: number): SlackCallOutcome {
  if (status === 429) return "rate_limited";
  if (status >= 500) return "server_error";
  return "error";
}

/** How Slack's Web API begins a successful answer. */
const OK_PREFIX = /^\s*\{\s*"ok"\s*:\s*true\s*[,}]/;

/**
 * Whether the body says `ok: true`. Slack writes `ok` first, so its prefix settles it without
 * parsing a whole answer (a `users.list` page is ~100 KB) that the client parses again anyway.
 */
function okIn(text: string): boolean {
  if (OK_PREFIX.test(text)) return true;
  try {
    return (JSON.parse(text) as { ok?: unknown } | null)?.ok === true;
  } catch {
    return false;
  }
}
