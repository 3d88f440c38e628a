import { randomUUID } from "node:crypto";
import type { Connection, Model, Types } from "mongoose";
import type { Claim, DeliveryLedger, DeliveryReceipt } from "../../domain/delivery-ledger.js";
import type { Purgeable } from "../../domain/retention.js";
import { isDuplicateKeyError } from "../mongo-errors.js";
import { deletePage } from "../paged-delete.js";
import { deliverySchema } from "./delivery.schema.js";

interface DeliveryDoc {
  _id: Types.ObjectId;
  key: string;
  status: "claimed" | "sent";
  token: string;
  /** Null on claims written before it existed: claimedUntil minus the lease then. */
  claimedAt: Date | null;
  claimedUntil: Date;
  channel: string | null;
  ts: string | null;
  sentAt: Date | null;
}

/**
 * DeliveryLedger on a unique index. Only inserts decide who holds a claim:
 * a unique insert is atomic on MongoDB and on FerretDB alike, whereas a
 * conditional findOneAndUpdate is not atomic on FerretDB's SQLite backend.
 * A claim is a lease: if its holder dies mid-send the lease runs out, the
 * stale claim is deleted, and the next insert wins. That winner learns when
 * the dead claim was taken (`since`), so it can look in Slack for a message
 * sent in the crash window before sending again.
 */
export class DeliveryLedgerRepository implements DeliveryLedger, Purgeable {
  private readonly model: Model<DeliveryDoc>;

  constructor(connection: Connection) {
    this.model = connection.model<DeliveryDoc>("Delivery", deliverySchema);
  }

  async claim(key: string, now: Date, leaseMs: number): Promise<Claim> {
    let since: Date | undefined;
    for (let attempt = 0; attempt < 2; attempt++) {
      const token = randomUUID();
      try {
        await this.model.create({
          key,
          status: "claimed",
          token,
          claimedAt: now,
          claimedUntil: new Date(now.getTime() + leaseMs),
        });
        return since ? { outcome: "claimed", token, since } : { outcome: "claimed", token };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const existing = await this.model.findOne({ key }).lean<DeliveryDoc>();
      if (!existing) continue; // Released between our insert and read: try once more.
      if (existing.status === "sent") return { outcome: "sent" };
      if (existing.claimedUntil.getTime() > now.getTime()) {
        return { outcome: "busy", until: existing.claimedUntil };
      }
      // An expired claim: its holder may have sent and died. Remove exactly that one;
      // racing takers then race on the insert, and the winner checks Slack first.
      since = existing.claimedAt ?? new Date(existing.claimedUntil.getTime() - leaseMs);
      await this.model.deleteOne({ _id: existing._id, status: "claimed", token: existing.token });
    }
    return { outcome: "busy", until: new Date(now.getTime() + 1_000) };
  }

  async markSent(
    key: string,
    receipt: DeliveryReceipt,
    now: Date,
    token?: string,
  ): Promise<boolean> {
    const sent = {
      $set: { status: "sent" as const, channel: receipt.channel, ts: receipt.ts, sentAt: now },
    };
    // The holder's own claim: one command. A token is unique to one inserted claim, so only
    // its holder matches (again on a retry of this call, whose first try may have landed).
    if (token && (await this.model.updateOne({ key, token }, sent)).matchedCount === 1) return true;
    // Whoever sent it records it, claim or no claim: the message exists now. The claim was
    // taken over or lost; only an insert here makes this the first record.
    const any = await this.model.updateOne({ key }, sent, { upsert: true });
    return any.upsertedCount === 1;
  }

  async release(key: string, token: string): Promise<void> {
    await this.model.deleteOne({ key, status: "claimed", token });
  }

  async receipt(key: string): Promise<DeliveryReceipt | null> {
    const doc = await this.model.findOne({ key, status: "sent" }).lean<DeliveryDoc>();
    return doc?.channel && doc.ts ? { channel: doc.channel, ts: doc.ts } : null;
  }

  /** Only sent entries: a live claim is someone's send in progress. */
  purgeOlderThan(cutoff: Date, limit: number): Promise<number> {
    return deletePage(this.model, { status: "sent", sentAt: { $lt: cutoff } }, limit);
  }

  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
  }
}
