import type { WebClient } from "@slack/web-api";
import type { Clock } from "../clock.js";
import {
  type Claim,
  DeliveryInProgressError,
  type DeliveryLedger,
  type DeliveryReceipt,
} from "../domain/delivery-ledger.js";
import { answeredNo, slackErrorCode } from "./slack-errors.js";
import type { SlackMessage } from "./slack-message.js";

/**
 * The one path of every Slack side effect that must happen once (DMs, channel
 * posts, file shares): claim the delivery key in the ledger (a unique insert),
 * send, mark it sent. What closes the crash window between "Slack accepted the
 * message" and "the ledger says sent":
 * - every message carries its delivery key in Slack message metadata;
 * - once Slack said ok the claim is never given back, and recording it is retried;
 * - whoever takes over an expired claim first looks in that one conversation
 *   for a message carrying the key, and records it instead of sending again.
 */

/** A claim outlives any one Slack call with its timeouts. */
export const CLAIM_LEASE_MS = 60_000;

/** Spaces messages to one channel (Slack: about one a second per channel). */
export interface ChannelPacer {
  waitTurn(channel: string): Promise<void>;
}

/**
 * A receipt, and whether this call's send (or its find, after a takeover) became the ledger's
 * record of it: true for one caller per key, so a count per message needs no mark of its own.
 */
export type Delivery = DeliveryReceipt & { recorded: boolean };

/**
 * Runs `send` at most once per `key` and returns the receipt of the one send, made now or
 * before (null when an earlier send left no receipt, as a file share does). `send` hears
 * `since` when this claim took over an expired one: its holder may have sent and died, so
 * look first. A failed send gives the key back and rethrows, so a retry may send (and looks
 * first, unless Slack answered no); a key someone else is sending throws DeliveryInProgressError.
 */
export async function deliverOnce(
  ledger: DeliveryLedger,
  clock: Clock,
  key: string,
  send: (since: Date | undefined) => Promise<DeliveryReceipt>,
  leaseMs = CLAIM_LEASE_MS,
): Promise<Delivery | null> {
  const claim = await ledger.claim(key, clock.now(), leaseMs);
  if (claim.outcome === "sent") {
    const earlier = await ledger.receipt(key);
    return earlier && { ...earlier, recorded: false };
  }
  if (claim.outcome !== "claimed") throw inProgress(key, claim, clock.now());
  let receipt: DeliveryReceipt;
  try {
    receipt = await send(claim.since);
  } catch (error) {
    // Give the key back so the retry may send it; unless Slack answered no, it may have the
    // message (a timeout, a 5xx), so the retry looks for it first, as after a takeover.
    await ledger.release(key, claim.token, !answeredNo(error));
    throw error;
  }
  // Slack said ok: from here on the claim is kept, whatever happens.
  const recorded = await recordSent(ledger, clock, key, receipt, claim.token);
  return { ...receipt, recorded };
}

/** Posts `message` to `channel` in its turn, tagged with its delivery key for findDelivered. */
export async function postTagged(
  client: WebClient,
  pacer: ChannelPacer,
  channel: string,
  key: string,
  message: SlackMessage,
): Promise<DeliveryReceipt> {
  await pacer.waitTurn(channel);
  const posted = await client.chat.postMessage({
    channel,
    text: message.text,
    blocks: message.blocks,
    metadata: deliveryMetadata(key),
  });
  return { channel: posted.channel ?? channel, ts: posted.ts ?? "" };
}

/** The Slack message metadata type that carries a delivery key. */
export const DELIVERY_EVENT_TYPE = "mentorship_delivery";

/** The error for a claim that is not ours: wait until its lease ends. */
export function inProgress(key: string, claim: Claim, now: Date): DeliveryInProgressError {
  const until = claim.outcome === "busy" ? claim.until.getTime() : now.getTime() + 1_000;
  return new DeliveryInProgressError(key, Math.max(1_000, until - now.getTime()));
}

export function deliveryMetadata(key: string) {
  return { event_type: DELIVERY_EVENT_TYPE, event_payload: { key } };
}

/** Slack's clock and ours differ a little: look back this much before the claim. */
const CLOCK_SKEW_MS = 60_000;
const HISTORY_PAGE = 200;
/** A conversation this bot posts in gets few messages within one lease; this bounds the look. */
const HISTORY_PAGES = 5;
/** The conversation is gone (or never was): nothing can have been posted in it since. */
const GONE = new Set(["channel_not_found"]);
/** Slack will not show the conversation, though a message of ours may be in it. */
const UNREADABLE = new Set(["missing_scope", "not_in_channel"]);

/** A dead holder's send that nobody can check: Slack will not show the conversation. */
export class UnverifiedDeliveryError extends Error {
  constructor(
    readonly key: string,
    readonly code: string,
  ) {
    super(`cannot tell whether ${key} was delivered: conversations.history said ${code}`);
    this.name = "UnverifiedDeliveryError";
  }
}

/**
 * The message sent under `key` in `channel` since `since`, if there is one. Needs
 * `im:history`, `mpim:history`, `channels:history` or `groups:history`; without the one the
 * conversation needs (missing_scope), or outside the channel, it throws UnverifiedDeliveryError
 * rather than answer "not sent".
 */
export async function findDelivered(
  client: WebClient,
  channel: string,
  key: string,
  since: Date,
): Promise<DeliveryReceipt | null> {
  const oldest = ((since.getTime() - CLOCK_SKEW_MS) / 1000).toFixed(6);
  let cursor: string | undefined;
  for (let page = 0; page < HISTORY_PAGES; page++) {
    let answer: Awaited<ReturnType<WebClient["conversations"]["history"]>>;
    try {
      answer = await client.conversations.history({
        channel,
        oldest,
        include_all_metadata: true,
        limit: HISTORY_PAGE,
        ...(cursor ? { cursor } : {}),
      });
    } catch (error) {
      const code = slackErrorCode(error) ?? "";
      if (GONE.has(code)) return null;
      if (UNREADABLE.has(code)) throw new UnverifiedDeliveryError(key, code);
      throw error;
    }
    const found = answer.messages?.find(
      (m) =>
        m.metadata?.event_type === DELIVERY_EVENT_TYPE &&
        (m.metadata.event_payload as { key?: unknown } | undefined)?.key === key,
    );
    if (found?.ts) return { channel, ts: found.ts };
    cursor = answer.response_metadata?.next_cursor;
    if (!answer.has_more || !cursor) return null;
  }
  return null;
}

const RECORD_ATTEMPTS = 30;
const RECORD_MAX_WAIT_MS = 5_000;

/**
 * Slack has the message: record it, retrying while MongoDB is away (about two and a half
 * minutes). The claim is never released from here; should every try fail, its lease runs out
 * and whoever takes it over finds the tagged message in Slack instead of sending it again.
 * True when this holder's claim (`token`) became the record (see DeliveryLedger.markSent).
 */
export async function recordSent(
  ledger: DeliveryLedger,
  clock: Clock,
  key: string,
  receipt: DeliveryReceipt,
  token?: string,
  pause: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<boolean> {
  let wait = 250;
  for (let attempt = 1; ; attempt++) {
    try {
      return await ledger.markSent(key, receipt, clock.now(), token);
    } catch (error) {
      if (attempt >= RECORD_ATTEMPTS) throw error;
      await pause(wait);
      wait = Math.min(wait * 2, RECORD_MAX_WAIT_MS);
    }
  }
}
