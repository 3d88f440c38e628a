import { randomUUID } from "node:crypto";
import type { Connection, Model, mongo, Types } from "mongoose";
import type { Claim, DeliveryLedger, DeliveryReceipt } from "../../domain/delivery-ledger.js";
import type { Purgeable } from "../../domain/retention.js";
import { updateAllOrEachAlone } from "../bulk-write.js";
import { InsertCoalescer } from "../insert-coalescer.js";
import { isDuplicateKeyError } from "../mongo-errors.js";
import { deletePage } from "../paged-delete.js";
import { WriteLanes } from "../write-batches.js";
import { deliverySchema } from "./delivery.schema.js";

/** A holder's record of its own claim as sent, and whether it matched (set by the write). */
interface OwnMark {
  key: string;
  token: string;
  sent: { $set: Partial<DeliveryDoc> };
  matched: boolean;
}

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
  /**
   * Claims and marks that come at once (the messages a worker sends together) share a command
   * (a group commit, see WriteBatches; marks in lanes by key): each claim is still refused alone
   * by the unique index.
   */
  private readonly claims: InsertCoalescer<mongo.Document>;
  private readonly ownMarks: WriteLanes<OwnMark>;

  constructor(connection: Connection) {
    this.model = connection.model<DeliveryDoc>("Delivery", deliverySchema);
    this.claims = new InsertCoalescer(() => this.model.collection);
    this.ownMarks = new WriteLanes(
      (marks) => this.markOwn(marks),
      (mark) => mark.key,
    );
  }

  async claim(key: string, now: Date, leaseMs: number): Promise<Claim> {
    let since: Date | undefined;
    for (let attempt = 0; attempt < 2; attempt++) {
      const token = randomUUID();
      try {
        await this.claims.insert({
          key,
          status: "claimed",
          token,
          claimedAt: now,
          claimedUntil: new Date(now.getTime() + leaseMs),
          channel: null,
          ts: null,
          sentAt: null,
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
    // The holder's own claim: one command, shared with other holders' at the same moment. A token
    // is unique to one inserted claim, so only its holder matches (again on a retry of this call,
    // whose first try may have landed).
    if (token && (await this.markOwnClaim({ key, token, sent, matched: false }))) return true;
    // Whoever sent it records it, claim or no claim: the message exists now. The claim was
    // taken over or lost; only an insert here makes this the first record.
    const any = await this.model.updateOne({ key }, sent, { upsert: true });
    return any.upsertedCount === 1;
  }

  private async markOwnClaim(mark: OwnMark): Promise<boolean> {
    await this.ownMarks.add(mark);
    return mark.matched;
  }

  /**
   * Holders' marks in one bulk write. The server counts the matches, not which ones: all matched,
   * each is told so; fewer, each one goes again alone (a mark that landed matches again, as on a
   * retry), so a holder is never told of a match that was another's.
   */
  private async markOwn(marks: OwnMark[]): Promise<void> {
    await updateAllOrEachAlone(marks, {
      statement: ({ key, token, sent }) => ({
        updateOne: { filter: { key, token }, update: sent },
      }),
      bulkWrite: (statements) => this.model.bulkWrite(statements, { ordered: false }),
      matched: (mark) => {
        mark.matched = true;
      },
      // A mark that landed in the bulk write matches again, as on a retry.
      alone: async (mark) => {
        const { key, token, sent } = mark;
        mark.matched = (await this.model.updateOne({ key, token }, sent)).matchedCount === 1;
      },
    });
  }

  async release(key: string, token: string, uncertain = false, takenAt?: Date): Promise<void> {
    if (!uncertain) {
      await this.model.deleteOne({ key, status: "claimed", token });
      return;
    }
    // Expired now, not deleted: the next claim takes it over and hears `since`.
    await this.model.updateOne(
      { key, status: "claimed", token },
      { $set: { claimedUntil: new Date(0), ...(takenAt ? { claimedAt: takenAt } : {}) } },
    );
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
