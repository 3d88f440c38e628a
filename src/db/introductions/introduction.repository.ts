import { type Connection, type Model, Types } from "mongoose";
import type { Introduction, NewIntroduction } from "../../domain/introduction.js";
import type { IntroductionStore } from "../../domain/introduction.service.js";
import { introductionSchema } from "./introduction.schema.js";

interface IntroductionDoc extends Omit<Introduction, "id"> {
  _id: Types.ObjectId;
}

/** Introductions and introduction requests, kept per relationship. */
export class IntroductionRepository implements IntroductionStore {
  private readonly model: Model<IntroductionDoc>;

  constructor(connection: Connection) {
    this.model = connection.model<IntroductionDoc>("Introduction", introductionSchema);
  }

  async create(input: NewIntroduction): Promise<Introduction> {
    const doc = await this.model.create({ ...input, sentAt: null });
    return toIntroduction(doc.toObject());
  }

  async findById(id: string): Promise<Introduction | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const doc = await this.model.findById(id).lean<IntroductionDoc>();
    return doc ? toIntroduction(doc) : null;
  }

  async markSent(id: string, at: Date): Promise<void> {
    await this.model.updateOne({ _id: id, sentAt: null }, { $set: { sentAt: at } });
  }

  async listForRelationship(relationshipId: string, limit: number): Promise<Introduction[]> {
    const docs = await this.model
      .find({ relationshipId: String(relationshipId) })
      .sort({ createdAt: -1, _id: -1 })
      .limit(limit)
      .lean<IntroductionDoc[]>();
    return docs.map(toIntroduction);
  }

  async countIntroductionsBySince(mentorId: string, since: Date): Promise<number> {
    return this.model.countDocuments({
      createdBy: String(mentorId),
      kind: "introduction",
      createdAt: { $gte: since },
    });
  }

  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
  }
}

function toIntroduction(doc: IntroductionDoc): Introduction {
  return {
    id: doc._id.toString(),
    relationshipId: doc.relationshipId,
    kind: doc.kind,
    mentorId: doc.mentorId,
    menteeId: doc.menteeId,
    personId: doc.personId ?? null,
    text: doc.text,
    createdBy: doc.createdBy,
    createdAt: doc.createdAt,
    sentAt: doc.sentAt ?? null,
  };
}
