import { type AnyBulkWriteOperation, type Connection, type Model, Types } from "mongoose";
import type { RelationshipSettings } from "../../domain/celebration.js";
import { BUCKET_MS, bucketOf, LOOK_NOW, PARKED } from "../../domain/due-index.js";
import type { EndingStore, Reflection } from "../../domain/ending.js";
import { DomainError } from "../../domain/errors.js";
import { FORMER_MEMBER, type PersonalDataHolder } from "../../domain/forgetting.js";
import type { ReassignmentStore } from "../../domain/reassignment.js";
import {
  type DueRelationship,
  type GoalStore,
  type NewRelationship,
  openPairKey,
  type PairingStore,
  type PresenceMarks,
  type Relationship,
  type RelationshipStatus,
  type RoadmapPreviews,
  type ScheduleAdvance,
  type ScheduleStore,
  type SettingsStore,
} from "../../domain/relationship.js";
import type { RelationshipFinder } from "../../domain/relationship-access.js";
import type { Goal, NumberedOpenMilestone } from "../../domain/roadmap.js";
import { bulkWriteInChunks } from "../bulk-write.js";
import { checkedOnFound, writeByIdAtOnce } from "../by-id-writes.js";
import { fillMissing } from "../fill-missing.js";
import { isDuplicateKeyError, refusedByUniqueIndex } from "../mongo-errors.js";
import { relationshipSchema } from "./relationship.schema.js";
import {
  conditionFilter,
  type PairAsRead,
  type RelationshipChange,
  RelationshipChanges,
  setOf,
} from "./relationship-changes.js";

interface RelationshipDoc extends Omit<Relationship, "id" | "reflections"> {
  _id: Types.ObjectId;
  pairKey: string;
  checkinSequence?: number | null;
  dueBucket?: number;
  /** The last recorded change this document shows (see RelationshipChanges). */
  lastChange?: string | null;
  reflections?: Record<string, Omit<Reflection, "authorId">>;
  roadmapRev?: number;
  roadmapPreview?: { rev: number; open: NumberedOpenMilestone[] } | null;
}

