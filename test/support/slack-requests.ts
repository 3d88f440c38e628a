/**
 * SlackRequests: sends signed requests shaped like Slack's to the running Bolt app
 * (`POST <appUrl>/slack/events`). Shapes follow the samples in test/fixtures/slack/payloads/:
 * slash commands are form bodies, interactions are form bodies with `payload=<JSON>`,
 * events are JSON `event_callback` envelopes.
 */
import { randomBytes } from "node:crypto";
import { submissionErrorsProblems } from "../../src/playground/block-kit/view-shape.js";
import { signSlackRequest } from "../../src/playground/slack-signature.js";
import { viewProblems } from "./block-kit-limits.js";
import { APP_ID, BOT_ID, BOT_USER_ID, isReply, type SlackDouble } from "./slack-double.js";

type Json = Record<string, unknown>;

// The playground signs its requests to the bot the same way.
export { signSlackRequest };

export interface SlackRequestsOptions {
  appUrl: string;
  signingSecret: string;
  double: SlackDouble;
  teamId?: string;
  /** Current Unix time in SECONDS; used for signatures and payload timestamps. */
  clock?: () => number;
}

export interface BlockActionInput {
  actionId: string;
  value?: string;
  blockId?: string;
  /** Element type; defaults to "button" (or "static_select" with selectedOption). */
  type?: string;
  /** The message holding the button. Without message or view, a bot DM message is assumed. */
  message?: { ts: string; channelId: string; text?: string; blocks?: unknown[] };
  /** The view (modal or home tab) holding the element. */
  view?: Json;
  selectedOption?: { value: string; text?: string };
}

export interface ViewSubmissionInput {
  callbackId: string;
  privateMetadata?: string;
  /** `view.state.values`: block_id → action_id → element state. */
  values: Record<string, Record<string, unknown>>;
  /** Defaults to the id of the last view with this callback_id the app opened on the double. */
  id?: string;
}

export interface SentRequest {
  status: number;
  body: string;
}

const FORM = "application/x-www-form-urlencoded";
// Slack still sends the deprecated verification token; Bolt ignores it.
const VERIFICATION_TOKEN = "verification-token-not-checked";

interface CommandOptions {
  command?: string;
  channelId?: string;
  userName?: string;
}

export class SlackRequests {
  private readonly appUrl: string;
  private readonly signingSecret: string;
  private readonly double: SlackDouble;
  private readonly teamId: string;
  private readonly clock: () => number;
  private seq = 0;

  constructor(opts: SlackRequestsOptions) {
    this.appUrl = opts.appUrl.replace(/\/$/, "");
    this.signingSecret = opts.signingSecret;
    this.double = opts.double;
    this.teamId = opts.teamId ?? "T0001";
    this.clock = opts.clock ?? (() => Math.floor(Date.now() / 1000));
  }

  /** A slash command, by default `/mentor` typed in the user's DM with the bot. */
  async command(
    userId: string,
    text: string,
    opts: CommandOptions = {},
  ): Promise<SentRequest & { responseUrl: string }> {
    const { body, responseUrl } = this.commandBody(userId, text, opts);
    const res = await this.post(body, FORM);
    return { ...res, responseUrl };
  }

  /** The form body of `command()`, unsent: for tests that sign (or mis-sign) it themselves. */
  commandBody(
    userId: string,
    text: string,
    opts: CommandOptions = {},
  ): { body: string; responseUrl: string } {
    const responseUrl = this.double.responseUrl(`command-${this.next()}`);
    const channelId = opts.channelId ?? this.double.dmChannelId(userId);
    // Field order as Slack sends it (see test/fixtures/slack/signing/slash_command.signed-body.form.txt).
    const form = new URLSearchParams({
      token: VERIFICATION_TOKEN,
      team_id: this.teamId,
      team_domain: "mentorship-test",
      channel_id: channelId,
      channel_name: channelName(channelId),
      user_id: userId,
      user_name: opts.userName ?? this.userName(userId),
      command: opts.command ?? "/mentor",
      text: asSlackSendsIt(text),
      api_app_id: APP_ID,
      is_enterprise_install: "false",
      response_url: responseUrl,
      trigger_id: this.triggerId(),
    });
    return { body: form.toString(), responseUrl };
  }

