import { type Connection, type Model, Types } from "mongoose";
import type { DeferredWork } from "../../domain/availability.js";
import type {
  Checkin,
  CheckinAnswer,
  CheckinStatus,
  CheckinStore,
  NewCheckin,
  NewSlotCheckin,
} from "../../domain/checkin.js";
import type { OpenWorkCloser } from "../../domain/ending.js";
import { FORMER_MEMBER, type PersonalDataHolder } from "../../domain/forgetting.js";
import type { OpenCheckinMover } from "../../domain/reassignment.js";
import { isDuplicateKeyError, refusedByUniqueIndex } from "../mongo-errors.js";
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

/**
 * Check-ins inserted in one command. An insert is not an update: FerretDB 1.24 answers an
 * `insertMany` of 5,000 (the bench seeds that way) where an update command of 100 statements
 * hangs (see bulk-write.ts), so a sweep page of 500 goes in one.
 */
const INSERT_CHUNK = 500;

/** Racing creations each retry with the next number; more than a few means something is wrong. */
const SEQUENCE_ATTEMPTS = 10;

/** Slots that need the one-by-one path, a few at a time (a handful a page, normally). */
const SLOW_PATH_PARALLEL = 8;

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

  /**
   * One `insertMany` (unordered) for the slots whose next number is known. The unique indexes
   * still decide: a slot already there, or a number `checkin now` took meanwhile, fails alone,
   * and those few, with the slots of unknown number, go through `createForSlot`.
   */
  async createForSlots(
    inputs: readonly NewSlotCheckin[],
  ): Promise<{ checkin: Checkin; created: boolean }[]> {
    const answers: ({ checkin: Checkin; created: boolean } | null)[] = inputs.map(() => null);
    const known = inputs.flatMap((input, index) =>
      input.lastSequence === null ? [] : [{ input, index, lastSequence: input.lastSequence }],
    );
    for (let from = 0; from < known.length; from += INSERT_CHUNK) {
      const chunk = known.slice(from, from + INSERT_CHUNK);
      const docs = chunk.map(({ input, lastSequence }) =>
        new this.model({
          relationshipId: input.relationshipId,
          mentorId: input.mentorId,
          menteeId: input.menteeId,
          slot: input.slot,
          scheduledFor: input.scheduledFor,
          sequence: lastSequence + 1,
          status: "scheduled",
          createdAt: input.now,
        }).toObject<CheckinDoc>(),
      );
      const refused = await this.insertUnordered(docs);
      chunk.forEach(({ index }, i) => {
        const doc = docs[i];
        if (doc && !refused.has(i)) answers[index] = { checkin: toCheckin(doc), created: true };
      });
    }
    // Refused: mostly a slot already there (a repeated sweep), all read back in one query.
    const refused = known.filter(({ index }) => !answers[index]).map(({ input }) => input);
    const found = await this.findSlots(refused);
    inputs.forEach((input, index) => {
      const checkin = found.get(slotKey(input.relationshipId, input.slot));
      if (!answers[index] && checkin) answers[index] = { checkin, created: false };
    });
    const rest = inputs.flatMap((input, index) => (answers[index] ? [] : [{ input, index }]));
    for (let from = 0; from < rest.length; from += SLOW_PATH_PARALLEL) {
      await Promise.all(
        rest.slice(from, from + SLOW_PATH_PARALLEL).map(async ({ input, index }) => {
          answers[index] = await this.createForSlot(input);
        }),
      );
    }
    return answers.map((answer) => {
      if (!answer) throw new Error("createForSlots: a slot was left unanswered");
      return answer;
    });
  }

  /** The positions of `docs` a unique index refused; any other error is thrown. */
  private async insertUnordered(docs: CheckinDoc[]): Promise<Set<number>> {
    if (docs.length === 0) return new Set();
    try {
      await this.model.collection.insertMany(docs, { ordered: false });
      return new Set();
    } catch (error) {
      return refusedByUniqueIndex(error);
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

  /** The check-ins of these slots that exist, by `slotKey`. */
  private async findSlots(
    slots: readonly Pick<NewCheckin, "relationshipId" | "slot">[],
  ): Promise<Map<string, Checkin>> {
    if (slots.length === 0) return new Map();
    const docs = await this.model
      .find({ $or: slots.map(({ relationshipId, slot }) => ({ relationshipId, slot })) })
      .lean<CheckinDoc[]>();
    return new Map(docs.map((doc) => [slotKey(doc.relationshipId, doc.slot), toCheckin(doc)]));
  }

  private async findSlot(relationshipId: string, slot: string): Promise<Checkin | null> {
    const doc = await this.model.findOne({ relationshipId, slot }).lean<CheckinDoc>();
    return doc ? toCheckin(doc) : null;
  }
}

const slotKey = (relationshipId: string, slot: string) => `${relationshipId} ${slot}`;

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
