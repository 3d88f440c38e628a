import type { Connection, Model } from "mongoose";
import type { AdminStore, ProgramAdmin } from "../../domain/admin.js";
import type { PersonalDataHolder } from "../../domain/forgetting.js";
import { isDuplicateKeyError } from "../mongo-errors.js";
import { adminSchema } from "./admin.schema.js";

interface AdminDoc {
  _id: string;
  addedBy: string;
  addedAt: Date;
}

/** Admins added in the app (bootstrap admins come from config, not from here). */
export class AdminRepository implements AdminStore, PersonalDataHolder {
  private readonly model: Model<AdminDoc>;

  constructor(connection: Connection) {
    this.model = connection.model<AdminDoc>("ProgramAdmin", adminSchema);
  }

  async find(userId: string): Promise<ProgramAdmin | null> {
    const doc = await this.model.findById(String(userId)).lean<AdminDoc>();
    return doc ? toAdmin(doc) : null;
  }

  async list(): Promise<ProgramAdmin[]> {
    const docs = await this.model.find().sort({ addedAt: 1 }).lean<AdminDoc[]>();
    return docs.map(toAdmin);
  }

  async add(userId: string, addedBy: string, now: Date): Promise<boolean> {
    try {
      await this.model.create({ _id: userId, addedBy, addedAt: now });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async remove(userId: string): Promise<boolean> {
    const result = await this.model.deleteOne({ _id: String(userId) });
    return result.deletedCount === 1;
  }

  /** An admin added in the app stops being one. */
  async forgetPerson(userId: string): Promise<number> {
    return (await this.remove(userId)) ? 1 : 0;
  }

  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
  }
}

function toAdmin(doc: AdminDoc): ProgramAdmin {
  return { userId: doc._id, bootstrap: false, addedBy: doc.addedBy, addedAt: doc.addedAt };
}
