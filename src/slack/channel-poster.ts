import type { WebClient } from "@slack/web-api";
import type { Clock } from "../clock.js";
import type { DeliveryLedger, DeliveryReceipt } from "../domain/delivery-ledger.js";
import {
  type ChannelPacer,
  deliverOnce,
  findDelivered,
  postTagged,
  UnverifiedDeliveryError,
} from "./delivery-guard.js";
import { permanentSlackError, slackErrorCode } from "./slack-errors.js";
import type { SlackMessage } from "./slack-message.js";

/** Posted (now or before), or refused by Slack for good, with Slack's reason. */
export type ChannelPostResult =
  | { ok: true; receipt: DeliveryReceipt | null }
  | { ok: false; reason: string };

/**
 * Posts to a channel at most once per delivery key, the way DirectMessenger
 * sends DMs: claim the key (a unique insert), post, mark it sent. If the bot
 * is not in the channel it joins it (public channels only) and posts once
 * more. A refusal that will not change on retry comes back as a result, so
 * the caller can fall back; a transient failure throws, so the job retries.
 */
export class ChannelPoster {
  constructor(
    private readonly client: WebClient,
    private readonly ledger: DeliveryLedger,
    private readonly clock: Clock,
    private readonly pacer: ChannelPacer,
  ) {}

  async postOnce(key: string, channel: string, message: SlackMessage): Promise<ChannelPostResult> {
    let unverified = false;
    try {
      const posted = await deliverOnce(this.ledger, this.clock, key, async (since) => {
        // Taking over a dead claim: its holder may have posted before dying.
        const earlier = since && (await this.lookBack(channel, key, since));
        if (earlier === UNKNOWN) {
          // It may be in the channel already: recorded as sent (with no message to point to),
          // so nothing posts it twice, and the admins are told instead.
          unverified = true;
          return { channel, ts: "" };
        }
        return earlier || (await this.postJoiningIfNeeded(channel, key, message));
      });
      if (unverified) return { ok: false, reason: "history_unreadable" };
      return { ok: true, receipt: posted && { channel: posted.channel, ts: posted.ts } };
    } catch (error) {
      // Nothing was posted and the key is given back, so a retry (or a later
      // celebration of the same milestone) may still post it once.
      const reason = permanentReason(error);
      if (reason) return { ok: false, reason };
      throw error;
    }
  }

  /** The dead poster's post, null if there is none, or UNKNOWN if Slack will not show the channel. */
  private async lookBack(
    channel: string,
    key: string,
    since: Date,
  ): Promise<DeliveryReceipt | null | typeof UNKNOWN> {
    try {
      return await findDelivered(this.client, channel, key, since);
    } catch (error) {
      if (error instanceof UnverifiedDeliveryError) return UNKNOWN;
      throw error;
    }
  }

  private async postJoiningIfNeeded(
    channel: string,
    key: string,
    message: SlackMessage,
  ): Promise<DeliveryReceipt> {
    try {
      return await postTagged(this.client, this.pacer, channel, key, message);
    } catch (error) {
      if (slackErrorCode(error) !== "not_in_channel") throw error;
    }
    try {
      await this.client.conversations.join({ channel });
    } catch (error) {
      // A private channel answers method_not_supported_for_channel_type (or
      // channel_not_found): only an invitation gets the bot in.
      if (permanentReason(error)) throw new ChannelRefusedError("not_in_channel", error);
      throw error;
    }
    return postTagged(this.client, this.pacer, channel, key, message);
  }
}

const UNKNOWN = Symbol("unknown");

/** Slack refused for good; `reason` is what admins are told. */
class ChannelRefusedError extends Error {
  constructor(
    readonly reason: string,
    readonly cause: unknown,
  ) {
    super(`Slack refused the channel post: ${reason}`);
    this.name = "ChannelRefusedError";
  }
}

function permanentReason(error: unknown): string | null {
  if (error instanceof ChannelRefusedError) return error.reason;
  return permanentSlackError(error);
}
