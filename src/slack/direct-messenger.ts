import type { WebClient } from "@slack/web-api";
import type { Clock } from "../clock.js";
import type { DeliveryLedger, DeliveryReceipt } from "../domain/delivery-ledger.js";
import { FORMER_MEMBER } from "../domain/forgetting.js";
import {
  type ChannelPacer,
  CLAIM_LEASE_MS,
  type Delivery,
  deliverOnce,
  findDelivered,
  inProgress,
  postTagged,
  UnverifiedDeliveryError,
} from "./delivery-guard.js";
import { type DmChannelStore, inDmChannel, noDmChannelStore } from "./dm-channel.js";
import type { SlackMessage } from "./slack-message.js";

export { DeliveryInProgressError } from "../domain/delivery-ledger.js";

const noPacing: ChannelPacer = { waitTurn: async () => {} };

/** Who has left the workspace (a deactivated Slack account): they get no more DMs. */
export interface DepartedCheck {
  findMany(
    slackUserIds: readonly string[],
  ): Promise<Array<{ slackUserId: string; deleted: boolean }>>;
}

const nobodyLeft: DepartedCheck = { findMany: async () => [] };

/** Sends a DM at most once per delivery key. */
export class DirectMessenger {
  constructor(
    private readonly client: WebClient,
    private readonly ledger: DeliveryLedger,
    private readonly clock: Clock,
    private readonly pacer: ChannelPacer = noPacing,
    private readonly people: DepartedCheck = nobodyLeft,
    private readonly channels: DmChannelStore = noDmChannelStore,
  ) {}

  /**
   * Returns the receipt of the one message sent under `key`, sending it now if
   * it was not; null, and nothing sent, when a recipient has left the workspace or the key
   * was withheld (`withhold`).
   * `userId` may list several people ("U1,U2,U3") for a group DM.
   */
  async sendOnce(
    key: string,
    userId: string,
    message: SlackMessage,
  ): Promise<DeliveryReceipt | null> {
    const delivered = await this.deliver(key, userId, message);
    return delivered && { channel: delivered.channel, ts: delivered.ts };
  }

  /**
   * As sendOnce, and `recorded` says whether this call's send is the ledger's record of it.
   * `present`: the caller already knows no recipient has left (from a record it read, kept
   * before the person's own), so they are not read again.
   */
  async deliver(
    key: string,
    userId: string,
    message: SlackMessage,
    { present = false }: { present?: boolean } = {},
  ): Promise<Delivery | null> {
    const recipients = userId.split(",");
    if (recipients.includes(FORMER_MEMBER)) return null;
    if (!present && (await this.people.findMany(recipients)).some((p) => p.deleted)) return null;
    const receipt = await deliverOnce(this.ledger, this.clock, key, (since) =>
      inDmChannel(this.client, this.channels, userId, async (channel) => {
        // Taking over a dead claim: its holder may have sent the message before dying.
        const earlier = since && (await this.lookBack(channel, key, since));
        if (earlier) return earlier;
        return this.post(channel, key, message);
      }),
    );
    // Marked sent but with no receipt to hand back: look again shortly, as for a busy claim.
    if (!receipt) throw inProgress(key, { outcome: "sent" }, this.clock.now());
    // Withheld before any send claimed it: nothing was, or will be, sent.
    return isWithheld(receipt) ? null : receipt;
  }

  /**
   * Makes sure nothing is ever sent under `key`: the key is claimed (the ledger's unique insert
   * decides against a send of the same moment) and recorded with a receipt that names no
   * message. False when a send claimed it first, or a claim that expired may have sent.
   */
  async withhold(key: string): Promise<boolean> {
    const now = this.clock.now();
    const claim = await this.ledger.claim(key, now, CLAIM_LEASE_MS);
    if (claim.outcome === "sent") return isWithheld(await this.ledger.receipt(key));
    if (claim.outcome === "busy") return false;
    if (claim.since) {
      // Its holder died mid-send, or had no answer from Slack, and may have sent: hand the claim
      // back as uncertain, from the time it was first taken, so the send's retry looks for the
      // message first (deleting it would let the retry post again without looking).
      await this.ledger.release(key, claim.token, true, claim.since);
      return false;
    }
    await this.ledger.markSent(key, WITHHELD, now, claim.token);
    return true;
  }

  /**
   * The dead sender's DM, if any. Reading a DM's history needs im:history or mpim:history,
   * which every manifest has asked for; an app installed without them sends, as it always did.
   */
  private async lookBack(channel: string, key: string, since: Date) {
    try {
      return await findDelivered(this.client, channel, key, since);
    } catch (error) {
      if (error instanceof UnverifiedDeliveryError) return null;
      throw error;
    }
  }

  private post(channel: string, key: string, message: SlackMessage): Promise<DeliveryReceipt> {
    return postTagged(this.client, this.pacer, channel, key, message);
  }
}

/** The ledger's receipt of a key withheld: no message has a channel or a `ts` like it. */
const WITHHELD: DeliveryReceipt = { channel: "withheld", ts: "withheld" };

const isWithheld = (receipt: DeliveryReceipt | null) =>
  receipt?.channel === WITHHELD.channel && receipt.ts === WITHHELD.ts;
