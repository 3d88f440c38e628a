/**
 * What a person does in the playground (type a command, click, submit a modal, open the Home
 * tab) turned into the requests Slack would send the bot, and what the bot answers through
 * response_url or the ack body turned into what Slack would show.
 */
import { viewProblems } from "./block-kit/limits.js";
import { submissionErrorsProblems } from "./block-kit/view-shape.js";
import type { BotLink, BotReply } from "./bot-link.js";
import { BOT, CHANNELS, channel as channelById, dmId, dmOwner, PEOPLE } from "./cast.js";
import type { PlaygroundClock } from "./playground-clock.js";
import { type SlackWebApi, stampIds } from "./slack-web-api.js";
import type { Triggers } from "./triggers.js";
import { newViewHash } from "./view-hash.js";
import type { StoredMessage, WorkspaceStore } from "./workspace-store.js";

type Json = Record<string, unknown>;

/** The slash commands the app declares (as in manifests/*.json). */
export const COMMANDS = ["/mentor", "/progress"] as const;

export type ActionSource =
  | { kind: "message"; channel: string; ts: string }
  | { kind: "view"; viewId: string };

const obj = (v: unknown): Json => (v && typeof v === "object" ? (v as Json) : {});
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

export class Workspace {
  constructor(
    readonly store: WorkspaceStore,
    readonly api: SlackWebApi,
    readonly clock: PlaygroundClock,
    private readonly triggers: Triggers,
    private readonly link: BotLink,
    private readonly baseUrl: string,
  ) {}

  /** Whether `viewer` may read conversation `id`. */
  async canSee(viewer: string, id: string): Promise<boolean> {
    if (channelById(id)) return true;
    if (dmOwner(id)) return dmOwner(id) === viewer;
    return (await this.store.groupDm(id))?.includes(viewer) ?? false;
  }

  /** A line typed in the message box: a slash command, or a plain message. */
  async type(viewer: string, conversation: string, line: string): Promise<void> {
    const trimmed = line.trim();
    if (!trimmed || !(await this.canSee(viewer, conversation))) return;
    const match = /^(\/\S+)\s*([\s\S]*)$/.exec(trimmed);
    if (!match) {
      const message = {
        channel: conversation,
        ts: this.store.nextTs(this.clock.now()),
        user: viewer,
        text: escapeMentions(trimmed),
      };
      await this.store.addMessage(message);
      // The app hears only its own Messages tab (message.im); group DMs are people's own.
      if (conversation === dmId(viewer)) {
        await this.checked(
          "message",
          this.link.directMessage({
            userId: viewer,
            channelId: conversation,
            text: message.text,
            ts: message.ts,
          }),
        );
      }
      return;
    }
    const [, command = "", text = ""] = match;
    if (!(COMMANDS as readonly string[]).includes(command)) {
      await this.ephemeral(conversation, viewer, {
        text: `\`${command}\` is not a valid command. In Slack, all messages that start with the "/" character are interpreted as commands.`,
      });
      return;
    }
    const reply = await this.link.command({
      userId: viewer,
      command,
      text: escapeMentions(text),
      channelId: conversation,
      channelName: channelName(conversation),
      responseUrl: this.triggers.responseUrl(this.baseUrl, {
        channel: conversation,
        userId: viewer,
      }),
      triggerId: this.triggers.issue(viewer),
    });
    if (reply.status !== 200) {
      const why = reply.status === 0 ? "operation_timeout" : "dispatch_failed";
      await this.ephemeral(conversation, viewer, {
        text: `\`${command}\` failed with the error "${why}"`,
      });
      return;
    }
    // An ack with a body is shown like a response_url post (ephemeral unless in_channel).
    const body = parseBody(reply);
    if (body) await this.respond({ channel: conversation, userId: viewer }, body);
  }

