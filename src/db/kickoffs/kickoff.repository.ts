import type { Connection, Model } from "mongoose";
import type { OpenWorkCloser } from "../../domain/ending.js";
import { FORMER_MEMBER, type PersonalDataHolder } from "../../domain/forgetting.js";
import {
  type Kickoff,
  type KickoffAnswers,
  type KickoffInvites,
  type KickoffPlan,
  type KickoffRef,
  type KickoffRole,
  type KickoffSlot,
  type KickoffStore,
  nextDue,
  type PendingWork,
  slotsOf,
} from "../../domain/kickoff.js";
import type { Relationship } from "../../domain/relationship.js";
import { checkedOnFound } from "../by-id-writes.js";
import { isDuplicateKeyError } from "../mongo-errors.js";
import { kickoffSchema } from "./kickoff.schema.js";
import { KickoffClaims } from "./kickoff-claims.js";
import { KickoffClears, type PendingField } from "./kickoff-clears.js";
import {
  answersOf,
  type KickoffStepFields,
  KickoffSteps,
  noSteps,
  type ScheduleFields,
} from "./kickoff-steps.js";

/** The steps' fields are here only in kickoffs from before steps had documents of their own. */
type KickoffDoc = Omit<Kickoff, "id"> & { _id: unknown };

/**
 * One kickoff per relationship; the sweep finds what is due through `dueAt`. The people's steps
 * (answers, suggestion, confirmation, and the last move's schedule) are documents of their own
 * (kickoff-steps.ts), read with it.
 */
export class KickoffRepository implements KickoffStore, OpenWorkCloser, PersonalDataHolder {
  private readonly model: Model<KickoffDoc>;
  /** The record of kickoff work done (kickoff-clears.ts); retention purges it. */
  readonly clears: KickoffClears;
  private readonly steps: KickoffSteps;
  /** Each person's kickoff time, claimed by unique inserts (kickoff-claims.ts); retention purges it. */
  readonly claims: KickoffClaims;

  constructor(connection: Connection) {
    this.model = connection.model<KickoffDoc>("Kickoff", kickoffSchema);
    this.clears = new KickoffClears(connection);
    this.steps = new KickoffSteps(connection);
    this.claims = new KickoffClaims(connection);
  }

  async createOnce(
    relationship: Pick<Relationship, "id" | "mentorId" | "menteeId">,
    plan: KickoffPlan & KickoffInvites,
    now: Date,
  ): Promise<Kickoff> {
    try {
      const doc = await this.model.create({
        relationshipId: relationship.id,
        mentorId: relationship.mentorId,
        menteeId: relationship.menteeId,
        ...plan,
        dueAt: nextDue(plan),
        createdAt: now,
        updatedAt: now,
      });
      // Its claims are its plan's: an earlier try's plan (its create failed, and this retry
      // planned another time) is given back here; a worker planning it at once gives its own
      // back (below).
      return this.holding(toKickoff(doc.toObject() as KickoffDoc));
    } catch (error) {
      // Planned already (a retried job, or another worker): the first plan stands.
      if (!isDuplicateKeyError(error)) throw error;
      const existing = await this.findByRelationship(relationship.id);
      if (!existing) throw error;
      return this.holding(existing);
    }
  }

  claim(relationshipId: string, slots: readonly KickoffSlot[]): Promise<KickoffSlot | null> {
    return this.claims.claim(String(relationshipId), slots);
  }

  async keepOnlyHeld(relationshipId: string): Promise<void> {
    const kickoff = await this.findByRelationship(relationshipId);
    await this.claims.releaseExcept(
      String(relationshipId),
      kickoff ? slotsOf(kickoff, kickoff) : [],
    );
  }

  /** The kickoff, its pair's claims given back but for its time as it now is. */
  private async holding(kickoff: Kickoff): Promise<Kickoff> {
    await this.claims.releaseExcept(kickoff.relationshipId, slotsOf(kickoff, kickoff));
    return kickoff;
  }

  async findById(id: string): Promise<Kickoff | null> {
    const loaded = await this.load(id);
    return loaded ? toKickoff(loaded.doc, loaded.steps) : null;
  }

  async findByRelationship(relationshipId: string): Promise<Kickoff | null> {
    const doc = await this.model
      .findOne({ relationshipId: String(relationshipId) })
      .lean<KickoffDoc>();
    return doc ? ((await this.withSteps([doc]))[0] ?? null) : null;
  }

  reschedule(
    kickoff: KickoffRef & Pick<Kickoff, "moves">,
    plan: KickoffPlan,
    scheduledBy: string,
    now: Date,
  ) {
    // A new time means new reminders (and a new confirmation), whatever went out before;
    // invitations not yet sent still wait for their time.
    return this.writeSchedule(kickoff, { ...plan, scheduledBy, moves: kickoff.moves + 1 }, now);
  }

