import type { Claim, DeliveryLedger, DeliveryReceipt } from "../domain/delivery-ledger.js";

/**
 * The delivery ledger, counted: a claim that finds the key already sent is a duplicate the
 * ledger suppressed; markSent is a message that went out. The senders stay unaware of metrics.
 */
export class MeteredDeliveryLedger implements DeliveryLedger {
  constructor(
    private readonly inner: DeliveryLedger,
    private readonly count: (outcome: "sent" | "duplicate") => void,
  ) {}

  async claim(key: string, now: Date, leaseMs: number): Promise<Claim> {
    const claim = await this.inner.claim(key, now, leaseMs);
    if (claim.outcome === "sent") this.count("duplicate");
    return claim;
  }

  async markSent(
    key: string,
    receipt: DeliveryReceipt,
    now: Date,
    token?: string,
  ): Promise<boolean> {
    const recorded = await this.inner.markSent(key, receipt, now, token);
    this.count("sent");
    return recorded;
  }

  release(key: string, token: string, uncertain?: boolean, takenAt?: Date): Promise<void> {
    return this.inner.release(key, token, uncertain, takenAt);
  }

  receipt(key: string): Promise<DeliveryReceipt | null> {
    return this.inner.receipt(key);
  }
}
