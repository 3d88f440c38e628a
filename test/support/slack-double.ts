/**
 * SlackDouble: a local stand-in for slack.com that the real Bolt app talks to in tests.
 *
 * Point the app's WebClient at `double.apiUrl` (option `slackApiUrl`) and hand out
 * `double.responseUrl(id)` as `response_url` in inbound payloads. The double records every
 * Web API call and response_url post, answers like Slack (bodies start from Slack's own examples
 * in test/fixtures/slack/responses/) and can script failures (429, 5xx, `{ ok: false, error }`).
 *
 * Files: `files.getUploadURLExternal` hands out an upload URL on the same server, the bytes are
 * POSTed there, and `files.completeUploadExternal` shares them; `sharedFiles()` reads them back.
 *
 * Socket Mode: `apps.connections.open` (app-level `xapp-` token only) hands out a `ws://` URL on
 * the same server. The double says `hello` to the client that connects, `socketSend(envelope)`
 * delivers an envelope and resolves with the client's ack.
 */
import { createHash } from "node:crypto";
import { EventEmitter } from "node:events";
import { readFile } from "node:fs/promises";
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { type WebSocket, WebSocketServer } from "ws";
import { isStaleViewHash } from "../../src/playground/view-hash.js";
import { carriesNoText, parseWebApiParams } from "../../src/playground/web-api-params.js";
import {
  blocksTextLength,
  messageProblems,
  POSTED_BLOCKS_TEXT,
  viewProblems,
} from "./block-kit-limits.js";
import { SlackTierLimits, type TierLimitOptions } from "./slack-tier-limits.js";

type Json = Record<string, unknown>;

export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
  at: number;
  /** Whether a token came with the call (Authorization header or `token` param). Never the token. */
  authenticated: boolean;
  /** Which kind of token came with the call (from its prefix); never the token itself. */
  tokenType?: "bot" | "app" | "user" | "other";
  /** The body the double answered with, e.g. to read the `ts` of a posted message. */
  response: Json;
  /**
   * Set when a scripted failure answered this call, or when Slack's limits refused it
   * (it is still recorded to count attempts).
   */
  failed?: { status: number; error: string };
}

export interface ResponseUrlPost {
  url: string;
  body: Json;
  at: number;
  /** "ack" when the bot answered in the command's ack body instead of posting to the URL. */
  via?: "ack";
}

/** What Slack sends over a Socket Mode connection (besides `hello` and `disconnect`). */
export interface SocketEnvelope {
  /** Generated when omitted. */
  envelope_id?: string;
  type: "slash_commands" | "interactive" | "events_api" | (string & {});
  payload: Json;
  accepts_response_payload?: boolean;
  retry_attempt?: number;
  retry_reason?: string;
}

/** The client's acknowledgement: `{ envelope_id, payload? }`. */
export interface SocketAck {
  envelope_id: string;
  payload?: Json;
}

export type ScriptedFailure =
  | { status: 429; retryAfterSeconds: number }
  | { status: 500 | 502 | 503 }
  | { error: string };

export interface DirectoryUser {
  id: string;
  name?: string;
  realName?: string;
  tz?: string;
  tzOffset?: number;
  isBot?: boolean;
  deleted?: boolean;
  /** The profile's status (users.info `profile.status_*`); `expiration` in Unix seconds, 0 = none. */
  status?: { emoji: string; text: string; expiration?: number };
}

/** A file shared with files.completeUploadExternal, with the bytes that were uploaded. */
export interface SharedFile {
  id: string;
  filename: string;
  title: string;
  /** The length declared to files.getUploadURLExternal. */
  length: number;
  content: Buffer;
  channel: string | null;
  initialComment: string | null;
}

interface Upload {
  id: string;
  filename: string;
  length: number;
  content: Buffer | null;
  shared: SharedFile | null;
}

export const BOT_USER_ID = "UBOT";
export const BOT_ID = "BBOT";
export const TEAM_ID = "T0001";
export const APP_ID = "A0001";

const TEMPLATE_NAMES = [
  "chat.postMessage.ok",
  "conversations.open.ok",
  "users.info.ok",
  "users.info.error",
  "views.open.ok",
  "views.open.error",
  "views.publish.ok",
  "views.publish.error",
] as const;
type TemplateName = (typeof TEMPLATE_NAMES)[number];

// Vendored with its provenance in test/fixtures/slack/PROVENANCE.md.
const RESPONSES_DIR = new URL("../fixtures/slack/responses/", import.meta.url);

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const asObject = (v: unknown): Json => (v && typeof v === "object" ? (v as Json) : {});

