import type { Collection, Connection } from "mongoose";
import type { Kickoff } from "../../domain/kickoff.js";
import { isDuplicateKeyError } from "../mongo-errors.js";
import { deleteCollectionPage } from "../paged-delete.js";

/** A kickoff's field that stands for work still to do (a DM to send), null once it is done. */
export type PendingField =
  | "mentorInviteAt"
  | "menteeInviteAt"
  | "mentorRemindAt"
  | "menteeRemindAt"
  | "confirmAt";

const PENDING_FIELDS: readonly PendingField[] = [
  "mentorInviteAt",
  "menteeInviteAt",
  "mentorRemindAt",
  "menteeRemindAt",
  "confirmAt",
];

/**
 * Which piece of work `field` stands for in the kickoff as it is: a reminder is the one for
 * its person's start (a move makes new ones), an invitation or the confirmation the one of its
 * time (a new mentor's invitations are planned after the old ones went out).
 */
export function workOf(kickoff: Kickoff, field: PendingField): string | null {
  if (kickoff[field] === null) return null;
  if (field === "mentorRemindAt") return kickoff.mentorStartsAt.toISOString();
  if (field === "menteeRemindAt") return kickoff.menteeStartsAt.toISOString();
  return kickoff[field]?.toISOString() ?? null;
}

/** `kickoff_clears`: one document a piece of kickoff work done, `_id` = "<kickoff>:<field>:<work>". */
interface ClearDoc {
  _id: string;
  kickoffId: string;
  field: PendingField;
  work: string;
  /** When the work was for: retention goes by it (records from before it existed have none). */
  at?: Date;
}

/**
 * The kickoff work done, as inserts no other write can undo. On FerretDB two updates of one
 * kickoff at once can lose one (it writes back the whole document each read): the mentor's and
 * the mentee's invitations, or reminders, go at the same minute in jobs that run at once, and
 * a clear undone this way kept the kickoff due for good (its job id, done already, dedupes every
 * retry). Reading its own clear back does not catch that: the other write lands after the read.
 * So each clear is recorded first, and whoever reads the kickoff to settle it (each clear after
 * its write, the sweep for what it finds due) clears again what is recorded as done.
 */
export class KickoffClears {
  constructor(private readonly connection: Connection) {}

  /** Records `field`'s work in `kickoff` (named by when it was for) done, before the kickoff itself is written. */
  async record(kickoffId: string, field: PendingField, workAt: Date): Promise<void> {
    const work = workAt.toISOString();
    try {
      await this.clears().insertOne({
        _id: `${kickoffId}:${field}:${work}`,
        kickoffId,
        field,
        work,
        at: workAt,
      });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error; // Recorded already: a retried job.
    }
  }

  /** The fields `kickoff` still has set whose work is recorded done (one indexed read, if any is set). */
  async undone(kickoff: Kickoff): Promise<PendingField[]> {
    const pending = PENDING_FIELDS.filter((field) => kickoff[field] !== null);
    if (pending.length === 0) return [];
    const done = await this.clears().find({ kickoffId: kickoff.id }).toArray();
    return pending.filter((field) =>
      done.some((d) => d.field === field && d.work === workOf(kickoff, field)),
    );
  }

  /**
   * Deletes at most `limit` records of work due before `cutoff` (and those from before records
   * had a time). A record matters only until its kickoff is settled, which the sweep does within
   * a minute of the work being due, so a month later it is long spent.
   */
  async purgeOlderThan(cutoff: Date, limit: number): Promise<number> {
    return deleteCollectionPage(this.clears(), { at: { $not: { $gte: cutoff } } }, limit);
  }

  async ensureIndexes(): Promise<void> {
    await this.clears().createIndex({ kickoffId: 1 });
  }

  private clears(): Collection<ClearDoc> {
    return this.connection.collection<ClearDoc>("kickoff_clears");
  }
}
