import { type Connection, type Model, Schema } from "mongoose";
import type { WorkplacePromptSchedule, WorkplaceScheduleStore } from "../../domain/workplace.js";
import { isDuplicateKeyError } from "../mongo-errors.js";

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

  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
  }
}
