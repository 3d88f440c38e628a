import type { Connection, Model } from "mongoose";
import type { ForgettingRecord, ForgettingRecords } from "../../domain/forgetting.js";
import { fillMissing } from "../fill-missing.js";
import { isDuplicateKeyError } from "../mongo-errors.js";
import { forgettingSchema, UNFINISHED } from "./forgetting.schema.js";

interface ForgettingDoc {
  _id: string;
  state: typeof UNFINISHED;
  relationshipIds: string[];
  openIds: string[];
  requestIds: string[];
  startedAt: Date;
}

/** `forgettings`: each forgetting under way, until it is done (see ForgettingRecord). */
export class ForgettingRepository implements ForgettingRecords {
  private readonly model: Model<ForgettingDoc>;

  constructor(connection: Connection) {
    this.model = connection.model<ForgettingDoc>("Forgetting", forgettingSchema);
  }

  async find(userId: string): Promise<ForgettingRecord | null> {
    const doc = await this.model.findById(String(userId)).lean<ForgettingDoc>();
    if (!doc) return null;
    return {
      userId: doc._id,
      relationshipIds: doc.relationshipIds ?? [],
      openIds: doc.openIds ?? [],
      requestIds: doc.requestIds ?? [],
      startedAt: doc.startedAt,
    };
  }

  async listUnfinished(): Promise<Array<Pick<ForgettingRecord, "userId" | "startedAt">>> {
    const docs = await this.model
      .find({ state: UNFINISHED }, { _id: 1, startedAt: 1 })
      .lean<Array<Pick<ForgettingDoc, "_id" | "startedAt">>>();
    return docs.map((doc) => ({ userId: doc._id, startedAt: doc.startedAt }));
  }

  async save({ userId, ...record }: ForgettingRecord): Promise<void> {
    const _id = String(userId);
    const fields = { ...record, state: UNFINISHED };
    try {
      await this.model.replaceOne({ _id }, fields, { upsert: true });
    } catch (error) {
      // Two at once, both inserting: the other's insert won; write over it.
      if (!isDuplicateKeyError(error)) throw error;
      await this.model.replaceOne({ _id }, fields);
    }
  }

  async remove(userId: string): Promise<void> {
    await this.model.deleteOne({ _id: String(userId) });
  }

  /**
   * Marks records written without `state` (before the sweep finished forgettings, or by such a
   * replica in a rolling upgrade), which the sweep's lookup would not find. A scan: hourly only.
   */
  markUnmarked(): Promise<number> {
    return fillMissing(this.model.collection, { state: { $exists: false } }, { _id: 1 }, () => ({
      state: UNFINISHED,
    }));
  }

  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
  }
}