  async saveAnswers(kickoff: KickoffRef, answers: KickoffAnswers): Promise<Kickoff | null> {
    await this.steps.saveAnswers(kickoff, answers);
    return this.findById(kickoff.id);
  }

  async markSuggested(kickoff: KickoffRef, template: string, now: Date): Promise<Kickoff | null> {
    if (!(await this.steps.takeOnce(kickoff, "suggested", now, { template }))) return null;
    const marked = await this.findById(kickoff.id);
    if (!marked) await this.steps.undo(kickoff.id, "suggested"); // Gone: no claim left behind.
    return marked;
  }

  unmarkSuggested(kickoffId: string): Promise<void> {
    return this.steps.undo(kickoffId, "suggested");
  }

  async markConfirmed(kickoff: KickoffRef, now: Date): Promise<Kickoff | null> {
    await this.steps.takeOnce(kickoff, "confirmed", now);
    return this.findById(kickoff.id);
  }

  clearReminder(id: string, role: KickoffRole, startsAt: Date): Promise<Kickoff | null> {
    const field = role === "mentor" ? "mentorRemindAt" : "menteeRemindAt";
    const starts = role === "mentor" ? "mentorStartsAt" : "menteeStartsAt";
    return this.clear(id, field, startsAt, { [starts]: startsAt });
  }

  clearInvite(id: string, role: KickoffRole, inviteAt: Date): Promise<Kickoff | null> {
    const field = role === "mentor" ? "mentorInviteAt" : "menteeInviteAt";
    return this.clear(id, field, inviteAt, { [field]: inviteAt });
  }

  clearConfirm(id: string, confirmAt: Date): Promise<Kickoff | null> {
    return this.clear(id, "confirmAt", confirmAt, { confirmAt });
  }

  async postpone(id: string, field: PendingWork, from: Date, to: Date): Promise<void> {
    await this.model.updateOne({ _id: id, [field]: from }, { $set: { [field]: to } });
    await this.settleDue(id);
  }

  replan(
    kickoff: KickoffRef & Pick<Kickoff, "moves">,
    plan: KickoffPlan,
    now: Date,
  ): Promise<Kickoff | null> {
    // A move of its own: its notice is keyed by it, and a hand move's notice queued before drops.
    return this.writeSchedule(
      kickoff,
      { ...plan, scheduledBy: null, moves: kickoff.moves + 1 },
      now,
    );
  }

  moveToMentor(
    kickoff: KickoffRef,
    mentorId: string,
    plan: (KickoffPlan & KickoffInvites) | null,
    now: Date,
  ): Promise<Kickoff | null> {
    const replanned = plan ? { ...plan, scheduledBy: null } : {};
    return this.writeSchedule(kickoff, { mentorId, ...replanned }, now);
  }