  /** A click on a button, or a choice in a select, overflow or date picker. */
  async act(viewer: string, source: ActionSource, action: Json, values: Json = {}) {
    const triggerId = this.triggers.issue(viewer);
    if (source.kind === "message") {
      const message = await this.store.findMessage(source.channel, source.ts);
      if (!message || !(await this.canSee(viewer, source.channel))) return;
      if (message.ephemeralTo && message.ephemeralTo !== viewer) return;
      const target = { channel: source.channel, userId: viewer, sourceTs: source.ts };
      await this.checked(
        "block_actions",
        this.link.blockActions({
          userId: viewer,
          action,
          triggerId,
          isEphemeral: Boolean(message.ephemeralTo),
          message: {
            channelId: source.channel,
            channelName: channelName(source.channel),
            body: this.api.asSlack(message),
            responseUrl: this.triggers.responseUrl(this.baseUrl, target),
          },
        }),
      );
      return;
    }
    const view = await this.viewFor(viewer, source.viewId, values);
    if (!view) return;
    await this.checked(
      "block_actions",
      this.link.blockActions({ userId: viewer, action, triggerId, view }),
    );
  }

  /** Submits the top modal; applies the bot's response_action as Slack does. */
  async submit(viewer: string, viewId: string, values: Json): Promise<void> {
    const view = await this.viewFor(viewer, viewId, values);
    if (!view) return;
    const reply = await this.checked(
      "view_submission",
      this.link.viewSubmission({ userId: viewer, view, triggerId: this.triggers.issue(viewer) }),
    );
    if (!reply) return;
    const answer = parseBody(reply) ?? {};
    if (await this.refusedAck(view, answer)) return;
    await this.store.changeSurfaces(viewer, (surfaces) => {
      const at = surfaces.modals.findIndex((m) => m.id === viewId);
      const modal = surfaces.modals[at];
      if (!modal) return;
      switch (answer.response_action) {
        case "errors":
          modal.errors = Object.fromEntries(
            Object.entries(obj(answer.errors)).map(([block, message]) => [block, String(message)]),
          );
          break;
        case "update":
          modal.view = { ...obj(answer.view), blocks: stampIds(obj(answer.view).blocks) };
          modal.errors = {};
          modal.hash = newViewHash(this.clock.now());
          break;
        case "push":
          surfaces.modals.push({
            id: `${viewId}P${at}`,
            view: { ...obj(answer.view), blocks: stampIds(obj(answer.view).blocks) },
            errors: {},
            hash: newViewHash(this.clock.now()),
          });
          break;
        case "clear":
          surfaces.modals = [];
          break;
        default:
          surfaces.modals.splice(at, 1);
      }
    });
  }

  /**
   * Whether Slack would refuse the bot's answer to a submission: a view to update to or push
   * that breaks Slack's rules, or errors naming no input block of the submitted view. Slack
   * then leaves the modal as it was and tells the person it could not reach the app.
   */
  private async refusedAck(submitted: Json, answer: Json): Promise<boolean> {
    const action = answer.response_action;
    const problems =
      action === "update" || action === "push"
        ? viewProblems(answer.view, "views.push")
        : action === "errors"
          ? submissionErrorsProblems(answer.errors, submitted)
          : [];
    if (problems.length === 0) return false;
    await this.store.warn({ at: this.clock.now(), method: `view_submission ${action}`, problems });
    return true;
  }

  /** The modal's close button: back to the view below it, if any. */
  async closeModal(viewer: string, viewId: string): Promise<void> {
    await this.store.changeSurfaces(viewer, (surfaces) => {
      surfaces.modals = surfaces.modals.filter((m) => m.id !== viewId);
    });
  }

  async openHome(viewer: string): Promise<void> {
    const surfaces = await this.store.surfaces(viewer);
    const view =
      surfaces.home && surfaces.homeId
        ? this.api.viewResponse(surfaces.home, { id: surfaces.homeId, hash: surfaces.homeHash })
        : null;
    await this.checked("app_home_opened", this.link.appHomeOpened(viewer, view));
  }

