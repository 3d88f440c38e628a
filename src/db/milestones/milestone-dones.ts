import type { Collection, Connection } from "mongoose";
import type { Purgeable } from "../../domain/retention.js";
import { isDuplicateKeyError } from "../mongo-errors.js";
import { deleteCollectionPage } from "../paged-delete.js";

/**
 * `milestone_dones`: whether a person last marked the milestone done or took that back,
 * `_id` = the milestone's.
 */
export interface DoneDoc {
  _id: string;
  done: boolean;
  doneAt: Date | null;
  doneBy: string | null;
  /** When it was recorded: the purge's clock. */
  at: Date;
}

/**
 * "Done", and taking it back, recorded apart from the milestone. On FerretDB two updates of one
 * milestone at once can lose one (it writes back the whole document each read): a note landing
 * as `/mentor done` did put the milestone back "in progress" after its shout-out went out, and
 * one landing as `/mentor reopen` put "done" back. Reading the milestone back does not catch
 * it: the other write lands after the read. So the decision is recorded first, and every other
 * write of the milestone (a note, an edit, the first note's "in progress") writes it again after
 * itself if the milestone says otherwise (MilestoneRepository).
 *
 * The record only has to outlive the writes under way when the decision landed: it is purged
 * after a day, which keeps the collection small for the notes' read of it (FerretDB scans `$in`).
 */
export class MilestoneDones implements Purgeable {
  constructor(private readonly connection: Connection) {}

  /** Records the milestone done, before the milestone itself is written; done twice keeps the first. */
  async recordDone(done: Omit<DoneDoc, "done">): Promise<void> {
    const { _id, ...fields } = done;
    try {
      await this.dones().updateOne(
        { _id, done: { $ne: true } },
        { $set: { ...fields, done: true } },
        { upsert: true },
      );
    } catch (error) {
      // Done already: the upsert's insert met the record. The first stands, as on the milestone.
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  /** "Done" taken back, before the milestone is written. */
  async recordReopened(milestoneId: string, at: Date): Promise<void> {
    await this.dones().updateOne(
      { _id: milestoneId },
      { $set: { done: false, doneAt: null, doneBy: null, at } },
      { upsert: true },
    );
  }

  /** The records of these milestones: one read by `_id` (an index) for one, else one `$in`. */
  async of(milestoneIds: readonly string[]): Promise<DoneDoc[]> {
    if (milestoneIds.length === 0) return [];
    if (milestoneIds.length === 1) {
      const one = await this.dones().findOne({ _id: milestoneIds[0] });
      return one ? [one] : [];
    }
    return this.dones()
      .find({ _id: { $in: [...milestoneIds] } })
      .toArray();
  }

  async purgeOlderThan(cutoff: Date, limit: number): Promise<number> {
    return deleteCollectionPage(this.dones(), { at: { $lt: cutoff } }, limit);
  }

  private dones(): Collection<DoneDoc> {
    return this.connection.collection<DoneDoc>("milestone_dones");
  }
}
