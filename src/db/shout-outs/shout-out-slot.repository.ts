import { type Connection, type Model, Schema } from "mongoose";
import type { ShoutOutSlots } from "../../domain/celebration.js";
import { isDuplicateKeyError } from "../mongo-errors.js";

interface SlotDoc {
  _id: string;
  milestoneId: string;
  at: Date;
}

// _id "<relationshipId>:<day>:<n>" for n = 1..limit: the unique _id is what arbitrates racing
// workers (FerretDB's conditional updates are not atomic); milestoneId is unique too, so a
// retried job finds its slot instead of taking a second one.
const slotSchema = new Schema<SlotDoc>(
  {
    _id: { type: String, required: true },
    milestoneId: { type: String, required: true, unique: true },
    at: { type: Date, required: true },
  },
  { collection: "shout_out_slots", versionKey: false },
);

/** The day's shout-out slots of each pair. */
export class ShoutOutSlotRepository implements ShoutOutSlots {
  private readonly model: Model<SlotDoc>;

  constructor(connection: Connection) {
    this.model = connection.model<SlotDoc>("ShoutOutSlot", slotSchema);
  }

  async claim(
    relationshipId: string,
    day: string,
    milestoneId: string,
    limit: number,
    now: Date,
  ): Promise<boolean> {
    if (await this.model.exists({ milestoneId: String(milestoneId) })) return true;
    for (let n = 1; n <= limit; n++) {
      try {
        await this.model.create({ _id: `${relationshipId}:${day}:${n}`, milestoneId, at: now });
        return true;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        if (await this.model.exists({ milestoneId: String(milestoneId) })) return true;
      }
    }
    return false;
  }

  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
  }
}
