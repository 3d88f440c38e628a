import type { Connection, Model } from "mongoose";
import type {
  Availability,
  AvailabilityStore,
  AwayNotice,
  TimeOff,
} from "../../domain/availability.js";
import type { Weekday } from "../../domain/cadence.js";
import type { PersonalDataHolder } from "../../domain/forgetting.js";
import type { WorkingHours } from "../../domain/working-hours.js";
import { availabilitySchema } from "./availability.schema.js";

type AvailabilityDoc = Availability & { _id: unknown };

/** One document per person who set hours or time off; everyone else has the defaults. */
export class AvailabilityRepository implements AvailabilityStore, PersonalDataHolder {
  private readonly model: Model<Availability>;

  constructor(connection: Connection) {
    this.model = connection.model<Availability>("Availability", availabilitySchema);
  }

  async find(userId: string): Promise<Availability | null> {
    const doc = await this.model.findOne({ userId: String(userId) }).lean<AvailabilityDoc>();
    return doc ? toAvailability(doc) : null;
  }

  async findMany(userIds: readonly string[]): Promise<Availability[]> {
    if (userIds.length === 0) return [];
    const docs = await this.model
      .find({ userId: { $in: userIds.map(String) } })
      .lean<AvailabilityDoc[]>();
    return docs.map(toAvailability);
  }

  setHours(userId: string, hours: WorkingHours, now: Date): Promise<Availability> {
    return this.upsert(userId, { hours: { ...hours, days: [...hours.days] } }, now);
  }

  setAway(userId: string, away: TimeOff | null, now: Date): Promise<Availability> {
    return this.upsert(userId, { away }, now);
  }

  async noteAwayNotice(userId: string, relationshipId: string, notice: AwayNotice): Promise<void> {
    // Away by Slack status has no document yet: this makes one, with the default hours.
    await this.model.updateOne(
      { userId: String(userId) },
      {
        $set: { [`awayNotices.${String(relationshipId)}`]: { ...notice } },
        $setOnInsert: { userId: String(userId), updatedAt: notice.seenAt },
      },
      { upsert: true },
    );
  }

  private async upsert(
    userId: string,
    set: Partial<Pick<Availability, "hours" | "away">>,
    now: Date,
  ): Promise<Availability> {
    // Upsert on the unique userId: two racing first writes end as one document.
    const doc = await this.model
      .findOneAndUpdate(
        { userId: String(userId) },
        { $set: { ...set, updatedAt: now }, $setOnInsert: { userId: String(userId) } },
        { upsert: true, returnDocument: "after" },
      )
      .lean<AvailabilityDoc>();
    if (!doc) throw new Error(`availability of ${userId} not saved`);
    return toAvailability(doc);
  }

  /** Their working hours and time off. */
  async forgetPerson(userId: string): Promise<number> {
    return (await this.model.deleteOne({ userId: String(userId) })).deletedCount;
  }

  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
  }
}

function toAvailability(doc: AvailabilityDoc): Availability {
  return {
    userId: doc.userId,
    hours: doc.hours
      ? { start: doc.hours.start, end: doc.hours.end, days: doc.hours.days as Weekday[] }
      : null,
    away: doc.away ? { until: doc.away.until, note: doc.away.note ?? "" } : null,
    awayNotices: { ...doc.awayNotices },
    updatedAt: doc.updatedAt,
  };
}
