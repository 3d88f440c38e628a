// P1 of issue 14: the bot's slash commands under load, against a bare Bolt app that acks and
// then posts a reply of the same size to response_url (bare-bolt-process.ts). Both get the same
// signed commands at the same concurrency, in alternating blocks, so both see the same machine
// (and its neighbours).
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { signSlackRequest } from "../src/playground/slack-signature.js";
import { percentile } from "./report.js";

type Json = Record<string, unknown>;

/** Where the replies of both apps land: one pending promise per response_url. */
export class ReplyCatcher {
  private readonly waiting = new Map<string, (body: Json) => void>();
  private readonly early = new Map<string, Json>();
  private seq = 0;

  private constructor(
    private readonly server: Server,
    readonly base: string,
  ) {}

  static async start(): Promise<ReplyCatcher> {
    let catcher: ReplyCatcher | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
        const text = Buffer.concat(chunks).toString("utf8");
        catcher?.arrived(req.url ?? "", text ? (JSON.parse(text) as Json) : {});
      });
    });
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    catcher = new ReplyCatcher(server, `http://127.0.0.1:${port}`);
    return catcher;
  }

  nextUrl(): string {
    this.seq += 1;
    return `${this.base}/r/${this.seq}`;
  }

  /** The first reply posted to `url`, or a rejection after `ms`. */
  reply(url: string, ms: number): Promise<Json> {
    const path = new URL(url).pathname;
    const early = this.early.get(path);
    if (early) {
      this.early.delete(path);
      return Promise.resolve(early);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(path);
        reject(new Error(`no reply at ${url} within ${ms} ms`));
      }, ms);
      this.waiting.set(path, (body) => {
        clearTimeout(timer);
        resolve(body);
      });
    });
  }

  /** Forgets a reply nobody will wait for (it came in the ack body instead). */
  forget(url: string): void {
    this.waiting.delete(new URL(url).pathname);
  }

  private arrived(path: string, body: Json): void {
    const waiter = this.waiting.get(path);
    if (waiter) {
      this.waiting.delete(path);
      waiter(body);
    } else {
      this.early.set(path, body);
    }
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

export interface LoadTarget {
  name: string;
  url: string;
}

export interface LoadFigures {
  latencies: number[];
  wallMs: number;
  failures: number;
  /** Replies that came in the ack body itself rather than at response_url. */
  inAck: number;
}

/** Sends one signed /mentor command; resolves with the reply (the ack body's, or response_url's). */
async function sendCommand(
  target: string,
  signingSecret: string,
  catcher: ReplyCatcher,
  user: string,
  text: string,
  replyTimeoutMs: number,
): Promise<{ reply: Json; inAck: boolean }> {
  const responseUrl = catcher.nextUrl();
  const body = new URLSearchParams({
    token: "verification-token-not-checked",
    team_id: "T0001",
    team_domain: "mentorship-bench",
    channel_id: `D${user}`,
    channel_name: "directmessage",
    user_id: user,
    user_name: user.toLowerCase(),
    command: "/mentor",
    text,
    api_app_id: "A0001",
    is_enterprise_install: "false",
    response_url: responseUrl,
    trigger_id: `${Date.now()}.${randomBytes(4).toString("hex")}`,
  }).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  const res = await fetch(target, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": signSlackRequest(signingSecret, timestamp, body),
    },
    body,
  });
  const ackText = await res.text();
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${ackText.slice(0, 200)}`);
  // Bolt may answer in the ack body itself; then nothing comes to response_url.
  if (ackText.trim().startsWith("{")) {
    const inAck = JSON.parse(ackText) as Json;
    if (inAck.text !== undefined || inAck.blocks !== undefined) {
      catcher.forget(responseUrl);
      return { reply: inAck, inAck: true };
    }
  }
  return { reply: await catcher.reply(responseUrl, replyTimeoutMs), inAck: false };
}

/**
 * `count` commands to each target at `concurrency`, in alternating blocks of `block`
 * (A, B, A, B...), so a slow neighbour on the machine hits both alike. Latency is
 * send -> reply; each target's wall time is the sum of its own blocks.
 */
export async function runInterleaved(options: {
  targets: readonly LoadTarget[];
  signingSecret: string;
  catcher: ReplyCatcher;
  users: readonly string[];
  text: string;
  count: number;
  concurrency: number;
  block: number;
  replyTimeoutMs: number;
  check: (reply: Json) => boolean;
}): Promise<Map<string, LoadFigures>> {
  const figures = new Map<string, LoadFigures>(
    options.targets.map((t) => [t.name, { latencies: [], wallMs: 0, failures: 0, inAck: 0 }]),
  );
  let sent = 0;
  for (let done = 0; done < options.count; done += options.block) {
    const size = Math.min(options.block, options.count - done);
    for (const target of options.targets) {
      const f = figures.get(target.name) as LoadFigures;
      const started = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.min(options.concurrency, size) }, async () => {
          while (next < size) {
            next += 1;
            const user = options.users[sent++ % options.users.length] as string;
            const at = performance.now();
            try {
              const { reply, inAck } = await sendCommand(
                target.url,
                options.signingSecret,
                options.catcher,
                user,
                options.text,
                options.replyTimeoutMs,
              );
              if (!options.check(reply)) f.failures += 1;
              else f.latencies.push(performance.now() - at);
              if (inAck) f.inAck += 1;
            } catch {
              f.failures += 1;
            }
          }
        }),
      );
      f.wallMs += performance.now() - started;
    }
  }
  return figures;
}

export function summarize(f: LoadFigures): { p50: number; p99: number; perSecond: number } {
  return {
    p50: percentile(f.latencies, 50),
    p99: percentile(f.latencies, 99),
    perSecond: f.latencies.length / (f.wallMs / 1000),
  };
}
