import type { WebClient } from "@slack/web-api";
import type { Clock } from "../clock.js";
import type { DeliveryLedger, DeliveryReceipt } from "../domain/delivery-ledger.js";
import { deliveryMetadata, findDelivered, inProgress, recordSent } from "./delivery-guard.js";
import type { ChannelPacer, SlackMessage } from "./direct-messenger.js";
import { permanentSlackError, slackErrorCode } from "./slack-errors.js";

/** Posted (now or before), or refused by Slack for good, with Slack's reason. */
export type ChannelPostResult =
  | { ok: true; receipt: DeliveryReceipt | null }
  | { ok: false; reason: string };

const CLAIM_LEASE_MS = 60_000;

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
    const claim = await this.ledger.claim(key, this.clock.now(), CLAIM_LEASE_MS);
    if (claim.outcome === "sent") return { ok: true, receipt: await this.ledger.receipt(key) };
    if (claim.outcome !== "claimed") throw inProgress(key, claim, this.clock.now());
    let receipt: DeliveryReceipt;
    try {
      // Taking over a dead claim: its holder may have posted before dying.
      const earlier = claim.since && (await findDelivered(this.client, channel, key, claim.since));
      receipt = earlier || (await this.postJoiningIfNeeded(channel, key, message));
    } catch (error) {
      // Nothing was posted: give the key back, so a retry (or a later
      // celebration of the same milestone) may still post it once.
      await this.ledger.release(key, claim.token);
      const reason = permanentReason(error);
      if (reason) return { ok: false, reason };
      throw error;
    }
    // Posted: from here on the claim is kept, so a failure below never posts twice.
    await recordSent(this.ledger, this.clock, key, receipt);
    return { ok: true, receipt };
  }

  private async postJoiningIfNeeded(
    channel: string,
    key: string,
    message: SlackMessage,
  ): Promise<DeliveryReceipt> {
    try {
      return await this.post(channel, key, message);
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
    return this.post(channel, key, message);
  }

  private async post(
    channel: string,
    key: string,
    message: SlackMessage,
  ): Promise<DeliveryReceipt> {
    await this.pacer.waitTurn(channel);
    const posted = await this.client.chat.postMessage({
      channel,
      text: message.text,
      // biome-ignore lint/suspicious/noExplicitAny: Block Kit types are checked by the builders.
      blocks: message.blocks as any,
      metadata: deliveryMetadata(key),
    });
    return { channel: posted.channel ?? channel, ts: posted.ts ?? "" };
  }
}

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
