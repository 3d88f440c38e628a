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
    count(method, await outcomeOf(response));
    return response;
  };
}

async function outcomeOf(response: Response): Promise<SlackCallOutcome> {
  if (response.status === 429) return "rate_limited";
  if (response.status >= 500) return "server_error";
  if (response.status !== 200) return "error";
  // Slack answers 200 with `ok: false` for its own errors; read a copy, the client reads the body.
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { ok?: unknown } | null;
  return body?.ok === true ? "ok" : "error";
}
