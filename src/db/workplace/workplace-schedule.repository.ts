import { type Connection, type Model, Schema, type Types } from "mongoose";
import {
  firstPromptAfter,
  type WorkplacePromptSchedule,
  type WorkplaceScheduleStore,
} from "../../domain/workplace.js";
import { isDuplicateKeyError, refusedByUniqueIndex } from "../mongo-errors.js";

const workplaceScheduleSchema = new Schema(
  {
    // One schedule per pair, however many workers plan it.
    relationshipId: { type: String, required: true, unique: true },
    nextAt: { type: Date, default: null },
  },
  { collection: "workplace_prompts" },
);
// The sweep: pairs whose next prompt is due.
workplaceScheduleSchema.index({ nextAt: 1 });

type ScheduleDoc = WorkplacePromptSchedule & { _id: unknown };
type RelationshipRow = {
  _id: Types.ObjectId;
  status: string;
  activatedAt?: Date;
  createdAt?: Date;
};

/** Each pair's next "Navigating the workplace" prompt. */
export class WorkplaceScheduleRepository implements WorkplaceScheduleStore {
  private readonly model: Model<ScheduleDoc>;

  constructor(connection: Connection) {
    this.model = connection.model<ScheduleDoc>("WorkplacePrompt", workplaceScheduleSchema);
  }

  async createOnce(relationshipId: string, nextAt: Date): Promise<void> {
    try {
      await this.model.create({ relationshipId: String(relationshipId), nextAt });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  async find(relationshipId: string): Promise<WorkplacePromptSchedule | null> {
    const doc = await this.model
      .findOne({ relationshipId: String(relationshipId) })
      .lean<ScheduleDoc>();
    return doc ? { relationshipId: doc.relationshipId, nextAt: doc.nextAt ?? null } : null;
  }

  async advance(relationshipId: string, expected: Date, next: Date | null): Promise<boolean> {
    const result = await this.model.updateOne(
      { relationshipId: String(relationshipId), nextAt: expected },
      { $set: { nextAt: next } },
    );
    return result.modifiedCount === 1;
  }

  async listDue(now: Date, limit: number): Promise<WorkplacePromptSchedule[]> {
    const docs = await this.model
      .find({ nextAt: { $lte: now } })
      .sort({ nextAt: 1 })
      .limit(limit)
      .lean<ScheduleDoc[]>();
    return docs.map((d) => ({ relationshipId: d.relationshipId, nextAt: d.nextAt ?? null }));
  }

  /**
   * Upgrade: open pairs from before the prompts get a schedule, a page of relationships at a
   * time (by `_id`); createOnce's unique index keeps a pair planned meanwhile as it is.
   */
  async planOpenPairs(now: Date, page = 500): Promise<number> {
    const relationships = this.model.db.collection<RelationshipRow>("relationships");
    let after: Types.ObjectId | undefined;
    let planned = 0;
    for (;;) {
      const rows = await relationships
        .find(after ? { _id: { $gt: after } } : {}, {
          projection: { status: 1, activatedAt: 1, createdAt: 1 },
        })
        .sort({ _id: 1 })
        .limit(page)
        .toArray();
      if (rows.length === 0) return planned;
      after = rows[rows.length - 1]?._id;
      const open = rows.filter((r) => r.status === "active" || r.status === "paused");
      const ids = open.map((r) => String(r._id));
      const have = new Set(
        (await this.model.find({ relationshipId: { $in: ids } }, { relationshipId: 1 }).lean()).map(
          (d) => d.relationshipId,
        ),
      );
      const missing = open
        .filter((r) => !have.has(String(r._id)))
        .map((r) => ({
          relationshipId: String(r._id),
          nextAt: firstPromptAfter(r.activatedAt ?? r.createdAt ?? now, now),
        }));
      if (missing.length === 0) continue;
      try {
        await this.model.insertMany(missing, { ordered: false });
      } catch (error) {
        // Planned meanwhile by the pair's own activation: kept as it is.
        refusedByUniqueIndex(error);
      }
      planned += missing.length;
    }
  }

  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
  }
}
