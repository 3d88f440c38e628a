import type { Connection, Model } from "mongoose";
import type { PersonalDataHolder } from "../../domain/forgetting.js";
import type { ProgressEntry, ProgressLog } from "../../domain/roadmap.js";
import { coalescedCreate } from "../insert-coalescer.js";
import { progressEntrySchema } from "./progress-entry.schema.js";

/** The history of progress on milestones: every log and every "done", append-only. */
export class ProgressEntryRepository implements ProgressLog, PersonalDataHolder {
  private readonly model: Model<ProgressEntry>;
  /** Under load many people log at once: their entries go together, in fewer commands. */
  private readonly append: (entry: ProgressEntry) => Promise<void>;

  constructor(connection: Connection) {
    this.model = connection.model<ProgressEntry>("ProgressEntry", progressEntrySchema);
    this.append = coalescedCreate(this.model);
  }

  add(entry: ProgressEntry): Promise<void> {
    return this.append(entry);
  }

  async listForRelationship(relationshipId: string, limit = 50): Promise<ProgressEntry[]> {
    const docs = await this.model
      .find({ relationshipId: String(relationshipId) })
      // Entries written at the same instant: the later insert (greater _id) first.
      .sort({ at: -1, _id: -1 })
      .limit(limit)
      .lean<ProgressEntry[]>();
    return docs.map(({ relationshipId: r, milestoneId, authorId, kind, text, at }) => ({
      relationshipId: r,
      milestoneId,
      authorId,
      kind,
      text,
      at,
    }));
  }

  /** Every note they wrote, in whichever pair (one they mentored until a reassignment too). */
  async forgetPerson(userId: string): Promise<number> {
    return (await this.model.deleteMany({ authorId: String(userId) })).deletedCount;
  }

  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
  }
}
