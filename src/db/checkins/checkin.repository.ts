import { type Connection, type Model, Types } from "mongoose";
import type { DeferredWork } from "../../domain/availability.js";
import type {
  Checkin,
  CheckinAnswer,
  CheckinStatus,
  CheckinStore,
  NewCheckin,
} from "../../domain/checkin.js";
import type { OpenWorkCloser } from "../../domain/ending.js";
import { FORMER_MEMBER, type PersonalDataHolder } from "../../domain/forgetting.js";
import type { OpenCheckinMover } from "../../domain/reassignment.js";
import { isDuplicateKeyError } from "../mongo-errors.js";
import { findDue, transitionStatus } from "../status-queries.js";
import { checkinSchema } from "./checkin.schema.js";
import { checkinAnswerSchema } from "./checkin-answer.schema.js";

interface CheckinDoc extends Omit<Checkin, "id"> {
  _id: Types.ObjectId;
  createdAt: Date;
}

interface AnswerDoc {
  checkinId: string;
  at: Date;
}

/** Racing creations each retry with the next number; more than a few means something is wrong. */
const SEQUENCE_ATTEMPTS = 10;

export class CheckinRepository
  implements CheckinStore, DeferredWork, OpenWorkCloser, OpenCheckinMover, PersonalDataHolder
{
  private readonly model: Model<CheckinDoc>;
  private readonly answers: Model<AnswerDoc>;

  constructor(connection: Connection) {
    this.model = connection.model<CheckinDoc>("Checkin", checkinSchema);
    this.answers = connection.model<AnswerDoc>("CheckinAnswer", checkinAnswerSchema);
  }

  /** The check-in of this slot, created if it does not exist yet (racing callers get the same one). */
  async createForSlot(input: NewCheckin): Promise<{ checkin: Checkin; created: boolean }> {
    // Insert first: the unique (relationship, slot) index answers "exists?" in the same step,
    // and the unique (relationship, sequence) index refuses a number another insert just took.
    for (let attempt = 1; ; attempt++) {
      const sequence = (await this.lastSequence(input.relationshipId)) + 1;
      try {
        const doc = await this.model.create({
          relationshipId: input.relationshipId,
          mentorId: input.mentorId,
          menteeId: input.menteeId,
          slot: input.slot,
          scheduledFor: input.scheduledFor,
          sequence,
          status: "scheduled",
          createdAt: input.now,
        });
        return { checkin: toCheckin(doc.toObject()), created: true };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        const winner = await this.findSlot(input.relationshipId, input.slot);
        if (winner) return { checkin: winner, created: false };
        // Another slot took this number first: take the next one.
        if (attempt >= SEQUENCE_ATTEMPTS) throw error;
      }
    }
  }

  private async lastSequence(relationshipId: string): Promise<number> {
    const last = await this.model
      .findOne({ relationshipId }, { sequence: 1 })
      .sort({ sequence: -1 })
      .lean<{ sequence: number }>();
    return last?.sequence ?? 0;
  }

  async findById(id: string): Promise<Checkin | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const doc = await this.model.findById(id).lean<CheckinDoc>();
    return doc ? toCheckin(doc) : null;
  }

  async listByStatusDue(
    status: CheckinStatus,
    field: "scheduledFor" | "remindAt" | "missAt",
    now: Date,
    limit = 500,
  ): Promise<Checkin[]> {
    return (await findDue(this.model, status, field, now, limit)).map(toCheckin);
  }

  /** Moves a check-in from one status to another, once: null if it was not in `from`. */
  async transition(
    id: string,
    from: readonly CheckinStatus[],
    to: CheckinStatus,
    set: Partial<Omit<Checkin, "id" | "status">> = {},
  ): Promise<Checkin | null> {
    const doc = await transitionStatus(this.model, id, from, to, set);
    return doc ? toCheckin(doc) : null;
  }

  async markReminded(id: string, at: Date, missAt: Date): Promise<Checkin | null> {
    const doc = await this.model
      .findOneAndUpdate(
        { _id: id, status: "sent", remindedAt: null },
        { $set: { remindedAt: at, missAt } },
        { returnDocument: "after" },
      )
      .lean<CheckinDoc>();
    return doc ? toCheckin(doc) : null;
  }

  async snooze(id: string, remindAt: Date): Promise<Checkin | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const doc = await this.model
      .findOneAndUpdate(
        { _id: id, status: "sent" },
        { $set: { remindAt, remindedAt: null, missAt: null } },
        { returnDocument: "after" },
      )
      .lean<CheckinDoc>();
    return doc ? toCheckin(doc) : null;
  }

  /** A mentee is back: their deferred check-ins are due now (the sweep puts them in working hours). */
  async bringForward(menteeId: string, now: Date): Promise<number> {
    const result = await this.model.updateMany(
      { status: "scheduled", scheduledFor: { $gt: now }, menteeId: String(menteeId) },
      { $set: { scheduledFor: now } },
    );
    return result.modifiedCount;
  }

  /** The first answer wins, once: null for the second of two simultaneous presses. */
  async answer(id: string, answer: CheckinAnswer): Promise<Checkin | null> {
    try {
      await this.answers.create({ checkinId: id, at: answer.at });
    } catch (error) {
      if (isDuplicateKeyError(error)) return null;
      throw error;
    }
    // "scheduled" too: the DM can be on screen a moment before its status is saved.
    const answered = await this.transition(id, ["scheduled", "sent", "missed"], "answered", {
      answer,
    });
    // Not answerable (skipped, or gone): leave no mark, so nothing is decided by it.
    if (!answered) await this.answers.deleteOne({ checkinId: id });
    return answered;
  }

  /** The pair ended: its coming and unanswered check-ins are skipped, so no sweep finds them. */
  async closeOpenFor(relationshipId: string, _now: Date): Promise<number> {
    const result = await this.model.updateMany(
      { relationshipId: String(relationshipId), status: { $in: ["scheduled", "sent"] } },
      { $set: { status: "skipped" } },
    );
    return result.modifiedCount;
  }

  /** A new mentor: check-ins not yet answered are now theirs to hear about. */
  async moveOpenTo(relationshipId: string, mentorId: string): Promise<number> {
    const result = await this.model.updateMany(
      { relationshipId: String(relationshipId), status: { $in: ["scheduled", "sent", "missed"] } },
      { $set: { mentorId } },
    );
    return result.modifiedCount;
  }

  /** Newest first. */
  async recent(relationshipId: string, limit: number): Promise<Checkin[]> {
    const docs = await this.model
      .find({ relationshipId: String(relationshipId), status: { $ne: "skipped" } })
      .sort({ scheduledFor: -1 })
      .limit(limit)
      .lean<CheckinDoc[]>();
    return docs.map(toCheckin);
  }

  /** Check-ins stay with the pair; the forgotten person's ids and answer notes do not. */
  async forgetPerson(userId: string, relationshipIds: readonly string[]): Promise<number> {
    if (relationshipIds.length === 0) return 0;
    const inPairs = { relationshipId: { $in: [...relationshipIds] } };
    const notes = await this.model.updateMany(
      { ...inPairs, "answer.by": String(userId) },
      { $set: { "answer.note": "", "answer.by": FORMER_MEMBER } },
    );
    let changed = notes.modifiedCount;
    for (const field of ["mentorId", "menteeId"]) {
      const result = await this.model.updateMany(
        { ...inPairs, [field]: String(userId) },
        { $set: { [field]: FORMER_MEMBER } },
      );
      changed += result.modifiedCount;
    }
    return changed;
  }

  async ensureIndexes(): Promise<void> {
    await Promise.all([this.model.createIndexes(), this.answers.createIndexes()]);
  }

  private async findSlot(relationshipId: string, slot: string): Promise<Checkin | null> {
    const doc = await this.model.findOne({ relationshipId, slot }).lean<CheckinDoc>();
    return doc ? toCheckin(doc) : null;
  }
}

function toCheckin(doc: CheckinDoc): Checkin {
  return {
    id: doc._id.toString(),
    relationshipId: doc.relationshipId,
    mentorId: doc.mentorId,
    menteeId: doc.menteeId,
    slot: doc.slot,
    scheduledFor: doc.scheduledFor,
    sequence: doc.sequence,
    status: doc.status,
    sentAt: doc.sentAt ?? null,
    message:
      doc.message?.channel && doc.message.ts
        ? { channel: doc.message.channel, ts: doc.message.ts }
        : null,
    remindAt: doc.remindAt ?? null,
    remindedAt: doc.remindedAt ?? null,
    missAt: doc.missAt ?? null,
    answer: doc.answer
      ? {
          kind: doc.answer.kind,
          note: doc.answer.note ?? "",
          milestoneTitles: [...(doc.answer.milestoneTitles ?? [])],
          by: doc.answer.by,
          at: doc.answer.at,
        }
      : null,
  };
}