export class SlackDouble {
  private readonly recorded: RecordedCall[] = [];
  private readonly responsePosts: ResponseUrlPost[] = [];
  /** response_url posts Slack would refuse (blocks over its limits). */
  readonly refusedResponsePosts: ResponseUrlPost[] = [];
  private readonly failures = new Map<string, ScriptedFailure[]>();
  private readonly users = new Map<string, DirectoryUser>();
  private readonly joined = new Set<string>();
  private readonly uploads = new Map<string, Upload>();
  private readonly shared: SharedFile[] = [];
  private fileCounter = 0;
  private readonly events = new EventEmitter();
  /** Messages as Slack stores them, per channel, oldest first (for conversations.history). */
  private readonly history = new Map<string, Json[]>();
  private lastTsMicros = 0;
  private clock: () => number = Date.now;
  private readonly randomFailures = new Map<
    string,
    Array<{ failure: ScriptedFailure; rate: number }>
  >();
  private readonly holds: Array<{
    method: string;
    skip: number;
    held: (release: () => void) => void;
  }> = [];
  private viewCounter = 0;
  /** Each view's latest hash: views.update with an older one is refused (hash_conflict). */
  private readonly viewHashes = new Map<string, string>();
  /** external_id → view id, for views.update by external_id. */
  private readonly externalIds = new Map<string, string>();
  private tierLimits: SlackTierLimits | undefined;
  private envelopeCounter = 0;
  private readonly sockets = new WebSocketServer({ noServer: true });
  private socket: WebSocket | undefined;
  private readonly socketCloses: number[] = [];

  private constructor(
    private readonly server: Server,
    private readonly baseUrl: string,
    private readonly templates: Record<TemplateName, Json>,
  ) {}