  /** A post to a response_url (Bolt's respond()), or a command ack with a body. */
  async respond(
    target: { channel: string; userId: string; sourceTs?: string },
    body: Json,
  ): Promise<Json> {
    const refused = await this.api.refusedMessage("response_url", body.blocks);
    if (refused) return refused;
    const content: Partial<StoredMessage> = {
      text: str(body.text) ?? "",
      ...(Array.isArray(body.blocks) ? { blocks: stampIds(body.blocks) as unknown[] } : {}),
    };
    if (target.sourceTs && body.delete_original === true) {
      await this.store.deleteMessage(target.channel, target.sourceTs);
    } else if (target.sourceTs && body.replace_original === true) {
      await this.store.replaceMessage(target.channel, target.sourceTs, content);
    } else if (body.response_type === "in_channel") {
      await this.store.addMessage({
        channel: target.channel,
        ts: this.store.nextTs(this.clock.now()),
        user: BOT.userId,
        text: content.text ?? "",
        ...(content.blocks ? { blocks: content.blocks } : {}),
      });
    } else {
      await this.ephemeral(target.channel, target.userId, content);
    }
    return { ok: true };
  }

  private async ephemeral(channel: string, userId: string, content: Partial<StoredMessage>) {
    await this.store.addMessage({
      channel,
      ts: this.store.nextTs(this.clock.now()),
      user: BOT.userId,
      text: content.text ?? "",
      ephemeralTo: userId,
      ...(content.blocks ? { blocks: content.blocks } : {}),
    });
  }

  /** The view object for a payload, with what the person has entered so far. */
  private async viewFor(viewer: string, viewId: string, values: Json): Promise<Json | undefined> {
    const surfaces = await this.store.surfaces(viewer);
    const modal = surfaces.modals.find((m) => m.id === viewId);
    const rootId = surfaces.modals[0]?.id;
    const view = modal
      ? this.api.viewResponse(modal.view, modal, rootId)
      : surfaces.home && surfaces.homeId === viewId
        ? this.api.viewResponse(surfaces.home, { id: viewId, hash: surfaces.homeHash })
        : undefined;
    if (view) view.state = { values };
    return view;
  }

  /** Sends a request to the bot; a refusal (not 200) is shown on the page, like Slack's toast. */
  private async checked(what: string, sending: Promise<BotReply>): Promise<BotReply | undefined> {
    const reply = await sending;
    if (reply.status === 200) return reply;
    await this.store.warn({
      at: this.clock.now(),
      method: what,
      problems: [
        reply.status === 0
          ? "the bot did not answer within 10 seconds"
          : `the bot answered HTTP ${reply.status}`,
      ],
    });
    return undefined;
  }
}

/**
 * Typed text as Slack sends it: `&`, `<` and `>` as entities, then `@maria` → `<@U…|maria>` and
 * `#celebrations` → `<#C…|celebrations>` (should_escape: true).
 */
export function escapeMentions(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/(^|[\s(])@([a-z0-9._-]+)/gi, (whole, before: string, handle: string) => {
      const found = PEOPLE_BY_HANDLE.get(handle.toLowerCase());
      return found ? `${before}<@${found}|${handle.toLowerCase()}>` : whole;
    })
    .replace(/(^|[\s(])#([a-z0-9._-]+)/gi, (whole, before: string, name: string) => {
      const found = CHANNELS_BY_NAME.get(name.toLowerCase());
      return found ? `${before}<#${found}|${name.toLowerCase()}>` : whole;
    });
}

const PEOPLE_BY_HANDLE = new Map(PEOPLE.map((p) => [p.handle, p.id]));
const CHANNELS_BY_NAME = new Map(CHANNELS.map((c) => [c.name, c.id]));

/** Slack's channel_name: a fixed word for DMs and group DMs. */
export function channelName(id: string): string {
  if (dmOwner(id)) return "directmessage";
  return channelById(id)?.name ?? (id.startsWith("G") ? "mpdm" : "unknown");
}

function parseBody(reply: BotReply): Json | undefined {
  if (!reply.body) return undefined;
  try {
    const parsed = JSON.parse(reply.body);
    return typeof parsed === "string" ? { text: parsed } : obj(parsed);
  } catch {
    return { text: reply.body };
  }
}
