import { type Connection, type Model, Types } from "mongoose";
import { FORMER_MEMBER, type PersonalDataHolder } from "../../domain/forgetting.js";
import type {
  Milestone,
  MilestoneStatus,
  MilestoneStore,
  NewMilestone,
  ProgressNote,
  ShareAnswer,
} from "../../domain/roadmap.js";
import { bulkWriteInChunks } from "../bulk-write.js";
import { isDuplicateKeyError } from "../mongo-errors.js";
import { milestoneSchema } from "./milestone.schema.js";
import type { DoneDoc, MilestoneDones } from "./milestone-dones.js";

/** Rounds of writing a decision again while the record changes under it (two is the most seen). */
const RESTORE_ROUNDS = 3;

/** A decision as recorded: done or not, by whom, when (a reopen and a new "done" differ too). */
const decisionOf = (done: DoneDoc) =>
  `${done.done}|${done.doneBy}|${done.doneAt?.getTime()}|${done.at.getTime()}`;

interface MilestoneDoc extends Omit<Milestone, "id"> {
  _id: Types.ObjectId;
  createdBy: string;
  updatedAt: Date;
  removedAt: Date | null;
}

type MilestoneChanges = Partial<
  Pick<
    Milestone,
    | "title"
    | "description"
    | "dueDate"
    | "status"
    | "doneAt"
    | "latestNote"
    | "doneBy"
    | "shareAnswer"
    | "shoutOutDueAt"
  >
>;

/** A note to set as a milestone's latest; the pair is the milestone's own (it never changes). */
export interface LatestNoteWrite {
  milestoneId: string;
  relationshipId: string;
  note: ProgressNote;
}

/** What a batch of latest notes wrote: the milestones still there, and those it put back to done. */
export interface LatestNotesWritten {
  written: Set<string>;
  /** Marked done (or taken back) at the moment of the note, which the note's write had undone. */
  restored: Milestone[];
}

/**
 * One note a milestone, the last given for it: what writing each in turn would leave. Kept in
 * the order of those last notes.
 */
export function lastNoteOfEach(notes: readonly LatestNoteWrite[]): Map<string, LatestNoteWrite> {
  const last = new Map<string, LatestNoteWrite>();
  for (const note of notes) {
    last.delete(note.milestoneId);
    last.set(note.milestoneId, note);
  }
  return last;
}

const MAX_APPEND_ATTEMPTS = 30;

/** A short random pause, growing a little with each failed attempt (at most ~50 ms). */
const jitter = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 5 * attempt)));

export class MilestoneRepository implements MilestoneStore, PersonalDataHolder {
  private readonly model: Model<MilestoneDoc>;

  constructor(
    connection: Connection,
    private readonly dones: MilestoneDones,
  ) {
    this.model = connection.model<MilestoneDoc>("Milestone", milestoneSchema);
  }

  /** The roadmap's milestones in order (removed ones left out). */
  async list(relationshipId: string): Promise<Milestone[]> {
    const docs = await this.model
      .find({ relationshipId: String(relationshipId), removedAt: null })
      .sort({ position: 1 })
      .lean<MilestoneDoc[]>();
    return docs.map(toMilestone);
  }

