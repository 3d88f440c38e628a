import type { Connection, Model } from "mongoose";
import type { ClaimResult, DeliveryLedger, DeliveryReceipt } from "../../domain/delivery-ledger.js";
import { isDuplicateKeyError } from "../mongo-errors.js";
import { deliverySchema } from "./delivery.schema.js";

interface DeliveryDoc {
  key: string;
  status: "claimed" | "sent";
  claimedUntil: Date;
  channel: string | null;
  ts: string | null;
  sentAt: Date | null;
}

/**
 * DeliveryLedger on a unique index. A claim is a lease: if the holder dies
 * mid-send, the lease runs out and a retry may claim again (at-least-once in
 * that one crash window, exactly-once otherwise).
 */
export class DeliveryLedgerRepository implements DeliveryLedger {
  private readonly model: Model<DeliveryDoc>;

  constructor(connection: Connection) {
    this.model = connection.model<DeliveryDoc>("Delivery", deliverySchema);
  }

  async claim(key: string, now: Date, leaseMs: number): Promise<ClaimResult> {
    const claimedUntil = new Date(now.getTime() + leaseMs);
    try {
      await this.model.create({ key, status: "claimed", claimedUntil });
      return "claimed";
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const taken = await this.model
      .findOneAndUpdate(
        { key, status: "claimed", claimedUntil: { $lte: now } },
        { $set: { claimedUntil } },
        { returnDocument: "after" },
      )
      .lean<DeliveryDoc>();
    if (taken) return "claimed";
    const existing = await this.model.findOne({ key }).lean<DeliveryDoc>();
    return existing?.status === "sent" ? "sent" : "busy";
  }

  async markSent(key: string, receipt: DeliveryReceipt, now: Date): Promise<void> {
    await this.model.updateOne(
      { key },
      { $set: { status: "sent", channel: receipt.channel, ts: receipt.ts, sentAt: now } },
    );
  }

  async release(key: string): Promise<void> {
    await this.model.updateOne({ key, status: "claimed" }, { $set: { claimedUntil: new Date(0) } });
  }

  async receipt(key: string): Promise<DeliveryReceipt | null> {
    const doc = await this.model.findOne({ key, status: "sent" }).lean<DeliveryDoc>();
    return doc?.channel && doc.ts ? { channel: doc.channel, ts: doc.ts } : null;
  }

  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
  }
}
