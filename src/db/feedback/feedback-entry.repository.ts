import { type Connection, type Model, Schema, Types } from "mongoose";
import {
  type FeedbackEntry,
  type FeedbackEntryStore,
  feedbackRequestKey,
} from "../../domain/feedback.js";
import {
  FORGOTTEN_TOPIC,
  FORMER_MEMBER,
  type PersonalDataHolder,
} from "../../domain/forgetting.js";
import { isDuplicateKeyError } from "../mongo-errors.js";

interface FeedbackEntryDoc extends Omit<FeedbackEntry, "id"> {
  _id: Types.ObjectId;
  dedupeKey: string;
}

const feedbackEntrySchema = new Schema<FeedbackEntryDoc>(
  {
    // "request:<id>" or "view:<Slack view id>": a retried submission stores one entry.
    dedupeKey: { type: String, required: true, unique: true },
    requestId: { type: String, default: null },
    relationshipId: { type: String, required: true },
    giverId: { type: String, required: true },
    recipientId: { type: String, required: true },
    topic: { type: String, required: true },
    wentWell: { type: String, default: "" },
    toImprove: { type: String, default: "" },
    rating: { type: Number, default: null },
    nextStep: { type: String, default: "" },
    createdAt: { type: Date, required: true },
  },
  { collection: "feedback_entries", versionKey: false },
);
feedbackEntrySchema.index({ recipientId: 1, createdAt: -1 });
// The program report: feedback given in a window of time.
feedbackEntrySchema.index({ createdAt: 1 });

export class FeedbackEntryRepository implements FeedbackEntryStore, PersonalDataHolder {
  private readonly model: Model<FeedbackEntryDoc>;

  constructor(connection: Connection) {
    this.model = connection.model<FeedbackEntryDoc>("FeedbackEntry", feedbackEntrySchema);
  }

  /** Stores the entry once per dedupe key; `created` is false for a repeat. */
  async createOnce(
    dedupeKey: string,
    entry: Omit<FeedbackEntry, "id">,
  ): Promise<{ entry: FeedbackEntry; created: boolean }> {
    try {
      const doc = await this.model.create({ ...entry, dedupeKey });
      return { entry: toEntry(doc.toObject()), created: true };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const existing = await this.model.findOne({ dedupeKey }).lean<FeedbackEntryDoc>();
      if (!existing) throw error;
      return { entry: toEntry(existing), created: false };
    }
  }

  async findById(id: string): Promise<FeedbackEntry | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const doc = await this.model.findById(id).lean<FeedbackEntryDoc>();
    return doc ? toEntry(doc) : null;
  }

  async findForRequest(requestId: string): Promise<FeedbackEntry | null> {
    // Equality on the unique key: an index read on FerretDB too.
    const doc = await this.model
      .findOne({ dedupeKey: feedbackRequestKey(String(requestId)) })
      .lean<FeedbackEntryDoc>();
    return doc ? toEntry(doc) : null;
  }

  /** Feedback they gave goes; feedback they received is the giver's record and stays. */
  async forgetPerson(userId: string): Promise<number> {
    const deleted = await this.model.deleteMany({ giverId: String(userId) });
    // The giver's words stay; the topic was the forgotten person's, so it goes.
    const received = await this.model.updateMany(
      { recipientId: String(userId) },
      { $set: { recipientId: FORMER_MEMBER, topic: FORGOTTEN_TOPIC } },
    );
    return deleted.deletedCount + received.modifiedCount;
  }

  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
  }
}

function toEntry(doc: FeedbackEntryDoc): FeedbackEntry {
  return {
    id: doc._id.toString(),
    requestId: doc.requestId ?? null,
    relationshipId: doc.relationshipId,
    giverId: doc.giverId,
    recipientId: doc.recipientId,
    topic: doc.topic,
    wentWell: doc.wentWell ?? "",
    toImprove: doc.toImprove ?? "",
    rating: doc.rating ?? null,
    nextStep: doc.nextStep ?? "",
    createdAt: doc.createdAt,
  };
}