export class RelationshipRepository
  implements
    RelationshipFinder,
    PairingStore,
    ScheduleStore,
    GoalStore,
    SettingsStore,
    EndingStore,
    ReassignmentStore,
    PresenceMarks,
    RoadmapPreviews,
    PersonalDataHolder
{
  private readonly model: Model<RelationshipDoc>;

  constructor(
    connection: Connection,
    private readonly changes = new RelationshipChanges(connection),
  ) {
    this.model = connection.model<RelationshipDoc>("Relationship", relationshipSchema);
  }

  /** Inserts a pair; throws `already_paired` if the two people already have an open one. */
  async create(input: NewRelationship): Promise<Relationship> {
    try {
      const doc = await this.model.create({
        mentorId: input.mentorId,
        menteeId: input.menteeId,
        status: input.status,
        pairKey: openPairKey(input.mentorId, input.menteeId),
        createdBy: input.createdBy,
        requestedBy: input.requestedBy,
        awaitingUserId: input.awaitingUserId,
        activatedAt: input.status === "active" ? input.now : null,
        // A new pair has no check-in yet: the sweep numbers its first one without asking.
        checkinSequence: 0,
        // No milestone yet: a check-in shows none without reading them (see RoadmapPreviews).
        roadmapRev: 0,
        roadmapPreview: { rev: 0, open: [] },
        // Active: the next sweep plans it. Pending: no sweep looks until it is accepted.
        dueBucket: input.status === "active" ? LOOK_NOW : PARKED,
        createdAt: input.now,
        updatedAt: input.now,
      });
      return toRelationship(doc.toObject());
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new DomainError("already_paired");
      throw error;
    }
  }

  async findById(id: string): Promise<Relationship | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const doc = await this.model.findById(id).lean<RelationshipDoc>();
    return doc ? toRelationship(doc) : null;
  }

  /** The open (pending, active or paused) pair of these two people, either way round. */
  async findOpenBetween(a: string, b: string): Promise<Relationship | null> {
    const doc = await this.model.findOne({ pairKey: openPairKey(a, b) }).lean<RelationshipDoc>();
    return doc ? toRelationship(doc) : null;
  }

  async listForUser(
    userId: string,
    statuses: readonly RelationshipStatus[],
  ): Promise<Relationship[]> {
    const docs = await this.model
      .find({
        $or: [{ mentorId: String(userId) }, { menteeId: String(userId) }],
        status: { $in: [...statuses] },
      })
      .sort({ createdAt: 1 })
      .lean<RelationshipDoc[]>();
    return docs.map(toRelationship);
  }

  /** The ids of the pairs the person mentored until an admin moved them to someone else. */
  async pairsFormerlyMentoredBy(userId: string): Promise<string[]> {
    const docs = await this.model
      .find({ formerMentorIds: String(userId) }, { _id: 1 })
      .lean<Array<{ _id: Types.ObjectId }>>();
    return docs.map((doc) => String(doc._id));
  }

  /**
   * Requests the person is in, either side, waiting for an answer: two equality reads, each on
   * an index ({mentorId, status}, {menteeId, status}), where `$or` would scan on FerretDB.
   */
  async pendingFor(userId: string): Promise<Relationship[]> {
    const [asMentor, asMentee] = await Promise.all(
      (["mentorId", "menteeId"] as const).map((side) =>
        this.model.find({ [side]: String(userId), status: "pending" }).lean<RelationshipDoc[]>(),
      ),
    );
    return [...(asMentor ?? []), ...(asMentee ?? [])]
      .map(toRelationship)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }

  async countPendingRequestedBy(requesterId: string): Promise<number> {
    return this.model.countDocuments({ requestedBy: String(requesterId), status: "pending" });
  }

  async declinedSince(requesterId: string, otherId: string, since: Date): Promise<boolean> {
    const found = await this.model.exists({
      requestedBy: String(requesterId),
      status: "ended",
      endReason: "declined",
      endedAt: { $gte: since },
      $or: [{ mentorId: String(otherId) }, { menteeId: String(otherId) }],
    });
    return found !== null;
  }

  /** pending → active, atomically: only one of two racing clicks wins. */
  async activate(id: string, now: Date): Promise<Relationship | null> {
    return this.transition(id, "pending", {
      status: "active",
      dueBucket: LOOK_NOW,
      activatedAt: now,
      awaitingUserId: null,
      updatedAt: now,
    });
  }

  /** Ends a pair (or a request) and frees its pair key for a future pairing. */
  async end(
    id: string,
    from: RelationshipStatus,
    reason: string,
    now: Date,
  ): Promise<Relationship | null> {
    const set = {
      status: "ended",
      dueBucket: PARKED,
      pairKey: `ended:${id}`,
      endReason: reason,
      endedAt: now,
      awaitingUserId: null,
      updatedAt: now,
    };
    return this.writeRecorded(id, { when: { status: [from] }, set }, now);
  }

  async reassign(
    current: Pick<Relationship, "id" | "mentorId" | "menteeId" | "formerMentorIds">,
    toMentorId: string,
    now: Date,
  ): Promise<Relationship | null> {
    try {
      return await this.writeRecorded(
        current.id,
        {
          when: { mentorId: current.mentorId, status: ["active", "paused"] },
          set: {
            mentorId: toMentorId,
            formerMentorIds: [...new Set([...(current.formerMentorIds ?? []), current.mentorId])],
            pairKey: openPairKey(toMentorId, current.menteeId),
            updatedAt: now,
          },
        },
        now,
      );
    } catch (error) {
      // The new two already have an open pair: the unique pair key says no.
      if (isDuplicateKeyError(error)) throw new DomainError("already_paired");
      throw error;
    }
  }

  async saveReflection(id: string, reflection: Reflection): Promise<Relationship | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const { authorId, ...answers } = reflection;
    const doc = await this.model
      .findOneAndUpdate(
        { _id: id, status: "ended" },
        { $set: { [`reflections.${authorId}`]: answers } },
        { returnDocument: "after" },
      )
      .lean<RelationshipDoc>();
    return doc ? toRelationship(doc) : null;
  }

  async setGoal(id: string, goal: Goal): Promise<Relationship | null> {
    const set = { goal, updatedAt: goal.updatedAt };
    return this.writeRecorded(id, { when: {}, set }, goal.updatedAt);
  }

  /** Merges `changes` into the pair's settings (other settings are kept). */
  async updateSettings(
    id: string,
    changes: RelationshipSettings,
    now: Date,
  ): Promise<Relationship | null> {
    // A setting left undefined is not written (as mongoose drops it from an update).
    const settings = Object.fromEntries(
      Object.entries(changes).filter(([, value]) => value !== undefined),
    );
    return this.writeRecorded(
      id,
      { when: {}, set: { updatedAt: now }, setWithin: { settings } },
      now,
    );
  }

  /**
   * One bucket of the due index, found by equality on `dueBucket` (FerretDB narrows to it with
   * the index, then filters the rest). Unsorted: a sort would scan on FerretDB.
   */
  async listInBucket(bucket: number, limit: number, dueBy?: Date): Promise<DueRelationship[]> {
    const filter: Record<string, unknown> = dueBy
      ? {
          dueBucket: bucket,
          status: "active",
          checkinsPaused: { $ne: true },
          $or: [{ nextCheckinAt: { $lte: dueBy } }, { nextCheckinAt: null }],
        }
      : { dueBucket: bucket };
    // The whole page in the first reply: by default the server sends 101, then a getMore each.
    const docs = await this.model
      .find(filter)
      .limit(limit)
      .batchSize(limit)
      .lean<RelationshipDoc[]>();
    return docs.map((doc) => ({
      ...toRelationship(doc),
      checkinSequence: typeof doc.checkinSequence === "number" ? doc.checkinSequence : null,
      dueBucket: doc.dueBucket ?? bucket,
      lastChange: doc.lastChange ?? null,
    }));
  }

  /** One `distinct` over a range: on FerretDB a scan of the collection, so the walk asks rarely. */
  async bucketsHeld(from: number, to: number): Promise<number[]> {
    const held = await this.model.distinct("dueBucket", { dueBucket: { $gte: from, $lte: to } });
    return held.filter((bucket): bucket is number => typeof bucket === "number");
  }

  /**
   * Compare-and-set on `{ dueBucket, nextCheckinAt }`, a statement a pair by `_id`, a page in
   * four commands at once (see advanceStatements, writeByIdAtOnce). Returns how many moved.
   */
  async advanceMany(advances: readonly ScheduleAdvance[]): Promise<number> {
    let moved = 0;
    await writeByIdAtOnce(advanceStatements(advances), async (command) => {
      const { modifiedCount } = await this.model.bulkWrite(command, { ordered: false });
      moved += modifiedCount;
    });
    await this.writeUnshownChanges(advances);
    return moved;
  }

  /**
   * Writes again the changes people made to these pairs that the sweep's read of them did not
   * show: on FerretDB its advance may have undone them (see RelationshipChanges). One read for
   * the page; a write only for a pair changed since the sweep read it. That write can itself
   * undo a change made at the same moment, whose record is then already in (it is inserted
   * before its update starts, and an update this write undid had finished before it): while
   * a pair shows a change not yet written again, all of them since the read are, once more.
   */
  private async writeUnshownChanges(read: readonly PairAsRead[]): Promise<void> {
    const written = new Map<string, string>();
    let pairs = read;
    for (let round = 0; round < REWRITE_ROUNDS && pairs.length > 0; round++) {
      const writes = (await this.changes.unshown(pairs)).filter(
        (w) => w.latest !== written.get(w.id),
      );
      const statements = writes.map((w) => w.statement as AnyBulkWriteOperation<RelationshipDoc>);
      await bulkWriteInChunks(statements, async (chunk) => {
        try {
          await this.model.bulkWrite(chunk, { ordered: false });
        } catch (error) {
          // A reassignment whose new pair key another pair took meanwhile stays undone.
          refusedByUniqueIndex(error);
        }
      });
      for (const w of writes) written.set(w.id, w.latest);
      const rewritten = new Set(writes.map((w) => w.id));
      pairs = pairs.filter((p) => rewritten.has(p.id));
    }
  }

  async updateSchedule(
    id: string,
    changes: Partial<
      Pick<Relationship, "cadence" | "nextCheckinAt" | "checkinsPaused" | "skipNextCheckin">
    >,
    now: Date,
  ): Promise<Relationship | null> {
    const set = { ...changes, ...dueBucketAfter(changes), updatedAt: now };
    return this.writeRecorded(id, { when: {}, set }, now);
  }

  /**
   * Pairs without a due bucket get one: every pair from before the due index (the upgrade,
   * claimed once in `Database.connect`), and then, hourly, any pair a replica of the old version
   * wrote during a rolling upgrade, which no sweep would otherwise find. Read a page of the
   * missing ones at a time (an open cursor while writing the same collection stalls FerretDB on
   * SQLite), written 25 to a command; when none is missing that is one indexed read on MongoDB
   * (one scan on FerretDB).
   */
  fillDueBuckets(now: Date, page = 500): Promise<number> {
    return fillMissing(
      this.model.collection,
      { dueBucket: { $exists: false } },
      { status: 1, checkinsPaused: 1, nextCheckinAt: 1 },
      (row) => ({ dueBucket: upgradeBucket(row as UpgradeFields, now) }),
      page,
    );
  }

  async roadmapChanged(relationshipId: string): Promise<number | null> {
    if (!Types.ObjectId.isValid(relationshipId)) return null;
    const doc = await this.model
      .findOneAndUpdate(
        { _id: relationshipId },
        { $inc: { roadmapRev: 1 } },
        // No projection: FerretDB 1.24's findAndModify does not take one.
        { returnDocument: "after" },
      )
      .lean<{ roadmapRev?: number }>();
    return doc?.roadmapRev ?? null;
  }

  async saveOpenMilestones(
    relationshipId: string,
    rev: number,
    open: readonly NumberedOpenMilestone[],
  ): Promise<void> {
    if (!Types.ObjectId.isValid(relationshipId)) return;
    const kept = open.map(({ number, milestone: { id, title, dueDate } }) => ({
      number,
      milestone: { id, title, dueDate },
    }));
    await this.model.updateOne(
      { _id: relationshipId },
      { $set: { roadmapPreview: { rev, open: kept } } },
    );
  }

  /** Marks (or unmarks) `userId` as gone in every pair they are in, by indexed equality. */
  async markLeft(userId: string, left: boolean): Promise<void> {
    const id = String(userId);
    const change = left ? { $addToSet: { leftWorkspace: id } } : { $pull: { leftWorkspace: id } };
    for (const field of ["mentorId", "menteeId"]) {
      await this.model.updateMany({ [field]: id }, change);
    }
  }

  /**
   * The upgrade to pairs that know who of them left: those already gone are marked first, then
   * every pair still without the field gets an empty one. Stopped in between, the pairs without
   * it read the person, as before (see Relationship.leftWorkspace).
   */
  async fillLeftWorkspace(leftIds: readonly string[]): Promise<void> {
    for (const id of leftIds) await this.markLeft(id, true);
    // One statement a pair, not one `updateMany`: FerretDB reads every pair such a command
    // matches before writing them back one by one, so a pair ended or paused while it ran
    // (minutes at 100,000 pairs) was written back as it was read.
    await fillMissing(
      this.model.collection,
      { leftWorkspace: { $exists: false } },
      { _id: 1 },
      () => ({ leftWorkspace: [] }),
    );
  }

  /** Shown as a former member in every pair they were in; their reflections and aspiration go. */
  async forgetPerson(userId: string, relationshipIds: readonly string[]): Promise<number> {
    const ids = relationshipIds.filter((id) => Types.ObjectId.isValid(id));
    if (ids.length === 0) return 0;
    const inPairs = { _id: { $in: ids } };
    let changed = 0;
    // Read before their id gives way at the end. The pairs they are one of the two of; the others
    // are pairs they mentored until a reassignment, which go on without them.
    const members = await this.model
      .find(
        { ...inPairs, $or: [{ mentorId: String(userId) }, { menteeId: String(userId) }] },
        { _id: 1, menteeId: 1 },
      )
      .lean<Array<{ _id: Types.ObjectId; menteeId: string }>>();
    const asMember = members.map((doc) => String(doc._id));
    const asMentee = members
      .filter((doc) => doc.menteeId === String(userId))
      .map((doc) => String(doc._id));
    // The aspiration is the mentee's, whoever typed it: it goes with them, and stays with a
    // mentee whose mentor typed it (naming a former member).
    await this.model.updateMany({ _id: { $in: asMentee } }, { $set: { goal: null } });
    await this.model.updateMany(
      { ...inPairs, "goal.updatedBy": String(userId) },
      { $set: { "goal.updatedBy": FORMER_MEMBER } },
    );
    // In their own pairs the ending's reason may be theirs; the other person's reflections stay.
    await this.model.updateMany({ _id: { $in: asMember } }, { $set: { endReason: null } });
    await this.model.updateMany(inPairs, {
      $unset: { [`reflections.${userId}`]: "" },
      $pull: { leftWorkspace: String(userId), formerMentorIds: String(userId) },
    });
    await this.changes.forgetPerson(userId, { all: ids, asMember, asMentee });
    // Their id gives way last: until then a retry after a failure here finds the same pairs.
    for (const field of ["mentorId", "menteeId", "createdBy", "requestedBy", "awaitingUserId"]) {
      const result = await this.model.updateMany(
        { ...inPairs, [field]: String(userId) },
        { $set: { [field]: FORMER_MEMBER } },
      );
      changed += result.modifiedCount;
    }
    return changed;
  }

  async ensureIndexes(): Promise<void> {
    await Promise.all([this.model.createIndexes(), this.changes.ensureIndexes()]);
  }

  /**
   * A person's change: recorded first (no sweep can then undo it for good), then written under
   * its condition, naming itself on the pair. When the condition fails, a sweep may have written
   * it already from the record; else it did not happen, and its record goes.
   */
  private async writeRecorded(
    id: string,
    change: RelationshipChange,
    now: Date,
  ): Promise<Relationship | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const changeId = await this.changes.record(id, change, now);
    let doc: RelationshipDoc | null;
    try {
      doc = await this.model
        .findOneAndUpdate(
          { _id: id, ...conditionFilter(change.when) },
          { $set: { ...setOf(change), lastChange: changeId } },
          { returnDocument: "after" },
        )
        .lean<RelationshipDoc>();
      doc ??= await this.model.findById(id).lean<RelationshipDoc>();
    } catch (error) {
      // Refused by the unique pair key: not written. Anything else may have been: kept.
      if (isDuplicateKeyError(error)) await this.changes.forget(changeId);
      throw error;
    }
    if (doc?.lastChange === changeId) return toRelationship(doc);
    await this.changes.forget(changeId);
    return null;
  }

  private async transition(
    id: string,
    from: RelationshipStatus,
    set: Record<string, unknown>,
  ): Promise<Relationship | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const doc = await this.model
      .findOneAndUpdate({ _id: id, status: from }, { $set: set }, { returnDocument: "after" })
      .lean<RelationshipDoc>();
    return doc ? toRelationship(doc) : null;
  }
}

