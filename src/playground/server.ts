/**
 * The playground's HTTP server on 127.0.0.1: Slack's Web API for the bot (/api/*), its
 * response_urls (/response/*), and the page with the small JSON endpoints its script calls.
 */
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { person } from "./cast.js";
import { HOME, renderPage, renderParts, type SlashCommand, viewerOr } from "./page.js";
import type { Advance } from "./playground-clock.js";
import type { Scenario } from "./scenario.js";
import type { SlackWebApi } from "./slack-web-api.js";
import type { Triggers } from "./triggers.js";
import type { UploadedFiles } from "./uploaded-files.js";
import { parseWebApiParams } from "./web-api-params.js";
import type { ActionSource, Workspace } from "./workspace.js";

type Json = Record<string, unknown>;

const PUBLIC = new URL("../../src/playground/public/", import.meta.url);
const MANIFEST = new URL("../../manifests/manifest.http.json", import.meta.url);
const ASSETS: Record<string, string> = {
  "/static/app.js": "text/javascript; charset=utf-8",
  "/static/app.css": "text/css; charset=utf-8",
};
const MAX_BODY_BYTES = 1_000_000;
/** An upload's bytes (an export of the playground's few pairs is far smaller). */
const MAX_UPLOAD_BYTES = 16 * 1024 * 1024;
const FILE_TYPES: Record<string, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
};

const obj = (v: unknown): Json => (v && typeof v === "object" ? (v as Json) : {});
const str = (v: unknown): string => (typeof v === "string" ? v : "");

export interface PlaygroundServer {
  url: string;
  close(): Promise<void>;
}

