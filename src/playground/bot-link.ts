/**
 * Requests from "Slack" (the playground) to the bot: slash commands, block_actions,
 * view_submission, app_home_opened and direct messages, in Slack's shapes, signed with the signing secret
 * exactly as Slack signs them, posted to the bot's /slack/events over HTTP.
 */
import { randomBytes } from "node:crypto";
import { systemClock } from "../clock.js";
import { APP_ID, BOT, person, TEAM_ID } from "./cast.js";
import { signSlackRequest } from "./slack-signature.js";

type Json = Record<string, unknown>;

export interface BotReply {
  status: number;
  body: string;
}

const FORM = "application/x-www-form-urlencoded";
const team = { id: TEAM_ID, domain: "playground" };
/** Signatures use real time: the bot rejects requests more than 5 minutes off its wall clock. */
const realSeconds = () => Math.floor(systemClock.now().getTime() / 1000);

export class BotLink {
  constructor(
    private readonly botUrl: string,
    private readonly signingSecret: string,
  ) {}

  command(input: {
    userId: string;
    command: string;
    text: string;
    channelId: string;
    channelName: string;
    responseUrl: string;
    triggerId: string;
  }): Promise<BotReply> {
    const form = new URLSearchParams({
      token: "playground-verification-token",
      team_id: TEAM_ID,
      team_domain: "playground",
      channel_id: input.channelId,
      channel_name: input.channelName,
      user_id: input.userId,
      user_name: person(input.userId)?.handle ?? input.userId,
      command: input.command,
      text: input.text,
      api_app_id: APP_ID,
      is_enterprise_install: "false",
      response_url: input.responseUrl,
      trigger_id: input.triggerId,
    });
    return this.post(form.toString(), FORM);
  }

  /** A click or choice; `container` says whether it came from a message or a view. */
  blockActions(input: {
    userId: string;
    action: Json;
    triggerId: string;
    message?: { channelId: string; channelName: string; body: Json; responseUrl: string };
    view?: Json;
    isEphemeral?: boolean;
  }): Promise<BotReply> {
    const payload: Json = {
      type: "block_actions",
      user: this.user(input.userId),
      api_app_id: APP_ID,
      token: "playground-verification-token",
      container: input.message
        ? {
            type: "message",
            message_ts: input.message.body.ts,
            channel_id: input.message.channelId,
            is_ephemeral: input.isEphemeral ?? false,
          }
        : { type: "view", view_id: input.view?.id },
      trigger_id: input.triggerId,
      team,
      enterprise: null,
      is_enterprise_install: false,
      state: { values: obj(obj(input.view).state).values ?? {} },
      actions: [{ ...input.action, action_ts: `${realSeconds()}.000100` }],
    };
    if (input.message) {
      payload.channel = { id: input.message.channelId, name: input.message.channelName };
      payload.message = input.message.body;
      payload.response_url = input.message.responseUrl;
    }
    if (input.view) payload.view = input.view;
    return this.post(formPayload(payload), FORM);
  }

  viewSubmission(input: { userId: string; view: Json; triggerId: string }): Promise<BotReply> {
    return this.post(
      formPayload({
        type: "view_submission",
        team,
        user: this.user(input.userId),
        api_app_id: APP_ID,
        token: "playground-verification-token",
        trigger_id: input.triggerId,
        view: input.view,
        response_urls: [],
        enterprise: null,
        is_enterprise_install: false,
      }),
      FORM,
    );
  }

  appHomeOpened(userId: string, view: Json | null): Promise<BotReply> {
    const event: Json = {
      type: "app_home_opened",
      user: userId,
      channel: `D${userId.slice(1)}`,
      tab: "home",
      event_ts: `${realSeconds()}.000200`,
    };
    if (view) event.view = view;
    return this.event(event);
  }

  /** A message a person typed in their DM with the app (the `message.im` event). */
  directMessage(input: { userId: string; channelId: string; text: string; ts: string }) {
    return this.event({
      type: "message",
      channel: input.channelId,
      user: input.userId,
      text: input.text,
      ts: input.ts,
      team: TEAM_ID,
      channel_type: "im",
      event_ts: input.ts,
    });
  }

  private event(event: Json): Promise<BotReply> {
    const envelope = {
      token: "playground-verification-token",
      team_id: TEAM_ID,
      api_app_id: APP_ID,
      event,
      type: "event_callback",
      event_id: `Ev${randomBytes(5).toString("hex").toUpperCase()}`,
      event_time: realSeconds(),
      authorizations: [
        {
          enterprise_id: null,
          team_id: TEAM_ID,
          user_id: BOT.userId,
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
      is_ext_shared_channel: false,
    };
    return this.post(JSON.stringify(envelope), "application/json");
  }

  private user(userId: string): Json {
    const handle = person(userId)?.handle ?? userId;
    return { id: userId, username: handle, name: handle, team_id: TEAM_ID };
  }

  private async post(body: string, contentType: string): Promise<BotReply> {
    const timestamp = realSeconds();
    try {
      const res = await fetch(`${this.botUrl}/slack/events`, {
        method: "POST",
        headers: {
          "Content-Type": contentType,
          "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
          "X-Slack-Request-Timestamp": String(timestamp),
          "X-Slack-Signature": signSlackRequest(this.signingSecret, timestamp, body),
        },
        body,
        // Slack waits 3 seconds for an ack; the page waits a little longer on a busy machine.
        signal: AbortSignal.timeout(10_000),
      });
      return { status: res.status, body: await res.text() };
    } catch {
      return { status: 0, body: "" };
    }
  }
}

const obj = (v: unknown): Json => (v && typeof v === "object" ? (v as Json) : {});

/** Interactions arrive form-encoded as a single `payload` field holding the JSON. */
const formPayload = (payload: Json) =>
  new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
