import type { WebClient } from "@slack/web-api";
import type { Clock } from "../clock.js";
import type { DeliveryLedger, DeliveryReceipt } from "../domain/delivery-ledger.js";

export interface SlackMessage {
  /** Plain-text fallback, shown in notifications. */
  text: string;
  blocks?: unknown[];
}

/** Thrown when another worker is sending the same message right now; the job retries later. */
export class DeliveryInProgressError extends Error {
  constructor(key: string) {
    super(`Delivery ${key} is in progress elsewhere`);
    this.name = "DeliveryInProgressError";
  }
}

/** A claim outlives any one Slack call with its timeouts. */
const CLAIM_LEASE_MS = 60_000;

/** Spaces messages to one channel (Slack: about one a second per channel). */
export interface ChannelPacer {
  waitTurn(channel: string): Promise<void>;
}

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
  ) {}

  /**
   * Returns the receipt of the one message sent under `key`, sending it now if
   * it was not; null, and nothing sent, when a recipient has left the workspace.
   * `userId` may list several people ("U1,U2,U3") for a group DM.
   */
  async sendOnce(
    key: string,
    userId: string,
    message: SlackMessage,
  ): Promise<DeliveryReceipt | null> {
    const recipients = userId.split(",");
    if ((await this.people.findMany(recipients)).some((p) => p.deleted)) return null;
    const claim = await this.ledger.claim(key, this.clock.now(), CLAIM_LEASE_MS);
    if (claim.outcome === "sent") {
      const receipt = await this.ledger.receipt(key);
      if (receipt) return receipt;
    }
    if (claim.outcome !== "claimed") throw new DeliveryInProgressError(key);
    try {
      const opened = await this.client.conversations.open({ users: userId });
      const channel = opened.channel?.id;
      if (!channel) throw new Error("conversations.open returned no channel");
      await this.pacer.waitTurn(channel);
      const posted = await this.client.chat.postMessage({
        channel,
        text: message.text,
        // biome-ignore lint/suspicious/noExplicitAny: Block Kit types are checked by the builders.
        blocks: message.blocks as any,
      });
      const receipt = { channel, ts: posted.ts ?? "" };
      await this.ledger.markSent(key, receipt, this.clock.now());
      return receipt;
    } catch (error) {
      await this.ledger.release(key, claim.token);
      throw error;
    }
  }
}
