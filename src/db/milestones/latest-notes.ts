import type { LatestNotes, Milestone, ProgressNote } from "../../domain/roadmap.js";
import { WriteBatches } from "../write-batches.js";
import type { LatestNoteWrite, MilestoneRepository } from "./milestone.repository.js";

/** Notes one batch carries at most; their statements go BULK_WRITE_CHUNK to a command. */
const MAX_BATCH = 100;

/** The refusal of a note whose milestone was removed: reaches only its own caller. */
const REMOVED = new Error("the milestone was removed");

/**
 * Latest notes in group commits (WriteBatches): the notes many people log at once go in one bulk
 * write, a statement per milestone, instead of a `findAndModify` each. A lone note goes at once.
 *
 * Notes on the same milestone in one batch: the one that came last is written, which is what
 * writing each in turn would have left. Each caller hears whether its milestone was still there.
 * Through the cached repository, a batch revises its pairs' cached milestones once (hot-reads.ts).
 */
export class BatchedLatestNotes implements LatestNotes {
  private readonly batches: WriteBatches<LatestNoteWrite>;

  constructor(milestones: Pick<MilestoneRepository, "setLatestNotes">) {
    this.batches = new WriteBatches(async (notes) => {
      const { written } = await milestones.setLatestNotes(notes);
      return new Map(
        notes.flatMap((note, i) => (written.has(note.milestoneId) ? [] : [[i, REMOVED] as const])),
      );
    }, MAX_BATCH);
  }

  async record(
    milestone: Pick<Milestone, "id" | "relationshipId">,
    note: ProgressNote,
  ): Promise<boolean> {
    try {
      await this.batches.add({
        milestoneId: milestone.id,
        relationshipId: milestone.relationshipId,
        note,
      });
      return true;
    } catch (error) {
      if (error === REMOVED) return false;
      throw error;
    }
  }
}
