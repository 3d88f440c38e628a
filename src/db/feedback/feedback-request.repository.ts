import { type Connection, type Model, Types } from "mongoose";
import type { OpenWorkCloser } from "../../domain/ending.js";
import type {
  DefaultGiverMover,
  FeedbackRequest,
  FeedbackRequestStatus,
  FeedbackRequestStore,
  GiverWithdrawals,
  NewFeedbackRequest,
} from "../../domain/feedback.js";
import { FORMER_MEMBER, type PersonalDataHolder } from "../../domain/forgetting.js";
import { findDue, transitionStatus } from "../status-queries.js";
import { feedbackRequestSchema } from "./feedback-request.schema.js";

interface FeedbackRequestDoc extends Omit<FeedbackRequest, "id"> {
  _id: Types.ObjectId;
}

export class FeedbackRequestRepository
  implements
    FeedbackRequestStore,
    OpenWorkCloser,
    PersonalDataHolder,
    DefaultGiverMover,
    GiverWithdrawals
{
  private readonly model: Model<FeedbackRequestDoc>;

  constructor(connection: Connection) {
    this.model = connection.model<FeedbackRequestDoc>("FeedbackRequest", feedbackRequestSchema);
  }

  async create(input: NewFeedbackRequest): Promise<FeedbackRequest> {
    const doc = await this.model.create({ ...input, status: "scheduled" });
    return toRequest(doc.toObject());
  }

  async findById(id: string): Promise<FeedbackRequest | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const doc = await this.model.findById(id).lean<FeedbackRequestDoc>();
    return doc ? toRequest(doc) : null;
  }

  /** A mentee's requests, oldest first: the list numbers them 1, 2, 3… in this order. */
  async listByRequester(requesterId: string): Promise<FeedbackRequest[]> {
    const docs = await this.model
      .find({ requesterId: String(requesterId) })
      .sort({ createdAt: 1, _id: 1 })
      .lean<FeedbackRequestDoc[]>();
    return docs.map(toRequest);
  }

  async listOwedBy(giverId: string): Promise<FeedbackRequest[]> {
    const docs = await this.model
      .find({ giverId: String(giverId), status: "asked" })
      .sort({ askedAt: 1 })
      .lean<FeedbackRequestDoc[]>();
    return docs.map(toRequest);
  }

  async listDue(
    status: FeedbackRequestStatus,
    field: "promptAt" | "remindAt" | "expiresAt",
    now: Date,
    limit = 500,
  ): Promise<FeedbackRequest[]> {
    return (await findDue(this.model, status, field, now, limit)).map(toRequest);
  }

  async transition(
    id: string,
    from: readonly FeedbackRequestStatus[],
    to: FeedbackRequestStatus,
    set: Partial<Omit<FeedbackRequest, "id" | "status">> = {},
  ): Promise<FeedbackRequest | null> {
    const doc = await transitionStatus(this.model, id, from, to, set);
    return doc ? toRequest(doc) : null;
  }

  /** By the pair's index; the giver and status are checked on the few requests a pair has. */
  async moveDefaultGiver(
    relationshipId: string,
    fromMentorId: string,
    toMentorId: string,
  ): Promise<number> {
    const result = await this.model.updateMany(
      {
        relationshipId: String(relationshipId),
        giverId: String(fromMentorId),
        status: "scheduled",
        giverNamed: { $ne: true },
      },
      { $set: { giverId: String(toMentorId) } },
    );
    return result.modifiedCount;
  }

  /** The pair ended: requests not yet answered are cancelled, so no sweep finds them. */
  async closeOpenFor(relationshipId: string, _now: Date): Promise<number> {
    const result = await this.model.updateMany(
      { relationshipId: String(relationshipId), status: { $in: ["scheduled", "asked"] } },
      { $set: { status: "cancelled" } },
    );
    return result.modifiedCount;
  }

  /** Sets when the (next) reminder is due; only while the request is open. */
  async setReminder(
    id: string,
    remindAt: Date,
    remindedAt: Date | null,
  ): Promise<FeedbackRequest | null> {
    const doc = await this.model
      .findOneAndUpdate(
        { _id: id, status: "asked" },
        { $set: { remindAt, remindedAt } },
        { returnDocument: "after" },
      )
      .lean<FeedbackRequestDoc>();
    return doc ? toRequest(doc) : null;
  }

  /** Two equalities on the (giverId, status) index: an `$in` would scan on FerretDB. */
  async listOpenTo(giverId: string): Promise<string[]> {
    const open = await Promise.all(
      (["scheduled", "asked"] as const).map((status) =>
        this.model
          .find({ giverId: String(giverId), status }, { _id: 1 })
          .lean<FeedbackRequestDoc[]>(),
      ),
    );
    return open.flat().map((doc) => String(doc._id));
  }

  async cancelOpen(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      if (!Types.ObjectId.isValid(id)) continue;
      await this.model.updateOne(
        { _id: id, status: { $in: ["scheduled", "asked"] } },
        { $set: { status: "cancelled" } },
      );
    }
  }

  /** Their requests (their topics) go; requests they were asked keep a former member as giver. */
  async forgetPerson(userId: string): Promise<number> {
    const deleted = await this.model.deleteMany({ requesterId: String(userId) });
    const asked = await this.model.updateMany(
      { giverId: String(userId) },
      // The prompt's place is their DM: nothing to update there any more.
      { $set: { giverId: FORMER_MEMBER, message: null } },
    );
    return deleted.deletedCount + asked.modifiedCount;
  }

  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
  }
}

function toRequest(doc: FeedbackRequestDoc): FeedbackRequest {
  return {
    id: doc._id.toString(),
    relationshipId: doc.relationshipId,
    requesterId: doc.requesterId,
    giverId: doc.giverId,
    ...(doc.giverNamed ? { giverNamed: true } : {}),
    topic: doc.topic,
    promptAt: doc.promptAt,
    status: doc.status,
    askedAt: doc.askedAt ?? null,
    message:
      doc.message?.channel && doc.message.ts
        ? { channel: doc.message.channel, ts: doc.message.ts }
        : null,
    remindAt: doc.remindAt ?? null,
    remindedAt: doc.remindedAt ?? null,
    expiresAt: doc.expiresAt ?? null,
    createdAt: doc.createdAt,
  };
}
