/**
 * The final guard of "every Slack side effect happens once": before a message
 * is sent its key is claimed in MongoDB; after Slack accepts it the key is
 * marked sent. A retried job, a duplicated job or a racing replica finds the
 * key taken and does not send again.
 */
export type Claim =
  /**
   * This caller may send now; the token proves it holds the claim. `since` is set when the
   * claim took over an expired one: its holder may have sent the message after that time
   * and died before recording it, so look for it first.
   */
  | { outcome: "claimed"; token: string; since?: Date }
  /** Already sent: do nothing. */
  | { outcome: "sent" }
  /** Someone else holds a live claim until `until`: try again then. */
  | { outcome: "busy"; until: Date };

export interface DeliveryReceipt {
  channel: string;
  ts: string;
}

export interface DeliveryLedger {
  claim(key: string, now: Date, leaseMs: number): Promise<Claim>;
  /**
   * Records the message sent under `key`. True when the claim `token` names became the record
   * (or none existed): of the senders of one key, only the one the ledger arbitrated hears
   * true, so what is counted per message (the program tally) needs no unique mark of its own.
   */
  markSent(key: string, receipt: DeliveryReceipt, now: Date, token?: string): Promise<boolean>;
  /**
   * Gives up this holder's claim after a failed send, so a retry may claim it at once.
   * `uncertain`: the send may have reached Slack (no answer came), so the retry takes it over
   * as an expired claim, with `since`, and looks for the message before sending.
   * `takenAt`: when the uncertain send's own claim was taken, where this claim took it over
   * (`since`) without sending: the next taker must look back that far, not to this claim.
   */
  release(key: string, token: string, uncertain?: boolean, takenAt?: Date): Promise<void>;
  receipt(key: string): Promise<DeliveryReceipt | null>;
}

/**
 * Another worker holds the claim: the job waits `retryInMs` (until the lease ends) without
 * using up an attempt, then finds the message sent, or takes the expired claim over.
 */
export class DeliveryInProgressError extends Error {
  constructor(
    readonly key: string,
    readonly retryInMs = 1_000,
  ) {
    super(`Delivery ${key} is in progress elsewhere`);
    this.name = "DeliveryInProgressError";
  }
}
