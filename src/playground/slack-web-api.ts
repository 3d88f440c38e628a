/**
 * The Slack Web API methods the bot calls, answered as Slack answers them (same shapes, same
 * error codes) against the playground workspace. Calls Slack would refuse are refused here
 * too, and shown on the page as warnings, so the playground catches what Slack would not take.
 */
import { createHash, randomBytes } from "node:crypto";
import { messageProblems, postedTextProblems, viewProblems } from "./block-kit/limits.js";
import {
  APP_ID,
  BOT,
  channel as channelById,
  dmId,
  dmOwner,
  PEOPLE,
  person,
  TEAM_ID,
  tzOffsetSeconds,
} from "./cast.js";
import type { Triggers } from "./triggers.js";
import type { UploadedFiles } from "./uploaded-files.js";
import { isStaleViewHash, newViewHash } from "./view-hash.js";
import { carriesNoText } from "./web-api-params.js";
import type { OpenModal, StoredMessage, WorkspaceStore } from "./workspace-store.js";

type Json = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const obj = (v: unknown): Json => (v && typeof v === "object" ? (v as Json) : {});
const fail = (error: string, extra: Json = {}): Json => ({ ok: false, error, ...extra });

/** How many modals Slack stacks at most. */
const MAX_MODAL_STACK = 3;

export class SlackWebApi {
  constructor(
    private readonly store: WorkspaceStore,
    private readonly triggers: Triggers,
    private readonly botToken: string,
    private readonly now: () => Date,
    private readonly files: UploadedFiles,
    /** The playground's address, for upload URLs: known once its server listens. */
    private readonly baseUrl: () => string,
  ) {}

  async call(method: string, params: Json, token: string | undefined): Promise<Json> {
    if (!token) return fail("not_authed");
    if (token !== this.botToken) return fail("invalid_auth");
    switch (method) {
      case "auth.test":
        return {
          ok: true,
          url: "http://127.0.0.1/",
          team: "Playground",
          user: "mentorship",
          team_id: TEAM_ID,
          user_id: BOT.userId,
          bot_id: BOT.botId,
          is_enterprise_install: false,
        };
      case "users.info":
        return this.usersInfo(str(params.user) ?? "");
      case "users.list":
        return this.usersList(params);
      case "conversations.open":
        return this.conversationsOpen(params);
      case "conversations.join":
        return this.conversationsJoin(str(params.channel) ?? "");
      case "conversations.info":
        return this.conversationsInfo(str(params.channel) ?? "");
      case "conversations.history":
        return this.conversationsHistory(params);
      case "chat.postMessage":
        return this.postMessage(params);
      case "chat.postEphemeral":
        return this.postEphemeral(params);
      case "chat.update":
        return this.update(params);
      case "views.open":
      case "views.push":
        return this.openView(method, params);
      case "views.update":
        return this.updateView(params);
      case "views.publish":
        return this.publish(params);
      case "files.getUploadURLExternal":
        return this.uploadUrl(params);
      case "files.completeUploadExternal":
        return this.completeUpload(params);
      default:
        return fail("unknown_method");
    }
  }

  /** Checks a message the bot posts through a response_url; null when Slack would take it. */
  async refusedMessage(method: string, blocks: unknown): Promise<Json | null> {
    const refused = await this.refuse(method, "invalid_blocks", messageProblems(blocks));
    if (refused || !["chat.postMessage", "chat.update"].includes(method)) return refused;
    return this.refuse(method, "msg_blocks_too_long", postedTextProblems(blocks));
  }

  private async refuse(method: string, error: string, problems: string[]): Promise<Json | null> {
    if (problems.length === 0) return null;
    await this.store.warn({ at: this.now(), method, problems });
    return fail(error, { errors: problems, response_metadata: { messages: problems } });
  }

  private usersInfo(id: string): Json {
    const user = this.userObject(id);
    return user ? { ok: true, user } : fail("user_not_found");
  }

