import { type Connection, type Model, Schema } from "mongoose";
import type { FailedJob, FailedJobStore } from "../../domain/failed-work.js";
import type { PersonalDataHolder } from "../../domain/forgetting.js";
import type { Purgeable } from "../../domain/retention.js";
import { deletePage } from "../paged-delete.js";

const failedJobSchema = new Schema<FailedJob>(
  {
    queue: { type: String, required: true },
    name: { type: String, required: true },
    jobId: { type: String, required: true },
    data: { type: Schema.Types.Mixed, default: {} },
    reason: { type: String, required: true },
    attempts: { type: Number, required: true },
    failedAt: { type: Date, required: true },
  },
  { collection: "failed_jobs", versionKey: false },
);
failedJobSchema.index({ failedAt: -1 });

/** The payload fields that name a person (payloads hold ids only). */
const PERSON_FIELDS = [
  "userId",
  "by",
  "mentorId",
  "menteeId",
  "fromMentorId",
  "giverId",
  "personId",
];

/** Jobs that failed for good, with why: kept in MongoDB where admins can read them. */
export class FailedJobRepository implements FailedJobStore, Purgeable, PersonalDataHolder {
  private readonly model: Model<FailedJob>;

  constructor(connection: Connection) {
    this.model = connection.model<FailedJob>("FailedJob", failedJobSchema);
  }

  async record(job: FailedJob): Promise<void> {
    await this.model.create(job);
  }

  async latest(limit: number): Promise<FailedJob[]> {
    const docs = await this.model.find().sort({ failedAt: -1 }).limit(limit).lean<FailedJob[]>();
    return docs.map(({ queue, name, jobId, data, reason, attempts, failedAt }) => ({
      queue,
      name,
      jobId,
      data,
      reason,
      attempts,
      failedAt,
    }));
  }

  /**
   * A failed job for a forgotten person goes: its payload names them, and it is nothing an
   * admin could still act on. Its pair's jobs name the pair, not them, and stay.
   */
  async forgetPerson(userId: string): Promise<number> {
    const naming = PERSON_FIELDS.map((field) => ({ [`data.${field}`]: String(userId) }));
    return (await this.model.deleteMany({ $or: naming })).deletedCount;
  }

  purgeOlderThan(cutoff: Date, limit: number): Promise<number> {
    return deletePage(this.model, { failedAt: { $lt: cutoff } }, limit);
  }

  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
  }
}
