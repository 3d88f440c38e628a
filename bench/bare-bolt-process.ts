// P1's bare Bolt app as a process of its own (bench/p1-processes.ts starts it with the bot's node
// flags): it does the least a /mentor command needs, an ack and then the reply it was told for
// that text, so the bot's p99 and throughput are compared with Bolt's own on an event loop and a
// GC of its own, as the bot's web role has. It runs with its types stripped (.cache/bench/), so it
// imports packages only and uses no TypeScript beyond erasable types.
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";

type Json = Record<string, unknown>;

/** Where the bench tells the reply to mirror: POST { text, reply }, the bot's reply to `text`. */
const REPLIES_PATH = "/bench/replies";

const signingSecret = process.env.BENCH_SIGNING_SECRET;
if (!signingSecret) throw new Error("BENCH_SIGNING_SECRET is not set");

const replies = new Map<string, Json>();

function readJson(req: IncomingMessage): Promise<Json> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("error", reject);
    req.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")) as Json));
  });
}

const receiver = new HTTPReceiver({
  signingSecret,
  endpoints: "/slack/events",
  customRoutes: [
    {
      path: REPLIES_PATH,
      method: "POST",
      handler: (req: IncomingMessage, res: ServerResponse) => {
        readJson(req).then(
          ({ text, reply }) => {
            replies.set(String(text), reply as Json);
            res.writeHead(204).end();
          },
          () => res.writeHead(400).end(),
        );
      },
    },
  ],
});
const app = new App({
  receiver,
  authorize: async () => ({ botToken: "xoxb-bare-not-real" }),
  logLevel: LogLevel.ERROR,
});
app.command("/mentor", async ({ ack, respond, command }) => {
  await ack();
  await respond((replies.get(command.text) ?? { text: "?" }) as Parameters<typeof respond>[0]);
});

const server = (await app.start(0)) as Server;
// The bench reads this first line of stdout for the port.
process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
process.once("SIGTERM", () => {
  void app.stop().finally(() => process.exit(0));
});