  async findById(id: string): Promise<Milestone | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const doc = await this.model.findOne({ _id: id, removedAt: null }).lean<MilestoneDoc>();
    return doc ? toMilestone(doc) : null;
  }

  /**
   * Appends a milestone; racing adds get different positions thanks to the unique index.
   * Each round of a race has one winner, so n racers need up to n attempts: allow plenty,
   * with a little jitter so the losers do not collide again in lockstep.
   */
  async add(relationshipId: string, input: NewMilestone): Promise<Milestone> {
    for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt++) {
      if (attempt > 0) await jitter(attempt);
      const last = await this.model
        .findOne({ relationshipId })
        .sort({ position: -1 })
        .lean<MilestoneDoc>();
      try {
        const doc = await this.model.create({
          relationshipId,
          position: (last?.position ?? 0) + 1,
          title: input.title,
          description: input.description,
          dueDate: input.dueDate,
          status: "planned",
          createdBy: input.createdBy,
          createdAt: input.now,
          updatedAt: input.now,
        });
        return toMilestone(doc.toObject());
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
    throw new Error(`Could not append a milestone to ${relationshipId}: too much contention`);
  }

  async update(id: string, changes: MilestoneChanges, now: Date): Promise<Milestone | null> {
    const doc = await this.model
      .findOneAndUpdate(
        { _id: id, removedAt: null },
        { $set: { ...changes, updatedAt: now } },
        { returnDocument: "after" },
      )
      .lean<MilestoneDoc>();
    return doc ? this.settled(toMilestone(doc)) : null;
  }

  /**
   * Sets each milestone's latest note (the last one given for it), one statement a milestone in
   * bulk writes: one command for a batch of notes, not one `findAndModify` each. Returns the ids
   * of the milestones written: a removed one (or one not in the pair named) is left as it is.
   * `onWritten` hears them as soon as the notes are written, before the "done" records are read.
   */
  async setLatestNotes(
    notes: readonly LatestNoteWrite[],
    onWritten?: (written: ReadonlySet<string>) => void,
  ): Promise<LatestNotesWritten> {
    const written = await this.writeLatestNotes(notes);
    onWritten?.(written);
    return { written, restored: await this.restoreDone([...written]) };
  }

  private async writeLatestNotes(notes: readonly LatestNoteWrite[]): Promise<Set<string>> {
    const valid = [...lastNoteOfEach(notes).values()].filter((n) =>
      Types.ObjectId.isValid(n.milestoneId),
    );
    let matched = 0;
    await bulkWriteInChunks(
      valid.map(({ milestoneId, relationshipId, note }) => ({
        updateOne: {
          filter: { _id: milestoneId, relationshipId, removedAt: null },
          update: { $set: { latestNote: note, updatedAt: note.at } },
        },
      })),
      async (chunk) => {
        matched += (await this.model.bulkWrite(chunk, { ordered: false })).matchedCount;
      },
    );
    const ids = valid.map((n) => n.milestoneId);
    if (matched === valid.length) return new Set(ids);
    // A bulk write counts its matches but does not say which: removed ones are rare, so only
    // then are the written ones read back (by _id). One removed after its note was written reads
    // as not written: its note is then refused, as it would be a moment later.
    const present = await this.model
      .find({ _id: { $in: ids }, removedAt: null }, { relationshipId: 1 })
      .lean<Array<Pick<MilestoneDoc, "_id" | "relationshipId">>>();
    const pairOf = new Map(present.map((d) => [d._id.toString(), d.relationshipId]));
    return new Set(
      valid.filter((n) => pairOf.get(n.milestoneId) === n.relationshipId).map((n) => n.milestoneId),
    );
  }

  /**
   * Sets a status only if it is not already that status: tells who changed it first. "Done" is
   * recorded before it is written, and so is a change that clears `doneAt` (taking it back); a
   * write that is neither then writes the recorded one again if it undid it (see MilestoneDones).
   */
  async changeStatus(
    id: string,
    status: MilestoneStatus,
    extra: MilestoneChanges,
    now: Date,
  ): Promise<Milestone | null> {
    if (!Types.ObjectId.isValid(id)) return null;
    const decided = status === "done" || extra.doneAt === null;
    if (status === "done") {
      await this.dones.recordDone({
        _id: id,
        doneAt: extra.doneAt ?? now,
        doneBy: extra.doneBy ?? null,
        at: now,
      });
    } else if (decided) await this.dones.recordReopened(id, now);
    const doc = await this.model
      .findOneAndUpdate(
        { _id: id, removedAt: null, status: { $ne: status } },
        { $set: { ...extra, status, updatedAt: now } },
        { returnDocument: "after" },
      )
      .lean<MilestoneDoc>();
    if (!doc) return null;
    return decided ? toMilestone(doc) : this.settled(toMilestone(doc));
  }

  /**
   * After a write that is neither "done" nor taking it back: the milestone as a person last
   * decided, if its write undid a decision that landed meanwhile (the record says so). One read
   * by `_id` when nothing was lost.
   */
  private async settled(milestone: Milestone): Promise<Milestone> {
    const [restored] = await this.restoreDone([milestone.id]);
    return restored ?? milestone;
  }

  /**
   * Writes the recorded decision again on those of `ids` stored otherwise; returns them. A
   * decision recorded after the read of the records and written before this write (a reopen
   * landing just then, on a loaded machine) would be undone by it: so the records of those
   * written are read again, and one that changed meanwhile is written in its turn (2 of 240
   * races under load ended "done" after a reopen without this).
   */
  private async restoreDone(ids: readonly string[]): Promise<Milestone[]> {
    const restored = new Map<string, Milestone>();
    let dones = await this.dones.of(ids);
    for (let round = 0; round < RESTORE_ROUNDS && dones.length > 0; round++) {
      const written = (await Promise.all(dones.map((done) => this.writeDecision(done)))).filter(
        (m): m is Milestone => m !== null,
      );
      if (written.length === 0) break;
      for (const milestone of written) restored.set(milestone.id, milestone);
      const asserted = new Map(dones.map((done) => [done._id, decisionOf(done)]));
      const again = await this.dones.of(written.map((m) => m.id));
      dones = again.filter((done) => decisionOf(done) !== asserted.get(done._id));
    }
    return [...restored.values()];
  }

  private async writeDecision({ _id, done, doneAt, doneBy }: DoneDoc): Promise<Milestone | null> {
    const doc = await this.model
      .findOneAndUpdate(
        done
          ? { _id, removedAt: null, status: { $ne: "done" } }
          : { _id, removedAt: null, status: "done" },
        // What markDone or reopen wrote; a note of markDone's is older than the one just written.
        done
          ? { $set: { status: "done", doneAt, doneBy } }
          : { $set: { status: "in_progress", doneAt: null, doneBy: null, shoutOutDueAt: null } },
        { returnDocument: "after" },
      )
      .lean<MilestoneDoc>();
    return doc ? toMilestone(doc) : null;
  }

  async deferShoutOut(id: string, until: Date | null): Promise<void> {
    if (!Types.ObjectId.isValid(id)) return;
    await this.model.updateOne({ _id: id }, { $set: { shoutOutDueAt: until } });
    // Like any write that is neither "done" nor taking it back (FerretDB writes the whole document).
    await this.restoreDone([id]);
  }

  /**
   * Reached milestones whose deferred shout-out is due, a page at a time. Only "done" ones: one
   * reopened meanwhile must not take a place in the page (status equality is cheap on FerretDB).
   */
  async listShoutOutsDue(now: Date, limit: number): Promise<Milestone[]> {
    const docs = await this.model
      .find({ shoutOutDueAt: { $ne: null, $lte: now }, status: "done", removedAt: null })
      .sort({ shoutOutDueAt: 1 })
      .limit(limit)
      .lean<MilestoneDoc[]>();
    return docs.map(toMilestone);
  }

  async answerShare(id: string, answer: ShareAnswer, now: Date): Promise<boolean> {
    if (!Types.ObjectId.isValid(id)) return false;
    const result = await this.model.updateOne(
      { _id: id, status: "done", shareAnswer: null },
      { $set: { shareAnswer: answer, updatedAt: now } },
    );
    return result.modifiedCount === 1;
  }

  async remove(id: string, now: Date): Promise<Milestone | null> {
    const doc = await this.model
      .findOneAndUpdate(
        { _id: id, removedAt: null },
        { $set: { removedAt: now, updatedAt: now } },
        { returnDocument: "after" },
      )
      .lean<MilestoneDoc>();
    return doc ? toMilestone(doc) : null;
  }

  /**
   * Their latest notes, copied onto milestones, go with their progress notes; the milestones
   * they added or marked done stay, naming a former member.
   */
  async forgetPerson(userId: string, relationshipIds: readonly string[]): Promise<number> {
    // Their latest notes wherever they are, as their progress notes.
    const result = await this.model.updateMany(
      { "latestNote.authorId": String(userId) },
      { $set: { latestNote: null } },
    );
    let changed = result.modifiedCount;
    if (relationshipIds.length === 0) return changed;
    const inPairs = { relationshipId: { $in: [...relationshipIds] } };
    for (const field of ["createdBy", "doneBy"]) {
      const named = await this.model.updateMany(
        { ...inPairs, [field]: String(userId) },
        { $set: { [field]: FORMER_MEMBER } },
      );
      changed += named.modifiedCount;
    }
    return changed;
  }

  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
  }
}

function toMilestone(doc: MilestoneDoc): Milestone {
  return {
    id: doc._id.toString(),
    relationshipId: doc.relationshipId,
    position: doc.position,
    title: doc.title,
    description: doc.description ?? "",
    dueDate: doc.dueDate ?? null,
    status: doc.status,
    doneAt: doc.doneAt ?? null,
    doneBy: doc.doneBy ?? null,
    shareAnswer: doc.shareAnswer ?? null,
    shoutOutDueAt: doc.shoutOutDueAt ?? null,
    latestNote: doc.latestNote
      ? { text: doc.latestNote.text, authorId: doc.latestNote.authorId, at: doc.latestNote.at }
      : null,
    createdAt: doc.createdAt,
  };
}