  /**
   * The bot and the cast, `limit` at a time (the periodic profile walk), each as users.info
   * shows them. The cursor is the next member's id, as opaque to the bot as Slack's.
   */
  private usersList(p: Json): Json {
    const ids = [BOT.userId, ...PEOPLE.map((known) => known.id)];
    const cursor = str(p.cursor) ?? "";
    const start = cursor ? ids.indexOf(Buffer.from(cursor, "base64").toString("utf8")) : 0;
    if (start < 0) return fail("invalid_cursor");
    const limit = Number(p.limit ?? 0) || ids.length;
    const next = ids[start + limit];
    return {
      ok: true,
      members: ids.slice(start, start + limit).map((id) => this.userObject(id)),
      response_metadata: { next_cursor: next ? Buffer.from(next).toString("base64") : "" },
    };
  }

  private userObject(id: string): Json | null {
    const known = person(id);
    if (id === BOT.userId) return { id, team_id: TEAM_ID, name: "mentorship", is_bot: true };
    if (!known) return null;
    return {
      id,
      team_id: TEAM_ID,
      name: known.handle,
      deleted: false,
      real_name: known.name,
      tz: known.tz,
      tz_label: known.tz,
      tz_offset: tzOffsetSeconds(known.tz, this.now()),
      is_admin: known.role === "admin",
      is_bot: false,
      is_app_user: false,
      profile: {
        real_name: known.name,
        display_name: known.handle,
        email: `${known.handle}@playground.invalid`,
        team: TEAM_ID,
      },
    };
  }

  private async conversationsOpen(p: Json): Promise<Json> {
    const users = (Array.isArray(p.users) ? p.users.map(String) : (str(p.users) ?? "").split(","))
      .map((u) => u.trim())
      .filter(Boolean);
    if (users.length === 0) return fail("users_list_not_supplied");
    if (users.some((u) => !person(u))) return fail("user_not_found");
    const [only] = users;
    if (users.length === 1 && only) return { ok: true, channel: { id: dmId(only) } };
    if (users.length > 8) return fail("too_many_users");
    const members = [...new Set(users)].sort();
    const digest = createHash("sha1").update(members.join(",")).digest("hex");
    const id = `G${digest.slice(0, 10).toUpperCase()}`;
    await this.store.saveGroupDm(id, members);
    return { ok: true, channel: { id } };
  }

  private async conversationsJoin(id: string): Promise<Json> {
    if (id.startsWith("D") || id.startsWith("G")) {
      return fail("method_not_supported_for_channel_type");
    }
    const found = channelById(id);
    if (!found) return fail("channel_not_found");
    await this.store.join(id);
    return { ok: true, channel: { id, name: found.name, is_channel: true, is_member: true } };
  }

  private async conversationsInfo(id: string): Promise<Json> {
    const found = channelById(id);
    if (found) {
      const isMember = await this.store.hasJoined(id);
      return {
        ok: true,
        channel: { id, name: found.name, is_channel: true, is_private: false, is_member: isMember },
      };
    }
    if (dmOwner(id)) return { ok: true, channel: { id, is_im: true, user: dmOwner(id) } };
    if (await this.store.groupDm(id)) return { ok: true, channel: { id, is_mpim: true } };
    return fail("channel_not_found");
  }

  /** Where a message to `target` lands, or the error Slack gives. */
  private async resolveChannel(target: string): Promise<{ id: string } | { error: string }> {
    if (person(target)) return { id: dmId(target) };
    if (dmOwner(target)) return { id: target };
    if (await this.store.groupDm(target)) return { id: target };
    if (channelById(target)) {
      return (await this.store.hasJoined(target)) ? { id: target } : { error: "not_in_channel" };
    }
    return { error: "channel_not_found" };
  }

