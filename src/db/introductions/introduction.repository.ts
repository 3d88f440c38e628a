import { type Connection, type Model, Types } from "mongoose";
import { FORMER_MEMBER, type PersonalDataHolder } from "../../domain/forgetting.js";
import type {
  Introduction,
  IntroductionStore,
  NewIntroduction,
} from "../../domain/introduction.js";
import { introductionSchema } from "./introduction.schema.js";

interface IntroductionDoc extends Omit<Introduction, "id"> {
  _id: Types.ObjectId;
}

/** Introductions and introduction requests, kept per relationship. */
export class IntroductionRepository implements IntroductionStore, PersonalDataHolder {
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

  /** Introductions and requests they wrote go; those that named them keep a former member. */
  async forgetPerson(userId: string, relationshipIds: readonly string[]): Promise<number> {
    const deleted = await this.model.deleteMany({ createdBy: String(userId) });
    let changed = deleted.deletedCount;
    const inPairs = { relationshipId: { $in: [...relationshipIds] } };
    for (const [filter, field] of [
      [{ personId: String(userId) }, "personId"],
      [{ ...inPairs, mentorId: String(userId) }, "mentorId"],
      [{ ...inPairs, menteeId: String(userId) }, "menteeId"],
    ] as const) {
      const result = await this.model.updateMany(filter, { $set: { [field]: FORMER_MEMBER } });
      changed += result.modifiedCount;
    }
    return changed;
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
