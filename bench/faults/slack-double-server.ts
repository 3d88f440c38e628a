// The Slack double as its own process for the fault runs (bench/faults/run.ts): the bot's web
// and worker processes talk to it as they would to slack.com, and the runner steers it over a
// small control API on a second loopback port. Prints one JSON line with both URLs when ready.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type ScriptedFailure, SlackDouble } from "../../test/support/slack-double.js";

const double = await SlackDouble.start();
let release: (() => void) | undefined;

type Json = Record<string, unknown>;

async function body(req: IncomingMessage): Promise<Json> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString("utf8");
  return raw ? (JSON.parse(raw) as Json) : {};
}

function reply(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(value));
}

/** What the runner counts: accepted messages per channel, and what the bot did besides. */
function stats(): Json {
  const posts: Record<string, number> = {};
  const checkins: Record<string, string> = {};
  for (const call of double.calls("chat.postMessage")) {
    if (call.failed || call.response.ok !== true) continue;
    const channel = String(call.response.channel);
    posts[channel] = (posts[channel] ?? 0) + 1;
    // The "On track" button's value is the check-in id (for the button scenario).
    const text = JSON.stringify(call.params.blocks ?? "");
    const id = /"action_id":"checkin\.on_track"[^}]*?"value":"([^"]+)"/.exec(text)?.[1];
    if (id) checkins[channel] = id;
  }
  const publishes: Record<string, number> = {};
  for (const call of double.calls("views.publish")) {
    if (call.failed || call.response.ok !== true) continue;
    const user = String(call.params.user_id);
    publishes[user] = (publishes[user] ?? 0) + 1;
  }
  const calls: Record<string, number> = {};
  for (const call of double.calls()) calls[call.method] = (calls[call.method] ?? 0) + 1;
  return { posts, checkins, publishes, calls };
}

const control = createServer((req, res) => {
  const path = new URL(req.url ?? "/", "http://control").pathname;
  void (async () => {
    const input = req.method === "POST" ? await body(req) : {};
    switch (path) {
      case "/users":
        for (const id of input.ids as string[]) double.addUser({ id, tz: "Europe/Berlin" });
        return reply(res, 200, { ok: true });
      case "/stats":
        return reply(res, 200, stats());
      case "/responses": {
        const urls = input.urls as string[];
        return reply(
          res,
          200,
          urls.map((url) => double.responsesTo(url).map((b) => String(b.text ?? ""))),
        );
      }
      case "/fail-randomly":
        double.failRandomly(
          String(input.method),
          input.failure as ScriptedFailure,
          Number(input.rate),
        );
        return reply(res, 200, { ok: true });
      case "/hold": {
        // Answers once Slack has accepted the message and holds its answer.
        release = await double.holdAccepted(String(input.method), Number(input.skip ?? 0));
        return reply(res, 200, { ok: true });
      }
      case "/release":
        release?.();
        release = undefined;
        return reply(res, 200, { ok: true });
      default:
        return reply(res, 404, { ok: false });
    }
  })().catch((err: unknown) => reply(res, 500, { ok: false, error: String(err) }));
});
await new Promise<void>((resolve) => control.listen(0, "127.0.0.1", resolve));
const { port } = control.address() as AddressInfo;

const stop = () => {
  release?.();
  control.close();
  void double.close().finally(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
// The runner owns this process: when it goes away, so does the double.
process.stdin.on("end", stop);
process.stdin.resume();
process.stdout.write(
  `${JSON.stringify({ apiUrl: double.apiUrl, responseBase: double.responseUrl(""), controlUrl: `http://127.0.0.1:${port}` })}\n`,
);
