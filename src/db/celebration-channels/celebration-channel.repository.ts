import { type Connection, type Model, Schema } from "mongoose";
import type { CelebrationChannelStore } from "../../domain/celebration-channels.js";
import { isDuplicateKeyError } from "../mongo-errors.js";

interface ChannelDoc {
  _id: string;
  addedBy: string;
  addedAt: Date;
}

// The channel id is the _id: one lookup per check, and two racing "allow"s store one record.
const channelSchema = new Schema<ChannelDoc>(
  {
    _id: { type: String, required: true },
    addedBy: { type: String, required: true },
    addedAt: { type: Date, required: true },
  },
  { collection: "celebration_channels", versionKey: false },
);

/** Channels program admins allowed for shout-outs. */
export class CelebrationChannelRepository implements CelebrationChannelStore {
  private readonly model: Model<ChannelDoc>;

  constructor(connection: Connection) {
    this.model = connection.model<ChannelDoc>("CelebrationChannel", channelSchema);
  }

  async add(channelId: string, addedBy: string, now: Date): Promise<boolean> {
    try {
      await this.model.create({ _id: channelId, addedBy, addedAt: now });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async remove(channelId: string): Promise<boolean> {
    return (await this.model.deleteOne({ _id: String(channelId) })).deletedCount === 1;
  }

  async has(channelId: string): Promise<boolean> {
    return (await this.model.exists({ _id: String(channelId) })) !== null;
  }

  async list(): Promise<string[]> {
    const docs = await this.model.find().sort({ addedAt: 1 }).limit(100).lean<ChannelDoc[]>();
    return docs.map((d) => d._id);
  }

  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
  }
}