  /**
   * A `block_actions` interaction. `responseUrl` is "" for view containers: Slack sends no
   * response_url for actions in modals or the home tab.
   */
  async blockAction(
    userId: string,
    action: BlockActionInput,
  ): Promise<SentRequest & { responseUrl: string }> {
    const now = this.clock();
    const message =
      action.message ??
      (action.view
        ? undefined
        : { ts: "1700000000.000100", channelId: this.double.dmChannelId(userId) });
    const responseUrl = message ? this.double.responseUrl(`action-${this.next()}`) : "";
    const element: Json = {
      action_id: action.actionId,
      block_id: action.blockId ?? "actions",
      text: { type: "plain_text", text: "Button", emoji: true },
      type: action.type ?? (action.selectedOption ? "static_select" : "button"),
      action_ts: `${now}.000100`,
    };
    if (action.value !== undefined) element.value = action.value;
    if (action.selectedOption) {
      const { value, text = value } = action.selectedOption;
      delete element.text;
      element.selected_option = { text: { type: "plain_text", text, emoji: true }, value };
    }
    const payload: Json = {
      type: "block_actions",
      user: this.user(userId),
      api_app_id: APP_ID,
      token: VERIFICATION_TOKEN,
      container: message
        ? {
            type: "message",
            message_ts: message.ts,
            channel_id: message.channelId,
            is_ephemeral: false,
          }
        : { type: "view", view_id: action.view?.id ?? "" },
      trigger_id: this.triggerId(),
      team: { id: this.teamId, domain: "mentorship-test" },
      enterprise: null,
      is_enterprise_install: false,
      state: { values: {} },
      actions: [element],
    };
    if (message) {
      payload.channel = { id: message.channelId, name: channelName(message.channelId) };
      payload.message = {
        type: "message",
        user: BOT_USER_ID,
        bot_id: BOT_ID,
        team: this.teamId,
        text: message.text ?? "",
        ts: message.ts,
        blocks: message.blocks ?? [],
      };
      payload.response_url = responseUrl;
    }
    if (action.view) payload.view = action.view;
    const res = await this.post(formPayload(payload), FORM);
    return { ...res, responseUrl };
  }

  /** A `view_submission`; `json` is Bolt's ack body parsed (e.g. `{ response_action: "errors" }`). */
  async viewSubmission(
    userId: string,
    view: ViewSubmissionInput,
  ): Promise<SentRequest & { json: unknown }> {
    const opened = this.openedView(view.callbackId);
    const id = view.id ?? str(opened?.id) ?? `V${String(this.next()).padStart(8, "0")}`;
    const payload: Json = {
      type: "view_submission",
      team: { id: this.teamId, domain: "mentorship-test" },
      user: this.user(userId),
      api_app_id: APP_ID,
      token: VERIFICATION_TOKEN,
      trigger_id: this.triggerId(),
      view: {
        id,
        team_id: this.teamId,
        type: "modal",
        blocks: opened?.blocks ?? [],
        private_metadata: view.privateMetadata ?? str(opened?.private_metadata) ?? "",
        callback_id: view.callbackId,
        state: { values: view.values },
        hash: `${this.clock()}.${randomBytes(4).toString("hex")}`,
        title: opened?.title ?? { type: "plain_text", text: "Mentorship" },
        clear_on_close: false,
        notify_on_close: false,
        close: opened?.close ?? null,
        submit: opened?.submit ?? { type: "plain_text", text: "Submit" },
        previous_view_id: null,
        root_view_id: id,
        app_id: APP_ID,
        external_id: str(opened?.external_id) ?? "",
        app_installed_team_id: this.teamId,
        bot_id: BOT_ID,
      },
      response_urls: [],
      enterprise: null,
      is_enterprise_install: false,
    };
    const res = await this.post(formPayload(payload), FORM);
    const json: unknown = res.body ? JSON.parse(res.body) : undefined;
    // Without a view the app opened, the test's values name the input blocks, as Slack's would.
    const inputs = opened ? { blocks: opened.blocks } : inputsOf(view.values);
    const refused = refusedAck(json, inputs);
    if (refused.length > 0) {
      throw new Error(`Slack would refuse this view_submission ack:\n${refused.join("\n")}`);
    }
    return { ...res, json };
  }

