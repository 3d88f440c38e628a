import { type Connection, type Model, Types } from "mongoose";
import type { DeferredWork } from "../../domain/availability.js";
import type {
  Checkin,
  CheckinAnswer,
  CheckinStatus,
  CheckinStore,
  NewCheckin,
  NewSlotCheckin,
  SentFields,
} from "../../domain/checkin.js";
import {
  ANNOUNCE_AGAIN_AFTER_MS,
  type DueCheckin,
  type FollowUpFields,
  type FollowUpMove,
  followUpBucket,
  followUpBucketAfter,
} from "../../domain/checkin-follow-up-index.js";
import { CHECKIN_SWEEP_PAGE_SIZE } from "../../domain/checkin-scheduler.js";
import { bucketOf, PARKED } from "../../domain/due-index.js";
import type { OpenWorkCloser } from "../../domain/ending.js";
import { FORMER_MEMBER, type PersonalDataHolder } from "../../domain/forgetting.js";
import type { OpenCheckinMover } from "../../domain/reassignment.js";
import { bulkWriteInChunks, updateAllOrEachAlone } from "../bulk-write.js";
import { checkedOnFound } from "../by-id-writes.js";
import { fillMissing } from "../fill-missing.js";
import { isDuplicateKeyError, refusedByUniqueIndex } from "../mongo-errors.js";
import { transitionStatus } from "../status-queries.js";
import { WriteLanes } from "../write-batches.js";
import { checkinSchema } from "./checkin.schema.js";
import { checkinAnswerSchema } from "./checkin-answer.schema.js";

interface CheckinDoc extends Omit<Checkin, "id"> {
  _id: Types.ObjectId;
  createdAt: Date;
  /** The hour of its next follow-up step (checkin-follow-up-index.ts); absent if written before. */
  followUpBucket?: number;
}

interface AnswerDoc {
  checkinId: string;
  at: Date;
  answer?: CheckinAnswer | null;
  pending?: boolean;
}

/**
 * Check-ins inserted in one command. An insert is not an update: FerretDB 1.24 answers an
 * `insertMany` of 5,000 (the bench seeds that way) where an update command of 100 statements
 * hangs (see bulk-write.ts), so a sweep page goes in one.
 */
const INSERT_CHUNK = CHECKIN_SWEEP_PAGE_SIZE;

/** A claim without its answer this long after it was made was abandoned (see `claim`). */
const ABANDONED_CLAIM_MS = 10 * 60_000;

/** Racing creations each retry with the next number; more than a few means something is wrong. */
const SEQUENCE_ATTEMPTS = 10;

/** Slots that need the one-by-one path, a few at a time (a handful a page, normally). */
const SLOW_PATH_PARALLEL = 8;