/** Times the sweep writes again what people changed while it wrote (each its own moment). */
const REWRITE_ROUNDS = 4;

/**
 * The sweep's advances, one statement a pair: an `updateMany` by its `_id`, with the
 * compare-and-set checked on the document found (see by-id-writes.ts). Grouping the pairs that
 * move alike into one `updateMany` of their ids made FerretDB read every pair of the bucket and
 * slot for each group: 43 s for a page of 500 at 100,000 pairs not yet planned.
 */
function advanceStatements(
  advances: readonly ScheduleAdvance[],
): AnyBulkWriteOperation<RelationshipDoc>[] {
  return advances.map((a) => ({
    updateMany: {
      filter: {
        _id: new Types.ObjectId(a.id),
        dueBucket: checkedOnFound(a.from),
        nextCheckinAt: checkedOnFound(a.expected),
      },
      update: {
        $set: {
          nextCheckinAt: a.next,
          dueBucket: a.dueBucket,
          ...(a.clearSkip ? { skipNextCheckin: false } : {}),
          // Set, never incremented: two sweeps that both win on FerretDB write the same number.
          ...(a.checkinSequence !== undefined ? { checkinSequence: a.checkinSequence } : {}),
        },
      },
    },
  }));
}

/**
 * A schedule change does not know the pair's status: it asks every sweep to look (LOOK_NOW),
 * and the sweep parks the pair or moves it to its hour. Pausing parks it at once.
 */
