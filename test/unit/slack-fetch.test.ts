// The metered fetch every WebClient uses: each HTTP call to Slack counted by method and outcome,
// and the response handed on as Slack sent it (the client parses the body after the count).
import { describe, expect, it } from "vitest";
import type { SlackCallOutcome } from "../../src/metrics/bot-metrics.js";
import { meteredSlackFetch } from "../../src/metrics/slack-fetch.js";

function metered(answer: () => Response) {
  const counted: Array<[string, SlackCallOutcome]> = [];
  const fetch = meteredSlackFetch(
    (method, outcome) => counted.push([method, outcome]),
    async () => answer(),
  );
  return { fetch, counted };
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });

describe("meteredSlackFetch", () => {
  it("counts ok: true as ok, and the client still reads the whole body and its headers", async () => {
    const body = { ok: true, channel: "D1", ts: "1.2", message: { text: "Time to check in" } };
    const { fetch, counted } = metered(() => json(body, 200, { "x-oauth-scopes": "chat:write" }));

    const response = await fetch("https://slack.com/api/chat.postMessage", { method: "POST" });

    expect(counted).toEqual([["chat.postMessage", "ok"]]);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-oauth-scopes")).toBe("chat:write");
    expect(JSON.parse(await response.text())).toEqual(body);
  });

  it("counts Slack's own refusals (200, ok: false) and bodies that are not JSON as errors", async () => {
    const refused = metered(() => json({ ok: false, error: "channel_not_found" }));
    const response = await refused.fetch("https://slack.com/api/chat.update", {});
    expect(refused.counted).toEqual([["chat.update", "error"]]);
    expect(JSON.parse(await response.text())).toEqual({ ok: false, error: "channel_not_found" });

    const text = metered(() => new Response("ok", { status: 200 }));
    await text.fetch("https://hooks.slack.com/commands/T1/2/abc", {});
    expect(text.counted).toEqual([["response_url", "error"]]);
  });

  it("reads `ok` wherever the body puts it, and only a true one counts as ok", async () => {
    const later = metered(() => json({ channel: "D1", ok: true }));
    await later.fetch("https://slack.com/api/conversations.open", {});
    expect(later.counted).toEqual([["conversations.open", "ok"]]);

    const truthy = metered(() => new Response('{"ok":"true"}', { status: 200 }));
    await truthy.fetch("https://slack.com/api/chat.postMessage", {});
    expect(truthy.counted).toEqual([["chat.postMessage", "error"]]);
  });

  it("counts 429 as rate limited and 5xx as server errors, passing the response on untouched", async () => {
    const limited = metered(() => json({ ok: false }, 429, { "retry-after": "3" }));
    const response = await limited.fetch("https://slack.com/api/conversations.open", {});
    expect(limited.counted).toEqual([["conversations.open", "rate_limited"]]);
    expect(response.headers.get("retry-after")).toBe("3");

    const down = metered(() => new Response("upstream", { status: 503 }));
    await down.fetch("https://slack.com/api/users.list", {});
    expect(down.counted).toEqual([["users.list", "server_error"]]);
  });
});