  private async postMessage(p: Json): Promise<Json> {
    const where = await this.resolveChannel(str(p.channel) ?? "");
    if ("error" in where) return fail(where.error);
    if (carriesNoText(p)) return fail("no_text");
    const refused = await this.refusedMessage("chat.postMessage", p.blocks);
    if (refused) return refused;
    const message: StoredMessage = {
      channel: where.id,
      ts: this.store.nextTs(this.now()),
      user: BOT.userId,
      text: str(p.text) ?? "",
      ...(Array.isArray(p.blocks) ? { blocks: stampIds(p.blocks) as unknown[] } : {}),
      ...(p.metadata && typeof p.metadata === "object" ? { metadata: obj(p.metadata) } : {}),
    };
    await this.store.addMessage(message);
    return { ok: true, channel: where.id, ts: message.ts, message: this.asSlack(message) };
  }

  /**
   * A conversation's messages newest first, between `oldest` and `latest` (or the cursor), as
   * the bot reads them to find a message it sent before a restart (by its metadata, which only
   * `include_all_metadata` returns). Ephemeral messages are not kept by Slack.
   */
  private async conversationsHistory(p: Json): Promise<Json> {
    const channel = str(p.channel) ?? "";
    const where = await this.resolveChannel(channel);
    if ("error" in where || person(channel)) {
      return fail("error" in where ? where.error : "channel_not_found");
    }
    const cursor = str(p.cursor);
    const fromCursor = cursor
      ? /^next_ts:(\d+\.\d+)$/.exec(Buffer.from(cursor, "base64").toString("utf8"))?.[1]
      : undefined;
    if (cursor && !fromCursor) return fail("invalid_cursor");
    const limit = Math.min(Math.max(Math.trunc(Number(p.limit ?? 100)) || 100, 1), 999);
    const found = await this.store.history(where.id, {
      oldest: str(p.oldest) ?? "0",
      before: fromCursor ?? str(p.latest),
      limit: limit + 1,
    });
    const page = found.slice(0, limit);
    const withMetadata = ["true", "1", true].includes(p.include_all_metadata as string);
    const last = page.at(-1);
    return {
      ok: true,
      messages: page.map((m) => this.asSlack(m, withMetadata)),
      has_more: found.length > limit,
      pin_count: 0,
      ...(found.length > limit && last
        ? {
            response_metadata: {
              next_cursor: Buffer.from(`next_ts:${last.ts}`).toString("base64"),
            },
          }
        : {}),
    };
  }

  /** Slack requires `filename` and a whole-number `length`; anything else is invalid_arguments. */
  private uploadUrl(p: Json): Json {
    const filename = str(p.filename);
    const length = Number(p.length);
    if (!filename || p.length === undefined || !Number.isInteger(length) || length < 0) {
      return fail("invalid_arguments");
    }
    const file = this.files.reserve(filename, length);
    return { ok: true, upload_url: `${this.baseUrl()}/upload/${file.id}`, file_id: file.id };
  }

  /**
   * Shares uploaded files in a conversation, as a message of the bot's with the comment; an id
   * never handed out, or never uploaded to, is file_not_found. Without a channel Slack keeps
   * the files private to the app: nothing shows.
   */
  private async completeUpload(p: Json): Promise<Json> {
    const wanted = Array.isArray(p.files) ? p.files.map(obj) : [];
    if (wanted.length === 0 || wanted.some((f) => !str(f.id))) return fail("invalid_arguments");
    const files = wanted.map((f) => this.files.get(str(f.id) ?? ""));
    if (files.some((f) => !f?.content)) return fail("file_not_found");
    const shared = wanted.map((f, i) => ({
      id: str(f.id) ?? "",
      name: files[i]?.filename ?? "",
      title: str(f.title) ?? files[i]?.filename ?? "",
      size: files[i]?.content?.length ?? 0,
    }));
    const channel = str(p.channel_id);
    if (channel) {
      const where = await this.resolveChannel(channel);
      if ("error" in where) return fail(where.error);
      await this.store.addMessage({
        channel: where.id,
        ts: this.store.nextTs(this.now()),
        user: BOT.userId,
        text: str(p.initial_comment) ?? "",
        files: shared,
      });
    }
    return { ok: true, files: shared.map(({ id, title }) => ({ id, title })) };
  }

