/**
 * The playground page, rendered on the server: a sidebar (who you are, the app, channels,
 * DMs), the open conversation or Home tab, the top modal, the clock panel and warnings.
 * The page's script swaps these parts in place when the workspace changes.
 */
import { COMMAND_HELP } from "../slack/messages/help.message.js";
import { escapeHtml, type RenderContext } from "./block-kit/mrkdwn.js";
import { renderBlocks, renderMessageBody, renderText } from "./block-kit/render.js";
import {
  BOT,
  CHANNELS,
  channel as channelById,
  displayName,
  dmId,
  dmOwner,
  PEOPLE,
  type PlaygroundPerson,
  person,
} from "./cast.js";
import type { Workspace } from "./workspace.js";
import type { OpenModal, StoredMessage } from "./workspace-store.js";

export const HOME = "home";

/** Parts of the page the script replaces by id. */
export interface Parts {
  nav: string;
  title: string;
  main: string;
  modal: string;
  clock: string;
  warnings: string;
  scenario: string;
}

export interface SlashCommand {
  command: string;
  usage_hint?: string;
  description?: string;
}

/** What `/` offers in the message box: the app's commands (from its manifest), then /mentor's. */
function hints(commands: readonly SlashCommand[]) {
  return [
    ...commands.map((c) => ({
      command: c.command,
      hint: c.usage_hint ?? "",
      description: c.description ?? "",
    })),
    ...COMMAND_HELP.map((c) => ({ command: c.usage, hint: "", description: c.what })),
  ];
}

export function renderContext(viewer: PlaygroundPerson, now: Date): RenderContext {
  return {
    viewerTz: viewer.tz,
    now,
    userName: displayName,
    channelName: (id) => channelById(id)?.name ?? id,
    people: PEOPLE.map((p) => ({ id: p.id, name: p.name })),
  };
}

export async function renderParts(
  ws: Workspace,
  viewer: PlaygroundPerson,
  open: string,
  scenario: readonly string[],
): Promise<Parts> {
  const now = ws.clock.now();
  const ctx = renderContext(viewer, now);
  const surfaces = await ws.store.surfaces(viewer.id);
  const top = surfaces.modals[surfaces.modals.length - 1];
  return {
    nav: await renderNav(ws, viewer, open),
    title: escapeHtml(titleOf(open)),
    main:
      open === HOME
        ? renderHome(surfaces.home, surfaces.homeId, ctx)
        : renderConversation(await ws.store.conversation(open, viewer.id), open, ctx),
    modal: top ? renderModal(top, surfaces.modals.length, ctx) : "",
    clock: renderClock(now, viewer),
    warnings: (await ws.store.warnings())
      .map(
        (w) =>
          `<li><strong>Slack would refuse ${escapeHtml(w.method)}</strong>: ${w.problems.map(escapeHtml).join("; ")}</li>`,
      )
      .join(""),
    scenario: scenario.map((line) => `<li>${escapeHtml(line)}</li>`).join(""),
  };
}

export function renderPage(
  parts: Parts,
  viewer: PlaygroundPerson,
  open: string,
  commands: readonly SlashCommand[],
): string {
  const you = PEOPLE.map(
    (p) =>
      `<option value="${p.id}"${p.id === viewer.id ? " selected" : ""}>${escapeHtml(p.name)} (${p.role})</option>`,
  ).join("");
  const composer =
    open === HOME
      ? ""
      : `<form id="composer" autocomplete="off"><ul id="hints" hidden></ul>
<input id="message-box" name="text" placeholder="Message ${escapeHtml(titleOf(open))} (type / for commands)"></form>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Mentorship playground</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/static/app.css"></head>
<body data-as="${viewer.id}" data-open="${escapeHtml(open)}">
<aside id="sidebar">
  <div class="workspace-name">Mentorship playground</div>
  <label class="you">You are: <select id="viewer">${you}</select></label>
  <nav id="nav">${parts.nav}</nav>
  <section class="clock-panel"><div id="clock">${parts.clock}</div>
    <div class="clock-buttons">
      <button type="button" data-clock="hour">Advance 1 hour</button>
      <button type="button" data-clock="day">Advance 1 day</button>
      <button type="button" data-clock="next-checkin">To the next check-in</button>
    </div>
    <div id="clock-note" role="status"></div>
    <button type="button" id="run-scenario">Run the scenario</button>
    <ol id="scenario" role="status">${parts.scenario}</ol>
  </section>
</aside>
<main>
  <header class="conversation-header"><h1 id="title">${parts.title}</h1></header>
  <ul id="warnings" role="alert">${parts.warnings}</ul>
  <div id="main">${parts.main}</div>
  ${composer}
</main>
<div id="modal">${parts.modal}</div>
<script type="application/json" id="command-hints">${JSON.stringify(hints(commands)).replace(/</g, "\\u003c")}</script>
<script src="/static/app.js"></script>
</body></html>`;
}

async function renderNav(ws: Workspace, viewer: PlaygroundPerson, open: string): Promise<string> {
  const groups = await ws.store.groupDmsOf(viewer.id);
  const dm = dmId(viewer.id);
  const link = (id: string, label: string) =>
    `<a href="/?as=${viewer.id}&amp;c=${encodeURIComponent(id)}" data-conversation="${escapeHtml(id)}"${id === open ? ' class="open" aria-current="page"' : ""}>${label}</a>`;
  return [
    '<h2 class="nav-title">Apps</h2>',
    link(HOME, `${escapeHtml(BOT.name)} · Home`),
    link(dm, `${escapeHtml(BOT.name)} · Messages`),
    '<h2 class="nav-title">Channels</h2>',
    ...CHANNELS.map((c) => link(c.id, `# ${escapeHtml(c.name)}`)),
    '<h2 class="nav-title">Group DMs</h2>',
    ...(groups.length
      ? groups.map((g) => link(g.id, escapeHtml(g.members.map(displayName).join(", "))))
      : ['<span class="empty">None yet</span>']),
  ].join("");
}