  /** An Events API `event_callback` envelope around `event`; retries set Slack's retry headers. */
  async event(
    event: Json,
    opts: { eventId?: string; retryNum?: number; retryReason?: string } = {},
  ): Promise<SentRequest> {
    const now = this.clock();
    const envelope = {
      token: VERIFICATION_TOKEN,
      team_id: this.teamId,
      context_team_id: this.teamId,
      context_enterprise_id: null,
      api_app_id: APP_ID,
      event: { event_ts: `${now}.000200`, ...event },
      type: "event_callback",
      event_id: opts.eventId ?? `Ev${now}${String(this.next()).padStart(4, "0")}`,
      event_time: now,
      authorizations: [
        {
          enterprise_id: null,
          team_id: this.teamId,
          user_id: BOT_USER_ID,
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
      is_ext_shared_channel: false,
      event_context: `4-${Buffer.from(`${this.teamId}:${now}`).toString("base64url")}`,
    };
    const extra: Record<string, string> = {};
    if (opts.retryNum !== undefined) extra["X-Slack-Retry-Num"] = String(opts.retryNum);
    if (opts.retryReason !== undefined) extra["X-Slack-Retry-Reason"] = opts.retryReason;
    return this.post(JSON.stringify(envelope), "application/json", extra);
  }

  /** Posts `body` with exactly `headers` (no signing): for forged or stale request tests. */
  async raw(body: string, headers: Record<string, string>): Promise<SentRequest> {
    const res = await fetch(`${this.appUrl}/slack/events`, { method: "POST", headers, body });
    const sent = { status: res.status, body: await res.text() };
    this.noteAckReply(body, sent);
    return sent;
  }

  /** Slack shows a command's JSON ack body as its reply, as it would a response_url post. */
  private noteAckReply(requestBody: string, sent: SentRequest): void {
    if (sent.status !== 200 || !sent.body.trimStart().startsWith("{")) return;
    const form = new URLSearchParams(requestBody);
    const responseUrl = form.get("response_url");
    if (!form.get("command") || !responseUrl) return;
    const ackBody: unknown = JSON.parse(sent.body);
    if (isReply(ackBody)) this.double.recordAckReply(responseUrl, ackBody);
  }

  /** Slack's signature headers for `body`, signed at `timestamp` (default: now, in seconds). */
  signedHeaders(body: string, timestamp = this.clock()): Record<string, string> {
    return {
      "X-Slack-Request-Timestamp": String(timestamp),
      "X-Slack-Signature": signSlackRequest(this.signingSecret, timestamp, body),
    };
  }

  private post(
    body: string,
    contentType: string,
    extra: Record<string, string> = {},
  ): Promise<SentRequest> {
    return this.raw(body, {
      "Content-Type": contentType,
      "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
      ...this.signedHeaders(body),
      ...extra,
    });
  }

  private user(userId: string): Json {
    const name = this.userName(userId);
    return { id: userId, username: name, name, team_id: this.teamId };
  }

  private userName(userId: string): string {
    return this.double.user(userId)?.name ?? userId.toLowerCase();
  }

  /** The view the app last opened/pushed/updated on the double with this callback_id. */
  private openedView(callbackId: string): Json | undefined {
    const methods = ["views.open", "views.push", "views.update"];
    const views = this.double
      .calls()
      .filter((c) => methods.includes(c.method) && !c.failed)
      .map((c) => c.response.view as Json | undefined)
      .filter((v) => v?.callback_id === callbackId);
    return views[views.length - 1];
  }

  private triggerId(): string {
    return `${this.clock()}${this.next()}.1234567890.${randomBytes(16).toString("hex")}`;
  }

  private next(): number {
    this.seq += 1;
    return this.seq;
  }
}

/** Slack's channel_name for DMs/mpims is a fixed word; channels get a readable name. */
/**
 * Typed text as Slack puts it in a command's `text`: `&`, `<` and `>` escaped, except in the
 * mentions and channel links Slack itself inserts (`<@U1|name>`, `<#C1|name>`, `<!here>`),
 * which the tests write as Slack sends them.
 */
export function asSlackSendsIt(typed: string): string {
  return typed
    .split(/(<[@#!][^<>]*>)/)
    .map((part, i) =>
      i % 2 === 1 ? part : part.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"),
    )
    .join("");
}

function channelName(channelId: string): string {
  if (channelId.startsWith("D")) return "directmessage";
  if (channelId.startsWith("G")) return "privategroup";
  return "mentorship";
}

/**
 * What Slack refuses in a view_submission ack: a view to update to or push that breaks its
 * rules, or errors naming no input block of the submitted view. Slack would show the person
 * an error instead; here the test fails, so a bot that answers this way is caught.
 */
export function refusedAck(ack: unknown, submitted: unknown): string[] {
  const a = (ack && typeof ack === "object" ? ack : {}) as Json;
  if (a.response_action === "update" || a.response_action === "push") {
    return viewProblems(a.view, "views.push");
  }
  if (a.response_action === "errors") return submissionErrorsProblems(a.errors, submitted);
  return [];
}

/** A view whose input blocks are the ones a submission's state values name. */
function inputsOf(values: Record<string, unknown>): Json {
  return { blocks: Object.keys(values).map((block_id) => ({ type: "input", block_id })) };
}

/** Interactions arrive form-encoded as a single `payload` field holding the JSON. */
function formPayload(payload: Json): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}