  private async postEphemeral(p: Json): Promise<Json> {
    const where = await this.resolveChannel(str(p.channel) ?? "");
    if ("error" in where) return fail(where.error);
    const user = str(p.user) ?? "";
    if (!person(user)) return fail("user_not_in_channel");
    if (carriesNoText(p)) return fail("no_text");
    const refused = await this.refusedMessage("chat.postEphemeral", p.blocks);
    if (refused) return refused;
    const ts = this.store.nextTs(this.now());
    await this.store.addMessage({
      channel: where.id,
      ts,
      user: BOT.userId,
      text: str(p.text) ?? "",
      ephemeralTo: user,
      ...(Array.isArray(p.blocks) ? { blocks: stampIds(p.blocks) as unknown[] } : {}),
    });
    return { ok: true, message_ts: ts };
  }

  private async update(p: Json): Promise<Json> {
    const channelId = str(p.channel) ?? "";
    const ts = str(p.ts) ?? "";
    const found = await this.store.findMessage(channelId, ts);
    if (!found) return fail("message_not_found");
    if (found.user !== BOT.userId || found.ephemeralTo) return fail("cant_update_message");
    if (carriesNoText(p)) return fail("no_text");
    const refused = await this.refusedMessage("chat.update", p.blocks);
    if (refused) return refused;
    const change: Partial<StoredMessage> = {
      text: str(p.text) ?? found.text,
      ...(Array.isArray(p.blocks) ? { blocks: stampIds(p.blocks) as unknown[] } : {}),
    };
    await this.store.replaceMessage(channelId, ts, change);
    return {
      ok: true,
      channel: channelId,
      ts,
      text: change.text,
      message: this.asSlack({ ...found, ...change }),
    };
  }

  private async openView(method: "views.open" | "views.push", p: Json): Promise<Json> {
    const trigger = this.triggers.take(str(p.trigger_id) ?? "");
    if ("error" in trigger) return fail(trigger.error);
    const { userId, lateMs } = trigger;
    if (lateMs !== undefined) {
      await this.store.warn({
        at: this.now(),
        method,
        problems: [
          `expired_trigger_id: it came ${lateMs} ms after the interaction; Slack allows 3000 ms`,
        ],
      });
    }
    const refused = await this.refuse(method, "invalid_arguments", viewProblems(p.view, method));
    const view = stampView(obj(p.view));
    if (refused) return refused;
    const id = newViewId();
    const opened = { id, view, errors: {}, hash: newViewHash(this.now()) };
    return this.store.changeSurfaces(userId, (surfaces): Json => {
      if (method === "views.push" && surfaces.modals.length === 0) return fail("not_found");
      if (method === "views.push" && surfaces.modals.length >= MAX_MODAL_STACK) {
        return fail("push_limit_reached");
      }
      surfaces.modals = method === "views.open" ? [opened] : [...surfaces.modals, opened];
      return { ok: true, view: this.viewResponse(view, opened, surfaces.modals[0]?.id ?? id) };
    });
  }

  private async updateView(p: Json): Promise<Json> {
    const viewId = str(p.view_id);
    const externalId = str(p.external_id);
    if (!viewId && !externalId) return fail("invalid_arguments");
    const problems = viewProblems(p.view, "views.update");
    const refused = await this.refuse("views.update", "invalid_arguments", problems);
    const view = stampView(obj(p.view));
    if (refused) return refused;
    const matches = (m: OpenModal) =>
      m.id === viewId || (externalId !== undefined && m.view.external_id === externalId);
    const owner = (await this.store.allSurfaces()).find(
      (s) => s.modals.some(matches) || (viewId !== undefined && s.homeId === viewId),
    );
    if (!owner) return fail("not_found");
    // Checked under the person's lock: of two updates from one copy of the view, one lands.
    return this.store.changeSurfaces(owner._id, (surfaces): Json => {
      const modal = surfaces.modals.find(matches);
      if (modal) {
        if (isStaleViewHash(p.hash, modal.hash)) return fail("hash_conflict");
        modal.view = view;
        modal.errors = {};
        modal.hash = newViewHash(this.now());
        return { ok: true, view: this.viewResponse(view, modal, surfaces.modals[0]?.id) };
      }
      if (surfaces.homeId && surfaces.homeId === viewId) {
        if (isStaleViewHash(p.hash, surfaces.homeHash)) return fail("hash_conflict");
        surfaces.home = view;
        surfaces.homeHash = newViewHash(this.now());
        return {
          ok: true,
          view: this.viewResponse(view, { id: surfaces.homeId, hash: surfaces.homeHash }),
        };
      }
      return fail("not_found");
    });
  }

