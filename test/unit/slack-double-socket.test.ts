/** The Slack double's Socket Mode side, driven by a plain `ws` client. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { SlackDouble } from "../support/slack-double.js";

let double: SlackDouble;
const clients: WebSocket[] = [];
beforeEach(async () => {
  double = await SlackDouble.start();
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.terminate();
  await double.close();
});

async function connectionsOpen(token: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${double.apiUrl}apps.connections.open`, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${token}`,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: "",
  });
  return (await res.json()) as Record<string, unknown>;
}

/** Connects and resolves with the first message (the double's `hello`). */
function connect(url: string): Promise<{ ws: WebSocket; hello: Record<string, unknown> }> {
  const ws = new WebSocket(url);
  clients.push(ws);
  return new Promise((resolve, reject) => {
    ws.once("message", (data) => resolve({ ws, hello: JSON.parse(String(data)) }));
    ws.once("error", reject);
  });
}

describe("SlackDouble Socket Mode", () => {
  it("opens a connection only for an app-level token, and records the token type", async () => {
    expect(await connectionsOpen("xoxb-bot")).toEqual({
      ok: false,
      error: "not_allowed_token_type",
    });
    const opened = await connectionsOpen("xapp-1-test");
    expect(opened.ok).toBe(true);
    expect(String(opened.url)).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/socket\?/);
    expect(double.calls("apps.connections.open").map((c) => c.tokenType)).toEqual(["bot", "app"]);
    expect(JSON.stringify(double.calls())).not.toContain("xapp-1-test");
  });

  it("says hello, delivers envelopes and resolves with the matching ack", async () => {
    const { url } = await connectionsOpen("xapp-1-test");
    const { ws, hello } = await connect(String(url));
    expect(hello).toMatchObject({
      type: "hello",
      num_connections: 1,
      connection_info: { app_id: "A0001" },
    });
    await double.socketConnected();

    ws.on("message", (data) => {
      const envelope = JSON.parse(String(data));
      // Ack out of order is fine: an unrelated ack first, then the real one.
      ws.send(JSON.stringify({ envelope_id: "someone-else" }));
      ws.send(JSON.stringify({ envelope_id: envelope.envelope_id, payload: { text: "ok" } }));
    });
    const ack = await double.socketSend({ type: "slash_commands", payload: { text: "help" } });
    expect(ack).toMatchObject({ payload: { text: "ok" } });
    expect(ack.envelope_id).toBeTruthy();

    const closed = double.socketClosed();
    ws.close(1000);
    expect(await closed).toBe(1000);
    await expect(double.socketSend({ type: "interactive", payload: {} })).rejects.toThrow(
      /no Socket Mode client/,
    );
  });
});