  async setDue(id: string, dueAt: Date | null): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { dueAt } });
  }

  /**
   * The pair ended: nothing more is sent for its kickoff, and its time is no longer held for
   * either person (heldBy reads pending ones; its claims are given back). Every field of work is cleared with dueAt, so a
   * write of the same moment that settles the kickoff finds nothing due either.
   */
  async closeOpenFor(relationshipId: string, _now: Date): Promise<number> {
    const none = Object.fromEntries(PENDING_WORK.map((field) => [field, null]));
    const result = await this.model.updateOne(
      { relationshipId: String(relationshipId) },
      { $set: { ...none, dueAt: null } },
    );
    await this.claims.releaseExcept(String(relationshipId), []);
    return result.modifiedCount;
  }

  async heldBy(userId: string, exceptRelationshipId: string, after: Date): Promise<Date[]> {
    const id = String(userId);
    const fields = { relationshipId: 1, mentorStartsAt: 1, menteeStartsAt: 1, dueAt: 1 };
    // Two equalities on indexed fields: an $or would scan the collection on FerretDB.
    const [asMentor, asMentee] = await Promise.all([
      this.model.find({ mentorId: id }, fields).lean<KickoffDoc[]>(),
      this.model.find({ menteeId: id }, fields).lean<KickoffDoc[]>(),
    ]);
    const held = [
      ...asMentor.map((doc) => ({ doc, start: doc.mentorStartsAt })),
      ...asMentee.map((doc) => ({ doc, start: doc.menteeStartsAt })),
    ];
    // Only pending ones (dueAt set): a kickoff whose pair ended holds nothing.
    return held
      .filter(({ doc, start }) => doc.dueAt && start.getTime() > after.getTime())
      .filter(({ doc }) => doc.relationshipId !== String(exceptRelationshipId))
      .map(({ start }) => start);
  }

  /** Each as settled: what a write of the same moment undid is written again (settle). */
  async listDue(now: Date, limit: number): Promise<Kickoff[]> {
    const docs = await this.model
      .find({ dueAt: { $ne: null, $lte: now } })
      .sort({ dueAt: 1 })
      .limit(limit)
      .lean<KickoffDoc[]>();
    const steps = await this.steps.of(docs.map((doc) => String(doc._id)));
    return Promise.all(
      docs.map((doc) => this.settle(doc, steps.get(String(doc._id)) ?? noSteps())),
    );
  }

  /**
   * The mentee's answers are what they wrote: deleted. The kickoff stays with the other person,
   * naming a former member; nothing more is due for one of their own pairs (it has ended).
   */
  async forgetPerson(userId: string): Promise<number> {
    const id = String(userId);
    // Their steps first: the answers of their kickoffs as mentee, and any schedule naming them
    // (one written again by a settling would name them once more).
    const asMentee = await this.model
      .find({ menteeId: id }, { _id: 1, relationshipId: 1 })
      .lean<KickoffDoc[]>();
    const asMentor = await this.model
      .find({ mentorId: id }, { relationshipId: 1 })
      .lean<KickoffDoc[]>();
    // Their pairs end: the other person's time is free again, and no claim names them.
    for (const doc of [...asMentee, ...asMentor]) {
      await this.claims.releaseExcept(doc.relationshipId, []);
    }
    await this.claims.forget(id);
    let changed =
      (await this.steps.forget(
        asMentee.map((doc) => String(doc._id)),
        ["answers"],
      )) + (await this.steps.forgetSchedulesNaming(id));
    for (const field of ["menteeId", "mentorId"] as const) {
      const set: Record<string, unknown> = { [field]: FORMER_MEMBER, dueAt: null };
      if (field === "menteeId") set.answers = null; // As kickoffs from before steps hold them.
      changed += (await this.model.updateMany({ [field]: id }, { $set: set })).modifiedCount;
    }
    // Who last moved it: a mentor since reassigned away may have, and that pair goes on (its
    // confirmation still due). Only the name goes.
    const movedBy = await this.model.updateMany(
      { scheduledBy: id },
      { $set: { scheduledBy: FORMER_MEMBER } },
    );
    return changed + movedBy.modifiedCount;
  }

  async ensureIndexes(): Promise<void> {
    await Promise.all([
      this.model.createIndexes(),
      this.clears.ensureIndexes(),
      this.steps.ensureIndexes(),
      this.claims.ensureIndexes(),
    ]);
  }

  /**
   * `field`'s work (named by `work`) is done: recorded first, then cleared if the kickoff still
   * has it (`where`), and the kickoff settled. Null when it no longer had it.
   */
  private async clear(
    id: string,
    field: PendingField,
    work: Date,
    where: Record<string, unknown>,
  ): Promise<Kickoff | null> {
    await this.clears.record(id, field, work);
    const doc = await this.model
      .findOneAndUpdate(
        { _id: id, ...where },
        { $set: { [field]: null } },
        { returnDocument: "after" },
      )
      .lean<KickoffDoc>();
    return doc ? this.settleDue(id) : null;
  }

  /** A move's or a reassignment's write: recorded first, then written, then settled. */
  private async writeSchedule(
    kickoff: KickoffRef,
    fields: ScheduleFields,
    now: Date,
  ): Promise<Kickoff | null> {
    await this.steps.recordSchedule(kickoff, fields, now);
    const written = await this.model.updateOne(
      { _id: kickoff.id },
      { $set: { ...fields, updatedAt: now } },
    );
    if (written.matchedCount === 0) return null;
    const settled = await this.settleDue(kickoff.id);
    return settled && this.holding(settled);
  }

  /** The kickoff as it is now, settled (a write of the same moment may have undone this one). */
  private async settleDue(id: string): Promise<Kickoff | null> {
    const loaded = await this.load(id);
    return loaded ? this.settle(loaded.doc, loaded.steps) : null;
  }

  /**
   * The kickoff as the writes to it meant it to be. FerretDB's updates are not atomic: a write
   * of the same moment may have put back the kickoff as it read it. So a move or reassignment it
   * undid (its schedule step says otherwise) is written again, a field whose work is recorded
   * done (KickoffClears) is cleared again, and dueAt follows the pending fields. Each write
   * settles after itself, so two at once end settled; this write can be undone too (a third at
   * once), and the sweep settles what it then finds due.
   */
  private async settle(
    doc: KickoffDoc,
    steps: KickoffStepFields,
    rounds = SETTLE_ROUNDS,
  ): Promise<Kickoff> {
    const kickoff = toKickoff(doc, steps);
    const lost = steps.schedule && scheduleUndone(kickoff, steps.schedule) ? steps.schedule : {};
    const planned: Kickoff = { ...kickoff, ...lost };
    const undone = await this.clears.undone(planned);
    for (const field of undone) planned[field] = null;
    const dueAt = nextDue(planned);
    const rewrite = Object.keys(lost).length > 0 || undone.length > 0;
    if (rewrite || dueAt?.getTime() !== kickoff.dueAt?.getTime()) {
      const cleared = Object.fromEntries(undone.map((field) => [field, null]));
      // Only on the kickoff as read (its time): a move landing since has reminders of its own.
      const written = await this.model.updateOne(
        {
          _id: kickoff.id,
          at: checkedOnFound(kickoff.at),
          mentorStartsAt: checkedOnFound(kickoff.mentorStartsAt),
          menteeStartsAt: checkedOnFound(kickoff.menteeStartsAt),
        },
        { $set: { ...lost, ...cleared, dueAt } },
      );
      // A move landed since the read (the write missed), or one may land between a schedule's
      // step read a moment ago and its writing again: the kickoff is read and settled once more.
      const again = Object.keys(lost).length > 0 || written.matchedCount === 0;
      if (again && rounds > 1) {
        const loaded = await this.load(kickoff.id);
        if (loaded) return this.settle(loaded.doc, loaded.steps, rounds - 1);
      }
    }
    return { ...planned, dueAt };
  }

  /** The kickoff's document (by `_id`) and its steps (by `kickoffId`): two reads at once. */
  private async load(id: string): Promise<{ doc: KickoffDoc; steps: KickoffStepFields } | null> {
    if (!/^[0-9a-f]{24}$/i.test(id)) return null;
    const [doc, steps] = await Promise.all([
      this.model.findById(id).lean<KickoffDoc>(),
      this.steps.of([id]),
    ]);
    return doc ? { doc, steps: steps.get(id) ?? noSteps() } : null;
  }

  /** These kickoffs with their steps: one more read each, by the indexed `kickoffId`. */
  private async withSteps(docs: KickoffDoc[]): Promise<Kickoff[]> {
    const steps = await this.steps.of(docs.map((doc) => String(doc._id)));
    return docs.map((doc) => toKickoff(doc, steps.get(String(doc._id))));
  }
}