  private async publish(p: Json): Promise<Json> {
    const userId = str(p.user_id) ?? "";
    if (!person(userId)) return fail("invalid_arguments");
    const problems = viewProblems(p.view, "views.publish");
    const refused = await this.refuse("views.publish", "invalid_arguments", problems);
    const view = stampView(obj(p.view));
    if (refused) return refused;
    return this.store.changeSurfaces(userId, (surfaces) => {
      surfaces.home = view;
      surfaces.homeId = surfaces.homeId ?? newViewId();
      surfaces.homeHash = newViewHash(this.now());
      return {
        ok: true,
        view: this.viewResponse(view, { id: surfaces.homeId, hash: surfaces.homeHash }),
      };
    });
  }

  /**
   * The view object Slack returns, and sends back in interaction payloads, with its latest hash
   * (a view stored before hashes were kept gets one no update is checked against).
   */
  viewResponse(view: Json, { id, hash }: ViewIdentity, rootId = id): Json {
    return {
      id,
      team_id: TEAM_ID,
      type: view.type,
      blocks: view.blocks ?? [],
      private_metadata: view.private_metadata ?? "",
      callback_id: view.callback_id ?? "",
      external_id: view.external_id ?? "",
      state: { values: {} },
      hash: hash ?? newViewHash(this.now()),
      title: view.title ?? null,
      clear_on_close: view.clear_on_close ?? false,
      notify_on_close: view.notify_on_close ?? false,
      close: view.close ?? null,
      submit: view.submit ?? null,
      previous_view_id: null,
      root_view_id: rootId,
      app_id: APP_ID,
      app_installed_team_id: TEAM_ID,
      bot_id: BOT.botId,
    };
  }

  asSlack(message: StoredMessage, withMetadata = false): Json {
    return {
      type: "message",
      user: message.user,
      ...(message.user === BOT.userId ? { bot_id: BOT.botId, app_id: APP_ID } : {}),
      team: TEAM_ID,
      text: message.text,
      ts: message.ts,
      blocks: message.blocks ?? [],
      ...(withMetadata && message.metadata ? { metadata: message.metadata } : {}),
      ...(message.files ? { files: message.files } : {}),
    };
  }
}

/** Slack gives every block a block_id (and element an action_id) the app left out. */
export function stampIds(blocks: unknown): unknown {
  if (!Array.isArray(blocks)) return blocks;
  return blocks.map((raw, i) => {
    const block = { ...obj(raw) };
    block.block_id = str(block.block_id) ?? `b${i}-${randomBytes(3).toString("hex")}`;
    const stamp = (e: unknown, j: number) => {
      const el = obj(e);
      return el.type && !el.action_id && el.type !== "image" && !String(el.type).endsWith("text")
        ? { ...el, action_id: `a${i}-${j}` }
        : el;
    };
    if (Array.isArray(block.elements) && block.type === "actions") {
      block.elements = block.elements.map(stamp);
    }
    if (block.accessory) block.accessory = stamp(block.accessory, 0);
    if (block.element) block.element = stamp(block.element, 0);
    return block;
  });
}

/** A view as stored: its blocks stamped with ids, like Slack's copy. */
const stampView = (view: Json): Json => ({ ...view, blocks: stampIds(view.blocks) });

const newViewId = () => `V${randomBytes(5).toString("hex").toUpperCase()}`;

/** What names one version of a view: its id, and the hash of its latest write. */
export interface ViewIdentity {
  id: string;
  hash?: string | null | undefined;
}