export async function startPlaygroundServer(opts: {
  port: number;
  /** Slack's Web API answers from the start: the bot calls auth.test while it starts. */
  api: SlackWebApi;
  /** What the bot uploads (its upload URLs are /upload/<id>) and the page offers at /files/<id>. */
  files: UploadedFiles;
  workspace: () => Workspace;
  triggers: Triggers;
  scenario: () => Scenario;
}): Promise<PlaygroundServer & { server: Server }> {
  const manifest = JSON.parse(await readFile(MANIFEST, "utf8")) as {
    features?: { slash_commands?: SlashCommand[] };
  };
  const commands = manifest.features?.slash_commands ?? [];
  const server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, { ok: false, error: String(err) });
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = url.pathname;
    if (req.method === "POST" && path.startsWith("/api/")) {
      const raw = await readBody(req);
      const params = parseWebApiParams(raw, req.headers["content-type"] ?? "");
      const bearer = /^Bearer (\S+)/.exec(req.headers.authorization ?? "")?.[1];
      const token = bearer ?? (str(params.token) || undefined);
      delete params.token;
      return send(res, 200, await opts.api.call(path.slice("/api/".length), params, token));
    }
    if (req.method === "POST" && path.startsWith("/upload/")) {
      const content = await readBytes(req, MAX_UPLOAD_BYTES);
      if (!opts.files.receive(decodeURIComponent(path.slice("/upload/".length)), content)) {
        return sendText(res, 404, "Not Found");
      }
      return sendText(res, 200, `OK - ${content.length}`);
    }
    if (req.method === "GET" && path.startsWith("/files/")) {
      return sendFile(res, opts.files, decodeURIComponent(path.slice("/files/".length)));
    }
    const ws = opts.workspace();
    if (req.method === "GET" && path === "/") {
      const viewer = viewerOr(url.searchParams.get("as"));
      const open = await visible(ws, viewer.id, url.searchParams.get("c"));
      const parts = await renderParts(ws, viewer, open, opts.scenario().status);
      return sendHtml(res, renderPage(parts, viewer, open, commands));
    }
    if (req.method === "GET" && ASSETS[path]) {
      const file = await readFile(new URL(path.slice("/static/".length), PUBLIC), "utf8");
      res.writeHead(200, { "content-type": ASSETS[path], "cache-control": "no-store" });
      res.end(file);
      return;
    }
    if (req.method === "GET" && path === "/favicon.ico") {
      res.writeHead(204);
      res.end();
      return;
    }
    if (req.method === "GET" && path === "/ui/version") {
      return send(res, 200, { version: ws.store.version });
    }
    if (req.method === "GET" && path === "/ui/parts") {
      const viewer = viewerOr(url.searchParams.get("as"));
      const open = await visible(ws, viewer.id, url.searchParams.get("c"));
      return send(res, 200, {
        version: ws.store.version,
        parts: await renderParts(ws, viewer, open, opts.scenario().status),
      });
    }
    if (req.method !== "POST") return send(res, 404, { ok: false, error: "not_found" });
    // The page posts JSON. Another site open in the same browser can only send a "simple"
    // request (a form's content types) without asking first, so it cannot act as anyone here.
    if (!path.startsWith("/response/") && !isJson(req)) {
      return send(res, 415, { ok: false, error: "the playground's page sends JSON" });
    }
    const raw = await readBody(req);
    if (path.startsWith("/response/")) {
      const target = opts.triggers.useResponseUrl(path.slice("/response/".length));
      if (!target) return send(res, 404, { ok: false, error: "expired_url" });
      const answer = await ws.respond(target, obj(raw ? JSON.parse(raw) : {}));
      return send(res, answer.ok === true ? 200 : 400, answer);
    }
    return ui(ws, path, obj(raw ? JSON.parse(raw) : {}), res);
  }

  async function ui(ws: Workspace, path: string, body: Json, res: ServerResponse) {
    const viewer = person(str(body.as))?.id;
    if (!viewer) return send(res, 400, { ok: false, error: "unknown person" });
    switch (path) {
      case "/ui/type":
        await ws.type(viewer, str(body.conversation), str(body.text));
        break;
      case "/ui/action":
        await ws.act(
          viewer,
          obj(body.source) as unknown as ActionSource,
          obj(body.action),
          obj(body.values),
        );
        break;
      case "/ui/submit":
        await ws.submit(viewer, str(body.viewId), obj(body.values));
        break;
      case "/ui/close":
        await ws.closeModal(viewer, str(body.viewId));
        break;
      case "/ui/home":
        await ws.openHome(viewer);
        break;
      case "/ui/clock": {
        const advance = str(body.advance) as Advance;
        // "To the next check-in" goes to the viewer's own when they are a mentee (what they are
        // waiting to see), else to the earliest of any pair.
        const moved =
          (advance === "next-checkin" ? await ws.clock.advance(advance, viewer) : null) ??
          (await ws.clock.advance(advance));
        return send(res, 200, { ok: moved !== null, now: moved?.toISOString() ?? null });
      }
      case "/ui/scenario":
        // Runs on; the page shows its progress.
        void opts.scenario().run();
        break;
      default:
        return send(res, 404, { ok: false, error: "not_found" });
    }
    return send(res, 200, { ok: true, version: ws.store.version });
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The conversation to show: the one asked for if the viewer is in it, else their app DM. */
async function visible(ws: Workspace, viewer: string, asked: string | null): Promise<string> {
  if (asked === HOME) return HOME;
  if (asked && (await ws.canSee(viewer, asked))) return asked;
  return `D${viewer.slice(1)}`;
}

async function readBody(req: IncomingMessage): Promise<string> {
  return (await readBytes(req, MAX_BODY_BYTES)).toString("utf8");
}

async function readBytes(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error("request body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

const isJson = (req: IncomingMessage) =>
  (req.headers["content-type"] ?? "").split(";")[0]?.trim() === "application/json";

function sendFile(res: ServerResponse, files: UploadedFiles, id: string): void {
  const file = files.get(id);
  if (!file?.content) {
    sendText(
      res,
      404,
      "This file is no longer here: the playground keeps uploaded files only while it runs.",
    );
    return;
  }
  const extension = file.filename.split(".").pop()?.toLowerCase() ?? "";
  res.writeHead(200, {
    "content-type": FILE_TYPES[extension] ?? "application/octet-stream",
    "content-disposition": `attachment; filename="${file.filename.replace(/[^\w.-]/g, "_")}"`,
  });
  res.end(file.content);
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
  res.end(text);
}

function send(res: ServerResponse, status: number, body: Json): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

function sendHtml(res: ServerResponse, html: string): void {
  res.writeHead(200, {
    "content-type": "text/html; charset=utf-8",
    // Loopback only: the page loads nothing from elsewhere.
    "content-security-policy":
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'",
  });
  res.end(html);
}