function dueBucketAfter(changes: { nextCheckinAt?: unknown; checkinsPaused?: boolean }) {
  if (changes.checkinsPaused === true) return { dueBucket: PARKED };
  if ("nextCheckinAt" in changes || "checkinsPaused" in changes) return { dueBucket: LOOK_NOW };
  return {};
}

/** A pair from before the due index: parked, planned an hour or more ahead, or looked at now. */
interface UpgradeFields {
  status?: unknown;
  checkinsPaused?: unknown;
  nextCheckinAt?: unknown;
}

function upgradeBucket(doc: UpgradeFields, now: Date): number {
  if (doc.status !== "active" || doc.checkinsPaused === true) return PARKED;
  const next = doc.nextCheckinAt instanceof Date ? doc.nextCheckinAt : null;
  // An hour ahead is above any mark a replica may have set by now (see due-index.ts).
  if (next && next.getTime() >= now.getTime() + BUCKET_MS) return bucketOf(next);
  return LOOK_NOW;
}

function toRelationship(doc: RelationshipDoc): Relationship {
  return {
    id: doc._id.toString(),
    mentorId: doc.mentorId,
    menteeId: doc.menteeId,
    status: doc.status,
    createdBy: doc.createdBy,
    requestedBy: doc.requestedBy ?? null,
    awaitingUserId: doc.awaitingUserId ?? null,
    endReason: doc.endReason ?? null,
    goal: doc.goal
      ? {
          aspiration: doc.goal.aspiration,
          targetDate: doc.goal.targetDate ?? null,
          updatedAt: doc.goal.updatedAt,
          updatedBy: doc.goal.updatedBy,
        }
      : null,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    activatedAt: doc.activatedAt ?? null,
    endedAt: doc.endedAt ?? null,
    cadence: doc.cadence
      ? {
          frequency: doc.cadence.frequency,
          weekday: doc.cadence.weekday,
          time: doc.cadence.time,
          anchorDate: doc.cadence.anchorDate ?? null,
        }
      : null,
    nextCheckinAt: doc.nextCheckinAt ?? null,
    checkinsPaused: Boolean(doc.checkinsPaused),
    ...(Array.isArray(doc.leftWorkspace) ? { leftWorkspace: doc.leftWorkspace.map(String) } : {}),
    ...(Array.isArray(doc.formerMentorIds)
      ? { formerMentorIds: doc.formerMentorIds.map(String) }
      : {}),
    roadmapRev: doc.roadmapRev ?? 0,
    // Shown only while no roadmap change came after it was read (see RoadmapPreviews).
    ...(doc.roadmapPreview && doc.roadmapPreview.rev === (doc.roadmapRev ?? 0)
      ? { openMilestones: doc.roadmapPreview.open }
      : {}),
    skipNextCheckin: Boolean(doc.skipNextCheckin),
    settings: settingsOf(doc.settings),
    reflections: Object.entries(doc.reflections ?? {}).map(([authorId, r]) => ({
      authorId,
      whatWorked: String(r.whatWorked ?? ""),
      nextSteps: String(r.nextSteps ?? ""),
      at: r.at,
    })),
  };
}

/** Only known settings, of the right type, leave the repository. */
function settingsOf(raw: unknown): RelationshipSettings {
  const s = (raw ?? {}) as Record<string, unknown>;
  return {
    ...(s.celebrate === "public" || s.celebrate === "private" ? { celebrate: s.celebrate } : {}),
    ...(typeof s.celebrationChannelId === "string"
      ? { celebrationChannelId: s.celebrationChannelId }
      : {}),
    ...(typeof s.shareAspiration === "boolean" ? { shareAspiration: s.shareAspiration } : {}),
  };
}