function renderConversation(messages: StoredMessage[], open: string, ctx: RenderContext) {
  if (messages.length === 0) {
    return `<div class="empty-conversation">No messages in ${escapeHtml(titleOf(open))} yet.</div>`;
  }
  return `<ol class="messages">${messages.map((m) => renderMessage(m, open, ctx)).join("")}</ol>`;
}

function renderMessage(m: StoredMessage, open: string, ctx: RenderContext): string {
  const at = new Date(Number(m.ts.split(".")[0]) * 1000);
  const time = new Intl.DateTimeFormat("en-US", {
    timeZone: ctx.viewerTz,
    weekday: "short",
    hour: "numeric",
    minute: "2-digit",
  }).format(at);
  const isBot = m.user === BOT.userId;
  const source = escapeHtml(JSON.stringify({ kind: "message", channel: open, ts: m.ts }));
  const body = isBot
    ? renderMessageBody({ text: m.text, blocks: m.blocks ?? [] }, ctx)
    : renderText({ type: "mrkdwn", text: m.text }, ctx);
  return `<li class="message${m.ephemeralTo ? " ephemeral" : ""}" data-ts="${m.ts}" data-source="${source}">
<div class="author">${escapeHtml(displayName(m.user))}${isBot ? ' <span class="app-badge">APP</span>' : ""} <time>${escapeHtml(time)}</time>${m.edited ? ' <span class="edited">(edited)</span>' : ""}</div>
<div class="body">${body}${renderFiles(m.files)}</div>${m.ephemeralTo ? '<div class="only-you">Only visible to you</div>' : ""}</li>`;
}

function renderFiles(files: StoredMessage["files"]): string {
  if (!files?.length) return "";
  const links = files.map(
    (f) =>
      `<li><a href="/files/${encodeURIComponent(f.id)}" download="${escapeHtml(f.name)}">${escapeHtml(f.title)}</a> <span class="file-size">${escapeHtml(f.name)}, ${fileSize(f.size)}</span></li>`,
  );
  return `<ul class="files">${links.join("")}</ul>`;
}

const fileSize = (bytes: number) =>
  bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(bytes < 10_240 ? 1 : 0)} KB`;

function renderHome(
  home: Record<string, unknown> | null,
  homeId: string | null,
  ctx: RenderContext,
) {
  if (!home || !homeId) {
    return '<div class="home empty-conversation">The app has not published a Home tab for you yet.</div>';
  }
  const source = escapeHtml(JSON.stringify({ kind: "view", viewId: homeId }));
  return `<div class="home" data-source="${source}">${renderBlocks(home.blocks, ctx, "home")}</div>`;
}

function renderModal(modal: OpenModal, depth: number, ctx: RenderContext): string {
  const view = modal.view;
  let body = renderBlocks(view.blocks, ctx, "modal");
  for (const [blockId, message] of Object.entries(modal.errors)) {
    body = body.replace(
      `data-error-for="${escapeHtml(blockId)}"></div>`,
      `data-error-for="${escapeHtml(blockId)}">${escapeHtml(message)}</div>`,
    );
  }
  const text = (v: unknown, fallback: string) =>
    escapeHtml(String((v as { text?: unknown } | undefined)?.text ?? fallback));
  const submit = view.submit
    ? `<button type="submit" class="bk-button bk-primary">${text(view.submit, "Submit")}</button>`
    : "";
  const source = escapeHtml(JSON.stringify({ kind: "view", viewId: modal.id }));
  return `<div class="backdrop"><form class="modal" role="dialog" aria-modal="true" aria-label="${text(view.title, "")}" data-view-id="${modal.id}" data-source="${source}" data-depth="${depth}">
<header><h2>${text(view.title, "")}</h2><button type="button" class="close-modal" aria-label="Close">×</button></header>
<div class="modal-body">${body}</div>
<footer><button type="button" class="bk-button close-modal">${text(view.close, "Cancel")}</button>${submit}</footer></form></div>`;
}

function renderClock(now: Date, viewer: PlaygroundPerson): string {
  const inZone = (tz: string) =>
    new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      weekday: "short",
      month: "short",
      day: "numeric",
      year: "numeric",
      hour: "numeric",
      minute: "2-digit",
    }).format(now);
  return `<div class="clock-label">Bot time</div><div class="clock-time" data-iso="${now.toISOString()}">${escapeHtml(inZone(viewer.tz))}</div>
<div class="clock-zone">${escapeHtml(viewer.name)}'s zone: ${escapeHtml(viewer.tz)} · UTC ${escapeHtml(now.toISOString().slice(0, 16).replace("T", " "))}</div>`;
}

export function titleOf(open: string): string {
  if (open === HOME) return `${BOT.name} · Home`;
  const found = channelById(open);
  if (found) return `#${found.name}`;
  if (dmOwner(open)) return `${BOT.name} · Messages`;
  return "Group DM";
}

export const viewerOr = (id: string | null): PlaygroundPerson =>
  person(id ?? "") ?? (PEOPLE[1] as PlaygroundPerson);
