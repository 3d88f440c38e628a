/**
 * The final guard of "every Slack side effect happens once": before a message
 * is sent its key is claimed in MongoDB; after Slack accepts it the key is
 * marked sent. A retried job, a duplicated job or a racing replica finds the
 * key taken and does not send again.
 */
export type ClaimResult =
  /** This caller may send now. */
  | "claimed"
  /** Already sent: do nothing. */
  | "sent"
  /** Someone else holds a live claim: try again later. */
  | "busy";

export interface DeliveryReceipt {
  channel: string;
  ts: string;
}

export interface DeliveryLedger {
  claim(key: string, now: Date, leaseMs: number): Promise<ClaimResult>;
  markSent(key: string, receipt: DeliveryReceipt, now: Date): Promise<void>;
  /** Gives up a claim after a failed send, so a retry may claim it at once. */
  release(key: string): Promise<void>;
  receipt(key: string): Promise<DeliveryReceipt | null>;
}
