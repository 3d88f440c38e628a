import type { Connection, Model } from "mongoose";
import type { ForgettingRecord, ForgettingRecords } from "../../domain/forgetting.js";
import { isDuplicateKeyError } from "../mongo-errors.js";
import { forgettingSchema } from "./forgetting.schema.js";

interface ForgettingDoc {
  _id: string;
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

  async save({ userId, ...fields }: ForgettingRecord): Promise<void> {
    const _id = String(userId);
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
}