const PENDING_WORK: readonly PendingWork[] = [
  "mentorInviteAt",
  "menteeInviteAt",
  "mentorRemindAt",
  "menteeRemindAt",
  "confirmAt",
];

/** Rounds of settling while a schedule written again may meet a newer one. */
const SETTLE_ROUNDS = 3;

/** What names a kickoff's time and people: a schedule differing in any was undone. */
const SCHEDULE_IDENTITY = [
  "at",
  "mentorStartsAt",
  "menteeStartsAt",
  "scheduledBy",
  "moves",
  "mentorId",
] as const satisfies ReadonlyArray<keyof ScheduleFields>;

function scheduleUndone(kickoff: Kickoff, schedule: ScheduleFields): boolean {
  return SCHEDULE_IDENTITY.some(
    (key) => key in schedule && !sameValue(schedule[key] ?? null, kickoff[key] ?? null),
  );
}

function sameValue(a: Date | string | number | null, b: Date | string | number | null): boolean {
  return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
}

/** The kickoff from its document and its steps (or, for a kickoff from before steps, its fields). */
function toKickoff(doc: KickoffDoc, steps: KickoffStepFields = noSteps()): Kickoff {
  return {
    id: String(doc._id),
    relationshipId: doc.relationshipId,
    mentorId: doc.mentorId,
    menteeId: doc.menteeId,
    at: doc.at ?? null,
    mentorInviteAt: doc.mentorInviteAt ?? null,
    menteeInviteAt: doc.menteeInviteAt ?? null,
    mentorStartsAt: doc.mentorStartsAt,
    menteeStartsAt: doc.menteeStartsAt,
    mentorRemindAt: doc.mentorRemindAt ?? null,
    menteeRemindAt: doc.menteeRemindAt ?? null,
    confirmAt: doc.confirmAt ?? null,
    scheduledBy: doc.scheduledBy ?? null,
    moves: doc.moves ?? 0,
    answers: steps.answers ?? (doc.answers ? answersOf(doc.answers) : null),
    ...(steps.suggestedAt
      ? { suggestedAt: steps.suggestedAt, suggestedTemplate: steps.suggestedTemplate }
      : { suggestedAt: doc.suggestedAt ?? null, suggestedTemplate: doc.suggestedTemplate ?? null }),
    confirmedAt: steps.confirmedAt ?? doc.confirmedAt ?? null,
    dueAt: doc.dueAt ?? null,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}