export class CheckinRepository
  implements CheckinStore, DeferredWork, OpenWorkCloser, OpenCheckinMover, PersonalDataHolder
{
  private readonly model: Model<CheckinDoc>;
  private readonly answers: Model<AnswerDoc>;
  /** Deliveries' saves that come at once share a command (see saveSent). */
  private readonly sentSaves: WriteLanes<SentSave>;

  constructor(connection: Connection) {
    this.model = connection.model<CheckinDoc>("Checkin", checkinSchema);
    this.answers = connection.model<AnswerDoc>("CheckinAnswer", checkinAnswerSchema);
    this.sentSaves = new WriteLanes(
      (saves) => this.writeSentSaves(saves),
      (save) => save.checkin.id,
    );
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
          followUpBucket: createdBucket(input),
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
          followUpBucket: createdBucket(input),
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

  /**
   * One bucket of the follow-up index, found by equality (FerretDB narrows to it with the
   * index, then filters the rest). Unsorted: a sort would scan on FerretDB.
   */
  async listFollowUps(bucket: number, limit: number, dueBy?: Date): Promise<DueCheckin[]> {
    const filter: Record<string, unknown> = dueBy
      ? {
          followUpBucket: bucket,
          $or: [
            { status: "scheduled", scheduledFor: { $lte: dueBy } },
            { status: "sent", remindedAt: null, remindAt: { $lte: dueBy } },
            { status: "sent", missAt: { $lte: dueBy } },
            { status: "missed", streakCheckedAt: null },
            {
              status: "answered",
              announcedAt: null,
              "answer.at": { $lte: new Date(dueBy.getTime() - ANNOUNCE_AGAIN_AFTER_MS) },
            },
          ],
        }
      : { followUpBucket: bucket };
    // The whole page in the first reply: by default the server sends 101, then a getMore each.
    const docs = await this.model.find(filter).limit(limit).batchSize(limit).lean<CheckinDoc[]>();
    return docs.map((doc) => ({ ...toCheckin(doc), dueBucket: doc.followUpBucket ?? bucket }));
  }

  /** One `distinct` over a range: on FerretDB a scan of the collection, so the walk asks rarely. */
  async followUpBucketsHeld(from: number, to: number): Promise<number[]> {
    const held = await this.model.distinct("followUpBucket", {
      followUpBucket: { $gte: from, $lte: to },
    });
    return held.filter((bucket): bucket is number => typeof bucket === "number");
  }

  /**
   * Each only if it is still as the pass read it (found by `_id`): a write since put it where
   * its new step is. BULK_WRITE_CHUNK to a command.
   */
  async moveFollowUps(moves: readonly FollowUpMove[]): Promise<void> {
    await bulkWriteInChunks(moves, (chunk) =>
      this.model.bulkWrite(
        chunk.map(({ read, bucket }) => ({
          updateOne: {
            filter: {
              _id: new Types.ObjectId(read.id),
              followUpBucket: read.dueBucket,
              status: read.status,
              scheduledFor: read.scheduledFor,
              remindAt: read.remindAt,
              remindedAt: read.remindedAt,
              missAt: read.missAt,
              announcedAt: read.announcedAt,
              streakCheckedAt: read.streakCheckedAt,
            },
            update: { $set: { followUpBucket: bucket } },
          },
        })),
        { ordered: false },
      ),
    );
  }

  /**
   * Open check-ins without a follow-up bucket get one: every one from before the index (the
   * upgrade, claimed once in \`Database.connect\`), and then, hourly, any a replica of the old
   * version wrote during a rolling upgrade, which the follow-up pass would otherwise never find.
   * Closed ones need none. Read by status (equality, on an index) a page at a time, written 25
   * to a command.
   */
  async fillFollowUpBuckets(now: Date, page = 500): Promise<number> {
    let filled = 0;
    for (const status of ["scheduled", "sent"] as const) {
      filled += await fillMissing(
        this.model.collection,
        { status, followUpBucket: { $exists: false } },
        { status: 1, scheduledFor: 1, remindAt: 1, remindedAt: 1, missAt: 1 },
        // Never below the current hour: the mark may be up to it already.
        (row) => ({ followUpBucket: followUpBucket(upgradeFields(row), bucketOf(now)) }),
        page,
      );
    }
    return filled;
  }

  /** Moves a check-in from one status to another, once: null if it was not in `from`. */
  async transition(
    id: string,
    from: readonly CheckinStatus[],
    to: CheckinStatus,
    set: Partial<Omit<Checkin, "id" | "status">> = {},
  ): Promise<Checkin | null> {
    const bucket = followUpBucketAfter(from, to, set);
    const doc = await transitionStatus(this.model, id, from, to, {
      ...set,
      ...(bucket === undefined ? {} : { followUpBucket: bucket }),
    });
    return doc ? toCheckin(doc) : null;
  }

  /**
   * As `transition(id, ["scheduled"], "sent", sent)`, but saves that come at once go in one bulk
   * write (a group commit in lanes, see WriteLanes): the check-ins a worker sends together cost
   * a few commands, not one each. The saved check-in is the one read with these fields set.
   */
  async saveSent(checkin: Checkin, sent: SentFields): Promise<Checkin | null> {
    const save: SentSave = { checkin, sent, saved: null };
    await this.sentSaves.add(save);
    return save.saved;
  }

  /**
   * The server counts the matches of a bulk write, not which ones: all matched, each save landed;
   * fewer (one was answered or skipped meanwhile, which is rare), each finds out alone.
   */
  private async writeSentSaves(saves: SentSave[]): Promise<void> {
    await updateAllOrEachAlone(saves, {
      statement: ({ checkin, sent }) => ({
        updateOne: {
          // Found by `_id` alone: every scheduled check-in shares the status (by-id-writes.ts).
          filter: { _id: checkin.id, status: checkedOnFound("scheduled" as const) },
          update: {
            $set: {
              ...sent,
              status: "sent",
              followUpBucket: followUpBucketAfter(FROM, "sent", sent),
            },
          },
        },
      }),
      bulkWrite: (statements) => this.model.bulkWrite(statements, { ordered: false }),
      matched: (save) => {
        save.saved = { ...save.checkin, ...save.sent, status: "sent" };
      },
      alone: async (save, afterBulk) => {
        save.saved = await this.saveSentAlone(save, afterBulk);
      },
    });
  }

  /** One save on its own: its own write, or (after a bulk write that may have carried it) a read. */
  private async saveSentAlone(
    { checkin, sent }: SentSave,
    afterBulk: boolean,
  ): Promise<Checkin | null> {
    const saved = await this.transition(checkin.id, FROM, "sent", sent);
    if (saved || !afterBulk) return saved;
    // Not scheduled now: perhaps because this save landed in the bulk write. It did if the
    // check-in is sent at this save's time, with its message.
    const now = await this.model.findById(checkin.id).lean<CheckinDoc>();
    const landed =
      now?.status === "sent" &&
      now.sentAt?.getTime() === sent.sentAt?.getTime() &&
      (now.message?.ts ?? null) === (sent.message?.ts ?? null);
    return landed && now ? toCheckin(now) : null;
  }

  async markReminded(id: string, at: Date, missAt: Date): Promise<Checkin | null> {
    const doc = await this.model
      .findOneAndUpdate(
        { _id: id, status: checkedOnFound("sent"), remindedAt: null },
        {
          $set: {
            remindedAt: at,
            missAt,
            followUpBucket: followUpBucket({ ...REMINDED, remindedAt: at, missAt }),
          },
        },
        { returnDocument: "after" },
      )
      .lean<CheckinDoc>();
    return doc ? toCheckin(doc) : null;
  }

  async parkSentOf(relationshipId: string): Promise<void> {
    await this.model.updateMany(
      { relationshipId: String(relationshipId), status: "sent", slot: { $not: /^now:/ } },
      { $set: { followUpBucket: PARKED } },
    );
  }

  async parkSent(id: string): Promise<void> {
    await this.model.updateOne(
      { _id: id, status: checkedOnFound("sent") },
      { $set: { followUpBucket: PARKED } },
    );
  }

  /** By `_id`, one each (an `$in` would scan on FerretDB); a sweep marks a handful. */
  async markStreakChecked(ids: readonly string[], at: Date): Promise<void> {
    await Promise.all(
      ids.map((id) =>
        this.model.updateOne(
          { _id: id, status: checkedOnFound("missed") },
          { $set: { streakCheckedAt: at, followUpBucket: PARKED } },
        ),
      ),
    );
  }

  /** By equality on its own index: anything else scans the collection on FerretDB. */
  async listOwedReflections(limit: number): Promise<Checkin[]> {
    const docs = await this.model.find({ reflectionOwed: true }).limit(limit).lean<CheckinDoc[]>();
    return docs.map(toCheckin);
  }

  async reflectionSettled(id: string): Promise<void> {
    await this.model.updateOne(
      { _id: id, reflectionOwed: checkedOnFound(true) },
      { $unset: { reflectionOwed: "" } },
    );
  }

  async markAnnounced(id: string, at: Date): Promise<void> {
    await this.model.updateOne(
      { _id: id, status: checkedOnFound("answered") },
      { $set: { announcedAt: at, followUpBucket: PARKED } },
    );
  }

  async snooze(id: string, remindAt: Date): Promise<Checkin | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const doc = await this.model
      .findOneAndUpdate(
        { _id: id, status: checkedOnFound("sent") },
        {
          $set: {
            remindAt,
            remindedAt: null,
            missAt: null,
            followUpBucket: followUpBucket({ ...REMINDED, remindAt, remindedAt: null }),
          },
        },
        { returnDocument: "after" },
      )
      .lean<CheckinDoc>();
    return doc ? toCheckin(doc) : null;
  }

  /** A mentee is back: their deferred check-ins are due now (the sweep puts them in working hours). */
  async bringForward(menteeId: string, now: Date): Promise<number> {
    const result = await this.model.updateMany(
      { status: "scheduled", scheduledFor: { $gt: now }, menteeId: String(menteeId) },
      // Due now: in the current hour, which no mark has passed.
      { $set: { scheduledFor: now, followUpBucket: bucketOf(now) } },
    );
    return result.modifiedCount;
  }

  /** The first answer wins, once: null for the second of two simultaneous presses. */
  async answer(id: string, answer: CheckinAnswer): Promise<Checkin | null> {
    if (!(await this.claim(id, answer.at, answer))) return null;
    return this.answerMarked(id, answer);
  }

  async claimAnswer(id: string, at: Date): Promise<boolean> {
    return this.claim(id, at, null);
  }

  async answerClaimed(id: string, answer: CheckinAnswer): Promise<Checkin | null> {
    await this.answers.updateOne({ checkinId: id }, { $set: { answer }, $unset: { pending: 1 } });
    return this.answerMarked(id, answer);
  }

  async releaseClaim(id: string): Promise<void> {
    await this.answers.deleteOne({ checkinId: id });
  }

  /**
   * The unique mark: false when another answer has it. It keeps the answer once given. A claim
   * still without its answer long after it was made (its writer stopped between the two steps)
   * is let go, so the check-in is not left unanswerable; of racing takers the insert decides.
   */
  private async claim(id: string, at: Date, answer: CheckinAnswer | null): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      try {
        // The mark keeps the answer: the one record of it no other write can undo.
        await this.answers.create({
          checkinId: id,
          at,
          answer,
          ...(answer ? {} : { pending: true }),
        });
        return true;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        if (attempt > 0) return false;
        const stale = await this.answers.deleteOne({
          checkinId: id,
          pending: true,
          at: { $lt: new Date(at.getTime() - ABANDONED_CLAIM_MS) },
        });
        if (stale.deletedCount === 0) return false;
      }
    }
  }

  /** The check-in answered, under a mark this caller holds. */
  private async answerMarked(id: string, answer: CheckinAnswer): Promise<Checkin | null> {
    // "scheduled" too: the DM can be on screen a moment before its status is saved. In the
    // follow-up index until its announcement is recorded (markAnnounced), at the hour the
    // pass would announce it again; the answer is of this moment, so that hour is not past.
    const doc = await transitionStatus(this.model, id, ANSWERABLE, "answered", {
      answer,
      followUpBucket: followUpBucket({ ...ANSWERED, answer }, bucketOf(answer.at)),
    });
    const answered = doc ? toCheckin(doc) : null;
    // Not answerable (skipped, or gone): leave no mark, so nothing is decided by it.
    if (!answered) await this.answers.deleteOne({ checkinId: id });
    return answered;
  }

  /**
   * The check-in answered, if its mark says it was: its answer written again when a write of
   * the same moment took it off (on FerretDB the sent save, a reminder or the follow-up pass can
   * each write back the check-in as they read it a moment before the answer). Null when it has
   * no answer to restore. One indexed read when nothing was lost.
   */
  async restoreAnswer(id: string): Promise<Checkin | null> {
    const mark = await this.answers.findOne({ checkinId: id }).lean<AnswerDoc>();
    if (!mark?.answer) return null;
    const restored = await this.transition(id, ANSWERABLE, "answered", {
      answer: toAnswer(mark.answer),
    });
    if (restored) return restored;
    const stored = await this.findById(id);
    return stored?.status === "answered" ? stored : null;
  }

  /** The pair ended: its coming and unanswered check-ins are skipped, so no sweep finds them. */
  async closeOpenFor(relationshipId: string, _now: Date): Promise<number> {
    const result = await this.model.updateMany(
      { relationshipId: String(relationshipId), status: { $in: ["scheduled", "sent"] } },
      { $set: { status: "skipped", followUpBucket: PARKED } },
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
    // The copy of the answer its mark keeps, too (found by author: a mark names no pair).
    await this.answers.updateMany(
      { "answer.by": String(userId) },
      { $set: { "answer.note": "", "answer.by": FORMER_MEMBER } },
    );
    for (const field of ["mentorId", "menteeId"]) {
      // A mentee's check-ins were messages in their DM: where is forgotten with who.
      const more = field === "menteeId" ? { message: null } : {};
      const result = await this.model.updateMany(
        { ...inPairs, [field]: String(userId) },
        { $set: { [field]: FORMER_MEMBER, ...more } },
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

/** A delivery's save (saveSent), and the check-in saved (set by the write). */
interface SentSave {
  checkin: Checkin;
  sent: SentFields;
  saved: Checkin | null;
}

const FROM: readonly CheckinStatus[] = ["scheduled"];

/** What an answer moves on from: "scheduled" too, the DM can be on screen before its save. */
const ANSWERABLE: readonly CheckinStatus[] = ["scheduled", "sent", "missed"];

const slotKey = (relationshipId: string, slot: string) => `${relationshipId} ${slot}`;

/** A new check-in's bucket: its time may be past (a late slot), so never below the creator's hour. */
const createdBucket = (input: NewCheckin): number =>
  followUpBucket({ ...SCHEDULED, scheduledFor: input.scheduledFor }, bucketOf(input.now));

const SCHEDULED: FollowUpFields = {
  status: "scheduled",
  scheduledFor: new Date(0),
  remindAt: null,
  remindedAt: null,
  missAt: null,
  answer: null,
  announcedAt: null,
  streakCheckedAt: null,
};

/** The fields of a sent check-in that a reminder or a snooze does not set. */
const REMINDED: FollowUpFields = { ...SCHEDULED, status: "sent" };

/** A check-in just answered: not announced yet. */
const ANSWERED: FollowUpFields = { ...SCHEDULED, status: "answered" };

/** The follow-up fields of a raw document from before the index. */
function upgradeFields(row: Record<string, unknown>): FollowUpFields {
  const date = (value: unknown) => (value instanceof Date ? value : null);
  return {
    status: row.status as CheckinStatus,
    scheduledFor: date(row.scheduledFor) ?? new Date(0),
    remindAt: date(row.remindAt),
    remindedAt: date(row.remindedAt),
    missAt: date(row.missAt),
    // Only scheduled and sent check-ins are upgraded.
    answer: null,
    announcedAt: null,
    streakCheckedAt: null,
  };
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
    answer: doc.answer ? toAnswer(doc.answer) : null,
    announcedAt: doc.announcedAt ?? null,
    streakCheckedAt: doc.streakCheckedAt ?? null,
    ...(doc.reflectionOwed ? { reflectionOwed: true } : {}),
  };
}

function toAnswer(answer: CheckinAnswer): CheckinAnswer {
  return {
    kind: answer.kind,
    note: answer.note ?? "",
    milestoneTitles: [...(answer.milestoneTitles ?? [])],
    by: answer.by,
    at: answer.at,
  };
}