  static async start(): Promise<SlackDouble> {
    const entries = await Promise.all(
      TEMPLATE_NAMES.map(async (name) => {
        const text = await readFile(new URL(`${name}.json`, RESPONSES_DIR), "utf8");
        return [name, JSON.parse(text) as Json] as const;
      }),
    );
    const templates = Object.fromEntries(entries) as Record<TemplateName, Json>;
    let double: SlackDouble | undefined;
    const server = createServer((req, res) => {
      double?.handle(req, res).catch((err: unknown) => {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(String(err));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    double = new SlackDouble(server, `http://127.0.0.1:${port}`, templates);
    server.on("upgrade", (req, socket, head) => double?.upgrade(req, socket, head));
    return double;
  }

  async close(): Promise<void> {
    // Upgraded sockets are not HTTP connections: closeAllConnections() would not end them.
    for (const client of this.sockets.clients) client.terminate();
    this.sockets.close();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // Keep-alive sockets from fetch/axios agents would otherwise hold close() open.
    this.server.closeAllConnections();
    await closed;
  }

  /** Base URL for WebClient's `slackApiUrl`. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.baseUrl}/response/${encodeURIComponent(id)}`;
  }

  /** The DM channel id the double hands out for a user (stable: "D" + user id). */
  dmChannelId(userId: string): string {
    return `D${userId}`;
  }

  addUser(user: DirectoryUser): void {
    this.users.set(user.id, user);
  }

  /** Takes a user out of the directory (the bench's extra colleagues, after their part). */
  removeUser(id: string): void {
    this.users.delete(id);
  }

  /** Sets (or with null clears) a user's Slack status, as they would in their profile. */
  setStatus(id: string, status: DirectoryUser["status"] | null): void {
    const user = this.users.get(id);
    if (user) this.users.set(id, { ...user, status: status ?? undefined });
  }

  user(id: string): DirectoryUser | undefined {
    return this.users.get(id);
  }

  calls(method?: string): RecordedCall[] {
    return this.recorded.filter((c) => method === undefined || c.method === method);
  }

  responsesTo(responseUrl: string): Json[] {
    return this.responsePosts.filter((p) => p.url === responseUrl).map((p) => p.body);
  }

  /** Files shared with files.completeUploadExternal, oldest first (optionally in one channel). */
  sharedFiles(channel?: string): SharedFile[] {
    return this.shared.filter((f) => channel === undefined || f.channel === channel);
  }

  /** Clears recordings, scripted failures and what Slack stored; the user directory is kept. */
  reset(): void {
    this.forgetCalls();
    this.joined.clear();
    this.history.clear();
  }

  /**
   * Clears the recorded calls and scripted failures, but keeps what Slack itself keeps: the user
   * directory, the channels joined, and each conversation's messages, which a delivery that
   * takes over an expired claim reads (conversations.history) to find what was sent before
   * instead of sending it again.
   */
  forgetCalls(): void {
    this.recorded.length = 0;
    this.responsePosts.length = 0;
    this.refusedResponsePosts.length = 0;
    this.failures.clear();
    this.randomFailures.clear();
    this.uploads.clear();
    this.shared.length = 0;
  }

  /** Back to a new double's state: recordings, failures, holds, users and tier mode all gone. */
  resetAll(): void {
    this.reset();
    this.users.clear();
    this.holds.length = 0;
    this.tierLimits = undefined;
  }

  /** Message timestamps follow this clock (ms), like Slack's follow the wall clock. */
  useClock(now: () => number): void {
    this.clock = now;
  }

  /** Answers a share (`rate`, 0..1) of the calls to `method` with `failure`, at random. */
  failRandomly(method: string, failure: ScriptedFailure, rate: number): void {
    const list = this.randomFailures.get(method) ?? [];
    list.push({ failure, rate });
    this.randomFailures.set(method, list);
  }

  /**
   * The crash window: after `skip` more accepted calls to `method`, the next one is accepted
   * (recorded, and the message stored) but its answer is held. Resolves once that happened,
   * with the function that sends the held answer.
   */
  holdAccepted(method: string, skip = 0): Promise<() => void> {
    return new Promise((resolve) => this.holds.push({ method, skip, held: resolve }));
  }

  /**
   * Tier mode: answers like Slack when calls come faster than its documented limits
   * (429 with Retry-After; see slack-tier-limits.ts); null turns it off. Kept across reset().
   */
  enforceTierLimits(options: TierLimitOptions | null = {}): void {
    this.tierLimits = options ? new SlackTierLimits(options) : undefined;
  }

  failNext(method: string, failure: ScriptedFailure, times = 1): void {
    const queue = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(failure);
    this.failures.set(method, queue);
  }

  /** Drops the failures still scripted for a method: its next calls succeed. */
  stopFailing(method: string): void {
    this.failures.delete(method);
  }

  /** Successful chat.postMessage calls addressed to the user's DM (by DM id or by user id). */
  dmsTo(userId: string): RecordedCall[] {
    const targets = [userId, this.dmChannelId(userId)];
    return this.calls("chat.postMessage").filter(
      (c) => !c.failed && targets.includes(str(c.params.channel) ?? ""),
    );
  }

  /** The decoded `view` argument of the last successful call to a views.* method. */
  lastView(
    method: "views.open" | "views.update" | "views.push" | "views.publish",
  ): Json | undefined {
    const ok = this.calls(method).filter((c) => !c.failed);
    const last = ok[ok.length - 1];
    return last ? asObject(last.params.view) : undefined;
  }

  /** Resolves with the first call (failed ones included) to `method` matching `predicate`. */
  waitFor(
    method: string,
    predicate: (c: RecordedCall) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<RecordedCall> {
    return this.waitUntil(
      () => this.calls(method).find(predicate),
      `a ${method} call matching the predicate`,
      timeoutMs,
    );
  }

  waitForCalls(method: string, count: number, timeoutMs = 5000): Promise<RecordedCall[]> {
    return this.waitUntil(
      () => {
        const found = this.calls(method);
        return found.length >= count ? found : undefined;
      },
      `${count} ${method} call(s)`,
      timeoutMs,
    );
  }

  /**
   * A command answered in its ack body (the HTTP response, or a Socket Mode ack's `payload`).
   * Slack shows it to the person as the command's reply, just like a post to its
   * response_url, so it is kept with those posts; invalid blocks are refused the same way.
   */
  recordAckReply(responseUrl: string, body: Json): void {
    const post: ResponseUrlPost = { url: responseUrl, body, at: Date.now(), via: "ack" };
    if (messageProblems(body).length > 0) this.refusedResponsePosts.push(post);
    else this.responsePosts.push(post);
    this.events.emit("change");
  }

  /** The first reply to a command or click: a response_url post or the command's ack body. */
  waitForResponse(responseUrl: string, timeoutMs = 5000): Promise<Json> {
    return this.waitUntil(
      () => this.responsesTo(responseUrl)[0],
      `a post to ${responseUrl}`,
      timeoutMs,
    );
  }

  private waitUntil<T>(check: () => T | undefined, what: string, timeoutMs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const onChange = () => {
        const found = check();
        if (found === undefined) return;
        cleanup();
        resolve(found);
      };
      const timer = setTimeout(() => {
        cleanup();
        const seen = this.recorded.map((c) => (c.failed ? `${c.method} (failed)` : c.method));
        const posts = this.responsePosts.map((p) => p.url);
        reject(
          new Error(
            `SlackDouble: timed out after ${timeoutMs} ms waiting for ${what}. ` +
              `Methods called: [${seen.join(", ") || "none"}]; ` +
              `response_url posts: [${posts.join(", ") || "none"}]`,
          ),
        );
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.events.off("change", onChange);
      };
      this.events.on("change", onChange);
      onChange();
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Socket Mode

  /** Resolves once a Socket Mode client is connected (and has been sent `hello`). */
  socketConnected(timeoutMs = 5000): Promise<void> {
    return this.waitUntil(
      () => (this.socket ? true : undefined),
      "a Socket Mode connection",
      timeoutMs,
    ).then(() => undefined);
  }

  /** Resolves with the close code once no Socket Mode client is connected any more. */
  socketClosed(timeoutMs = 5000): Promise<number> {
    const before = this.socketCloses.length;
    return this.waitUntil(
      () =>
        this.socket ? undefined : (this.socketCloses[before] ?? this.socketCloses.at(-1) ?? 0),
      "the Socket Mode connection to close",
      timeoutMs,
    );
  }

  /** Sends an envelope to the connected client; resolves with its ack (matched by envelope_id). */
  socketSend(envelope: SocketEnvelope, timeoutMs = 5000): Promise<SocketAck> {
    const socket = this.socket;
    if (!socket) return Promise.reject(new Error("SlackDouble: no Socket Mode client connected"));
    this.envelopeCounter += 1;
    const envelopeId =
      envelope.envelope_id ?? `${String(this.envelopeCounter).padStart(8, "0")}-envelope-double`;
    const message = { ...envelope, envelope_id: envelopeId };
    return new Promise<SocketAck>((resolve, reject) => {
      const onMessage = (data: Buffer, isBinary: boolean) => {
        if (isBinary) return;
        let parsed: Json;
        try {
          parsed = asObject(JSON.parse(data.toString("utf8")));
        } catch {
          return;
        }
        if (parsed.envelope_id !== envelopeId) return;
        cleanup();
        const ack = parsed as unknown as SocketAck;
        const url = (envelope.payload as Json | undefined)?.response_url;
        if (envelope.type === "slash_commands" && typeof url === "string" && isReply(ack.payload)) {
          this.recordAckReply(url, ack.payload);
        }
        resolve(ack);
      };
      const onClose = () => {
        cleanup();
        reject(new Error(`SlackDouble: socket closed before envelope ${envelopeId} was acked`));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`SlackDouble: no ack for envelope ${envelopeId} in ${timeoutMs} ms`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        socket.off("message", onMessage);
        socket.off("close", onClose);
      };
      socket.on("message", onMessage);
      socket.on("close", onClose);
      socket.send(JSON.stringify(message));
    });
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(req.url ?? "/", this.baseUrl).pathname;
    if (path !== "/socket") {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n");
      return;
    }
    this.sockets.handleUpgrade(req, socket, head, (ws) => {
      this.socket = ws;
      ws.on("close", (code) => {
        if (this.socket === ws) this.socket = undefined;
        this.socketCloses.push(code);
        this.events.emit("change");
      });
      ws.send(
        JSON.stringify({
          type: "hello",
          num_connections: 1,
          debug_info: {
            host: "applink-double",
            build_number: 1,
            approximate_connection_time: 18060,
          },
          connection_info: { app_id: APP_ID },
        }),
      );
      this.events.emit("change");
    });
  }

  // ---------------------------------------------------------------------------------------------
  // HTTP handling

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const path = new URL(req.url ?? "/", this.baseUrl).pathname;

    if (req.method === "POST" && path.startsWith("/response/")) {
      // Bolt's respond() posts JSON to response_url.
      const body = raw ? asObject(JSON.parse(raw)) : {};
      const messages = messageProblems(body);
      if (messages.length > 0) {
        // Slack shows nothing; the refusal is kept for tests to read.
        this.refusedResponsePosts.push({ url: `${this.baseUrl}${path}`, body, at: Date.now() });
        this.events.emit("change");
        return send(res, 400, {
          ok: false,
          error: "invalid_blocks",
          response_metadata: { messages },
        });
      }
      this.responsePosts.push({ url: `${this.baseUrl}${path}`, body, at: Date.now() });
      this.events.emit("change");
      return send(res, 200, { ok: true });
    }
    if (path.startsWith("/upload/v1/")) return this.receiveUpload(req, res, path, chunks);
    if (!path.startsWith("/api/")) return send(res, 404, { ok: false, error: "not_found" });

    const method = path.slice("/api/".length);
    const params = parseWebApiParams(raw, req.headers["content-type"] ?? "", "keep");
    const bearer = /^Bearer (\S+)/.exec(req.headers.authorization ?? "")?.[1];
    const token = bearer ?? str(params.token);
    const authenticated = token !== undefined;
    delete params.token; // never keep (or print) tokens
    const call: RecordedCall = { method, params, at: Date.now(), authenticated, response: {} };
    if (token !== undefined) call.tokenType = tokenType(token);

    const failure =
      this.failures.get(method)?.shift() ??
      this.randomFailure(method) ??
      this.overTierLimit(method, params, authenticated);
    if (failure) {
      if ("error" in failure) {
        call.failed = { status: 200, error: failure.error };
        call.response = { ok: false, error: failure.error };
        this.record(call);
        return send(res, 200, call.response);
      }
      if (failure.status === 429) {
        call.failed = { status: 429, error: "ratelimited" };
        call.response = { ok: false, error: "ratelimited" };
        this.record(call);
        return send(res, 429, call.response, { "Retry-After": String(failure.retryAfterSeconds) });
      }
      call.failed = { status: failure.status, error: "" };
      this.record(call);
      return send(res, failure.status, STATUS_CODES[failure.status] ?? "error");
    }

    const refused = authenticated ? this.refuseOverLimits(method, params) : undefined;
    if (refused) call.failed = { status: 200, error: String(refused.error) };
    call.response = !authenticated
      ? { ok: false, error: "not_authed" }
      : method === "apps.connections.open"
        ? this.connectionsOpen(call.tokenType)
        : (refused ?? this.answer(method, params));
    this.record(call);
    if (call.response.ok === true) await this.holdIfAsked(method);
    // Slack answers Web API errors (unknown_method, channel_not_found, ...) with HTTP 200.
    return send(res, 200, call.response);
  }

  private overTierLimit(method: string, params: Json, authenticated: boolean) {
    const seconds = authenticated ? this.tierLimits?.refuse(method, params, Date.now()) : null;
    return seconds ? ({ status: 429, retryAfterSeconds: seconds } as const) : undefined;
  }

  private randomFailure(method: string): ScriptedFailure | undefined {
    for (const { failure, rate } of this.randomFailures.get(method) ?? []) {
      if (Math.random() < rate) return failure;
    }
    return undefined;
  }

  private async holdIfAsked(method: string): Promise<void> {
    const index = this.holds.findIndex((h) => h.method === method);
    const hold = this.holds[index];
    if (!hold) return;
    if (hold.skip > 0) {
      hold.skip -= 1;
      return;
    }
    this.holds.splice(index, 1);
    await new Promise<void>((release) => hold.held(release));
  }

  private record(call: RecordedCall): void {
    this.recorded.push(call);
    this.events.emit("change");
  }

  // ---------------------------------------------------------------------------------------------
  // Slack-like answers

  /** Slack refuses, for good, blocks and views over its documented limits. */
  private refuseOverLimits(method: string, p: Json): Json | undefined {
    if (["chat.postMessage", "chat.update", "chat.postEphemeral"].includes(method)) {
      const messages = messageProblems(p);
      if (messages.length === 0) {
        if (method === "chat.postEphemeral" || blocksTextLength(p.blocks) <= POSTED_BLOCKS_TEXT)
          return undefined;
        return { ok: false, error: "msg_blocks_too_long" };
      }
      return {
        ok: false,
        error: "invalid_blocks",
        errors: messages,
        response_metadata: { messages },
      };
    }
    if (method.startsWith("views.")) {
      const messages = viewProblems(p.view, method);
      if (messages.length === 0) return undefined;
      return { ok: false, error: "invalid_arguments", response_metadata: { messages } };
    }
    return undefined;
  }

  private answer(method: string, p: Json): Json {
    switch (method) {
      case "auth.test":
        return {
          ok: true,
          url: "https://mentorship-test.slack.com/",
          team: "Mentorship Test",
          user: "mentorbot",
          team_id: TEAM_ID,
          user_id: BOT_USER_ID,
          bot_id: BOT_ID,
          is_enterprise_install: false,
        };
      case "users.info":
        return this.usersInfo(str(p.user) ?? "");
      case "users.list":
        return this.usersList(p);
      case "conversations.open":
        return this.conversationsOpen(p);
      case "chat.postMessage":
        return this.postMessage(p);
      case "chat.update": {
        const channel = str(p.channel);
        const ts = str(p.ts);
        if (!channel) return { ok: false, error: "channel_not_found" };
        const stored = this.history.get(channel)?.find((m) => m.ts === ts);
        if (!ts || !stored) return { ok: false, error: "message_not_found" };
        if (carriesNoText(p)) return { ok: false, error: "no_text" };
        const message = this.message(p, ts);
        // An update keeps the message's metadata unless it brings its own.
        Object.assign(stored, { ...message, metadata: message.metadata ?? stored.metadata });
        return { ok: true, channel, ts, text: p.text ?? "", message };
      }
      case "conversations.history":
        return this.conversationsHistory(p);
      case "chat.postEphemeral":
        if (!str(p.channel)) return { ok: false, error: "channel_not_found" };
        if (!str(p.user)) return { ok: false, error: "user_not_in_channel" };
        if (carriesNoText(p)) return { ok: false, error: "no_text" };
        return { ok: true, message_ts: this.nextTs() };
      case "views.open":
      case "views.push":
        if (!str(p.trigger_id)) return structuredClone(this.templates["views.open.error"]);
        return this.viewResponse(p, "views.open.ok");
      case "views.update": {
        const byId = str(p.view_id);
        const byExternal = str(p.external_id);
        if (!byId && !byExternal) return { ok: false, error: "invalid_arguments" };
        // Only a view Slack opened (or published) can be updated.
        const id = byId || this.externalIds.get(byExternal ?? "");
        const current = this.viewHashes.get(id ?? "");
        if (!id || !current) return { ok: false, error: "not_found" };
        // A hash from before the view's latest update: someone else updated it since.
        if (isStaleViewHash(p.hash, current)) return { ok: false, error: "hash_conflict" };
        return this.viewResponse(p, "views.open.ok", id);
      }
      case "views.publish":
        if (!str(p.user_id)) return structuredClone(this.templates["views.publish.error"]);
        return this.viewResponse(p, "views.publish.ok");
      case "conversations.join": {
        const id = str(p.channel);
        if (!id) return { ok: false, error: "channel_not_found" };
        this.joined.add(id);
        return { ok: true, channel: this.channelInfo(id) };
      }
      case "conversations.info": {
        const id = str(p.channel);
        if (!id || !/^[CDG]/.test(id)) return { ok: false, error: "channel_not_found" };
        return { ok: true, channel: this.channelInfo(id) };
      }
      case "files.getUploadURLExternal":
        return this.uploadUrl(p);
      case "files.completeUploadExternal":
        return this.completeUpload(p);
      default:
        return { ok: false, error: "unknown_method" };
    }
  }

  /** Slack requires `filename` and a whole-number `length`; anything else is invalid_arguments. */
  private uploadUrl(p: Json): Json {
    const filename = str(p.filename);
    const length = Number(p.length);
    if (!filename || p.length === undefined || !Number.isInteger(length) || length < 0) {
      return { ok: false, error: "invalid_arguments" };
    }
    this.fileCounter += 1;
    const id = `F${String(this.fileCounter).padStart(10, "0")}`;
    this.uploads.set(id, { id, filename, length, content: null, shared: null });
    return { ok: true, upload_url: `${this.baseUrl}/upload/v1/${id}`, file_id: id };
  }

  /**
   * The upload URL takes the file's bytes, raw or as a multipart form (as WebClient's uploadV2
   * sends them), and answers "OK - <bytes>".
   */
  private async receiveUpload(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    chunks: Buffer[],
  ): Promise<void> {
    const upload = this.uploads.get(decodeURIComponent(path.slice("/upload/v1/".length)));
    if (req.method !== "POST" || !upload) return send(res, 404, "Not Found");
    const failure = this.failures.get("upload")?.shift();
    if (failure && "status" in failure) return send(res, failure.status, "error");
    const body = Buffer.concat(chunks);
    const type = req.headers["content-type"] ?? "";
    upload.content = type.startsWith("multipart/form-data")
      ? await firstFilePart(body, type)
      : body;
    this.events.emit("change");
    return send(res, 200, `OK - ${upload.content.length}`);
  }

  /** Shares uploaded files; an id never handed out, or never uploaded to, is file_not_found. */
  private completeUpload(p: Json): Json {
    const files = Array.isArray(p.files) ? (p.files as unknown[]) : null;
    if (!files || files.length === 0) return { ok: false, error: "invalid_arguments" };
    const wanted = files.map(asObject);
    if (wanted.some((f) => !str(f.id))) return { ok: false, error: "invalid_arguments" };
    const uploads = wanted.map((f) => this.uploads.get(str(f.id) ?? ""));
    if (uploads.some((u) => !u?.content)) return { ok: false, error: "file_not_found" };
    const channel = str(p.channel_id) ?? null;
    if (channel !== null && !/^[CDG]/.test(channel))
      return { ok: false, error: "channel_not_found" };
    const answered = uploads.map((upload, i) => {
      const u = upload as Upload;
      const title = str(wanted[i]?.title) ?? u.filename;
      u.shared = {
        id: u.id,
        filename: u.filename,
        title,
        length: u.length,
        content: u.content ?? Buffer.alloc(0),
        channel,
        initialComment: str(p.initial_comment) ?? null,
      };
      this.shared.push(u.shared);
      return {
        id: u.id,
        created: 1700000000,
        timestamp: 1700000000,
        name: u.filename,
        title,
        mimetype: "",
        filetype: "",
        user: BOT_USER_ID,
        size: u.shared.content.length,
        is_public: false,
        url_private: `https://files.slack.com/files-pri/${TEAM_ID}-${u.id}/${encodeURIComponent(u.filename)}`,
        channels: channel?.startsWith("C") ? [channel] : [],
        ims: channel?.startsWith("D") ? [channel] : [],
        groups: channel?.startsWith("G") ? [channel] : [],
      };
    });
    return { ok: true, files: answered };
  }

  /** Only an app-level token may open a Socket Mode connection. */
  private connectionsOpen(kind: RecordedCall["tokenType"]): Json {
    if (kind !== "app") return { ok: false, error: "not_allowed_token_type" };
    this.envelopeCounter += 1;
    const ticket = createHash("sha1").update(`ticket-${this.envelopeCounter}`).digest("hex");
    const wsBase = this.baseUrl.replace(/^http/, "ws");
    return { ok: true, url: `${wsBase}/socket?ticket=${ticket}&app_id=${APP_ID}` };
  }

  private usersInfo(id: string): Json {
    const known = this.users.get(id);
    if (!known) return structuredClone(this.templates["users.info.error"]);
    const response = structuredClone(this.templates["users.info.ok"]);
    response.user = this.userObject(id, known);
    return response;
  }

  /**
   * users.list as Slack pages it: every member (deactivated ones included) in a stable order,
   * `limit` at a time, `response_metadata.next_cursor` naming the next page ("" after the
   * last). A cursor Slack did not hand out is `invalid_cursor`. Members are users.info's.
   */
  private usersList(p: Json): Json {
    const ids = [...this.users.keys()].sort();
    const cursor = str(p.cursor) ?? "";
    let start = 0;
    if (cursor) {
      const after = Buffer.from(cursor, "base64").toString("utf8");
      start = after.startsWith("user:") ? ids.indexOf(after.slice(5)) : -1;
      if (start < 0) return { ok: false, error: "invalid_cursor" };
    }
    const limit = Number(p.limit ?? 0);
    const end = limit > 0 ? Math.min(ids.length, start + limit) : ids.length;
    const next = ids[end];
    return {
      ok: true,
      members: ids.slice(start, end).map((id) => this.userObject(id, this.users.get(id) ?? { id })),
      cache_ts: Math.floor(Date.now() / 1000),
      response_metadata: {
        next_cursor: next ? Buffer.from(`user:${next}`).toString("base64") : "",
      },
    };
  }

  /** One user as users.info and users.list show it, from Slack's users.info example. */
  private userObject(id: string, known: DirectoryUser): Json {
    const template = asObject(this.templates["users.info.ok"].user);
    const name = known.name ?? id.toLowerCase();
    const realName = known.realName ?? name;
    const tz = known.tz ?? str(template.tz) ?? "America/Los_Angeles";
    return {
      ...template,
      id,
      name,
      real_name: realName,
      team_id: TEAM_ID,
      deleted: known.deleted ?? false,
      is_bot: known.isBot ?? false,
      is_admin: false,
      tz,
      tz_label: tz,
      tz_offset: known.tzOffset ?? offsetSeconds(tz),
      profile: {
        ...asObject(template.profile),
        display_name: name,
        display_name_normalized: name,
        real_name: realName,
        real_name_normalized: realName,
        email: `${name}@example.com`,
        status_emoji: known.status?.emoji ?? "",
        status_text: known.status?.text ?? "",
        status_expiration: known.status?.expiration ?? 0,
        team: TEAM_ID,
      },
    };
  }

  private conversationsOpen(p: Json): Json {
    const existing = str(p.channel);
    if (existing) return { ok: true, channel: { id: existing } };
    // WebClient sends `users` as "U1,U2"; a JSON body may carry an array.
    const users = (Array.isArray(p.users) ? p.users.map(String) : (str(p.users) ?? "").split(","))
      .map((u) => u.trim())
      .filter(Boolean);
    const [first] = users;
    if (!first) return { ok: false, error: "users_list_not_supplied" };
    if (users.length === 1) return { ok: true, channel: { id: this.dmChannelId(first) } };
    const digest = createHash("sha1")
      .update([...users].sort().join(","))
      .digest("hex");
    return { ok: true, channel: { id: `G${digest.slice(0, 10).toUpperCase()}` } };
  }

  private postMessage(p: Json): Json {
    const target = str(p.channel);
    if (!target) return { ok: false, error: "channel_not_found" };
    if (carriesNoText(p)) return { ok: false, error: "no_text" };
    if (p.metadata !== undefined && !validMetadata(p.metadata)) {
      return { ok: false, error: "invalid_metadata_format" };
    }
    // Posting to a user id lands in the DM with that user.
    const channel = /^[UW]/.test(target) ? this.dmChannelId(target) : target;
    const ts = this.nextTs();
    const response = structuredClone(this.templates["chat.postMessage.ok"]);
    const message = this.message(p, ts);
    const stored = this.history.get(channel) ?? [];
    stored.push({ ...message, type: "message" });
    this.history.set(channel, stored);
    return { ...response, channel, ts, message };
  }

  /**
   * Like Slack: newest first; only messages after `oldest` and before `latest` (bounds
   * included with `inclusive`); at most `limit` (default 100, at most 999) closest to `latest`,
   * with `has_more` and a cursor for the next, older page; metadata only with
   * `include_all_metadata`.
   */
  private conversationsHistory(p: Json): Json {
    const channel = str(p.channel);
    if (!channel) return { ok: false, error: "channel_not_found" };
    if (!/^[CDG]/.test(channel)) return { ok: false, error: "channel_not_found" };
    const cursor = str(p.cursor);
    const fromCursor = cursor
      ? /^next_ts:(\d+\.\d+)$/.exec(Buffer.from(cursor, "base64").toString("utf8"))?.[1]
      : undefined;
    if (cursor && !fromCursor) return { ok: false, error: "invalid_cursor" };
    const inclusive = truthy(p.inclusive);
    const oldest = tsMicros(str(p.oldest) ?? "0");
    const latest = fromCursor
      ? tsMicros(fromCursor)
      : p.latest !== undefined
        ? tsMicros(String(p.latest))
        : Number.POSITIVE_INFINITY;
    const limit = Math.min(Math.max(Math.trunc(Number(p.limit ?? 100)) || 100, 1), 999);
    const withMetadata = truthy(p.include_all_metadata);
    const inWindow = (this.history.get(channel) ?? []).filter((m) => {
      const at = tsMicros(String(m.ts));
      const afterOldest = inclusive ? at >= oldest : at > oldest;
      const beforeLatest = inclusive && !fromCursor ? at <= latest : at < latest;
      return afterOldest && beforeLatest;
    });
    const newestFirst = [...inWindow].reverse();
    const page = newestFirst.slice(0, limit).map((m) => {
      const copy = structuredClone(m);
      if (!withMetadata) delete copy.metadata;
      return copy;
    });
    const hasMore = newestFirst.length > limit;
    const answer: Json = {
      ok: true,
      messages: page,
      has_more: hasMore,
      pin_count: 0,
      channel_actions_ts: null,
      channel_actions_count: 0,
    };
    const last = page.at(-1);
    if (hasMore && last) {
      answer.response_metadata = {
        next_cursor: Buffer.from(`next_ts:${String(last.ts)}`).toString("base64"),
      };
    }
    return answer;
  }

  private message(p: Json, ts: string): Json {
    const message: Json = {
      ...asObject(this.templates["chat.postMessage.ok"].message),
      user: BOT_USER_ID,
      bot_id: BOT_ID,
      app_id: APP_ID,
      team: TEAM_ID,
      text: p.text ?? "",
      ts,
    };
    delete message.subtype;
    delete message.username;
    delete message.attachments;
    if (p.blocks !== undefined) message.blocks = p.blocks;
    if (p.attachments !== undefined) message.attachments = p.attachments;
    if (p.thread_ts !== undefined) message.thread_ts = p.thread_ts;
    if (p.metadata !== undefined) message.metadata = p.metadata;
    return message;
  }

  private viewResponse(p: Json, template: TemplateName, existingId?: string): Json {
    const response = structuredClone(this.templates[template]);
    const base = asObject(response.view);
    const submitted = asObject(p.view);
    this.viewCounter += 1;
    const id = existingId ?? `V${String(this.viewCounter).padStart(8, "0")}`;
    response.view = {
      ...base,
      // Fields the template shows but a submitted view may omit get neutral values.
      callback_id: "",
      private_metadata: "",
      external_id: "",
      ...submitted,
      id,
      team_id: TEAM_ID,
      app_id: APP_ID,
      bot_id: BOT_ID,
      app_installed_team_id: TEAM_ID,
      root_view_id: id,
      hash: `${1700000000 + this.viewCounter}.${id}`,
      state: { values: {} },
    };
    this.viewHashes.set(id, `${1700000000 + this.viewCounter}.${id}`);
    const externalId = str(submitted.external_id);
    if (externalId) this.externalIds.set(externalId, id);
    return response;
  }

  private channelInfo(id: string): Json {
    if (id.startsWith("D")) {
      return { id, created: 1700000000, is_im: true, is_org_shared: false, user: id.slice(1) };
    }
    return {
      id,
      name: `channel-${id.toLowerCase()}`,
      is_channel: id.startsWith("C"),
      is_group: false,
      is_mpim: id.startsWith("G"),
      is_private: id.startsWith("G"),
      is_archived: false,
      is_member: this.joined.has(id),
      created: 1700000000,
    };
  }

  /** Unique, increasing message timestamps in Slack's "seconds.micro" shape, from the clock. */
  private nextTs(): string {
    this.lastTsMicros = Math.max(this.clock() * 1000, this.lastTsMicros + 1);
    const seconds = Math.floor(this.lastTsMicros / 1_000_000);
    return `${seconds}.${String(this.lastTsMicros % 1_000_000).padStart(6, "0")}`;
  }
}

/** The bytes of the first file in a multipart/form-data body. */
async function firstFilePart(body: Buffer, contentType: string): Promise<Buffer> {
  const form = await new Response(body, { headers: { "content-type": contentType } }).formData();
  for (const value of form.values()) {
    if (typeof value !== "string") return Buffer.from(await value.arrayBuffer());
  }
  return Buffer.alloc(0);
}

/** Slack message metadata: an `event_type` name and an `event_payload` object. */
function validMetadata(value: unknown): boolean {
  const m = asObject(value);
  return (
    typeof m.event_type === "string" &&
    m.event_type.length > 0 &&
    typeof m.event_payload === "object" &&
    m.event_payload !== null
  );
}

/** Form bodies carry booleans as "true"/"1". */
function truthy(value: unknown): boolean {
  return value === true || value === "true" || value === "1" || value === 1;
}

/** "1700000000.000100" → 1700000000000100, so timestamps compare exactly. */
function tsMicros(ts: string): number {
  const [seconds = "0", micros = "0"] = ts.split(".");
  return Number(seconds) * 1_000_000 + Number(micros.padEnd(6, "0").slice(0, 6));
}

function tokenType(token: string): NonNullable<RecordedCall["tokenType"]> {
  if (token.startsWith("xoxb-")) return "bot";
  if (token.startsWith("xapp-")) return "app";
  if (token.startsWith("xoxp-")) return "user";
  return "other";
}

/** One formatter a zone: making one costs more than a users.list page of 200 otherwise does. */
const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** Current UTC offset of an IANA zone in seconds, like Slack's `tz_offset`. */
function offsetSeconds(tz: string): number {
  let format = offsetFormats.get(tz);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: "longOffset" });
    offsetFormats.set(tz, format);
  }
  const part = format.formatToParts(new Date()).find((p) => p.type === "timeZoneName")?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(part ?? "");
  if (!match) return 0;
  const sign = match[1] === "-" ? -1 : 1;
  return sign * (Number(match[2]) * 3600 + Number(match[3]) * 60);
}

function send(
  res: ServerResponse,
  status: number,
  body: Json | string,
  headers: Record<string, string> = {},
): void {
  const isJson = typeof body !== "string";
  res.writeHead(status, {
    "content-type": isJson ? "application/json; charset=utf-8" : "text/plain",
    ...headers,
  });
  res.end(isJson ? JSON.stringify(body) : body);
}

/** Whether an ack body is a message Slack would show (not an empty ack). */
export function isReply(body: unknown): body is Json {
  const b = body as Json | undefined;
  return typeof b === "object" && b !== null && (b.text !== undefined || b.blocks !== undefined);
}
