import type { LatestNotes, Milestone, ProgressNote } from "../../domain/roadmap.js";
import { WriteBatches } from "../write-batches.js";
import type { LatestNoteWrite, MilestoneRepository } from "./milestone.repository.js";

/** Notes one batch carries at most; their statements go BULK_WRITE_CHUNK to a command. */
const MAX_BATCH = 100;

/** The refusal of a note whose milestone was removed: reaches only its own caller. */
const REMOVED = new Error("the milestone was removed");

/** A note in a batch, and how its caller hears that it was written (or refused). */
interface BatchedNote {
  write: LatestNoteWrite;
  written: (written: boolean) => void;
}

/** What a caller hears first: its note refused (null), or written, with what goes with it begun. */
type Heard = { going: Promise<void> } | null;

/**
 * Latest notes in group commits (WriteBatches): the notes many people log at once go in one bulk
 * write, a statement per milestone, instead of a `findAndModify` each. A lone note goes at once.
 *
 * Notes on the same milestone in one batch: the one that came last is written, which is what
 * writing each in turn would have left. Each caller hears whether its milestone was still there,
 * as soon as the bulk write says so: what goes with its note runs while the batch reads the
 * "done" records and revises the cache, and starts at the same moment for every caller of the
 * batch, so their own writes (progress entries, audit lines) go together too. Through the cached
 * repository, a batch revises its pairs' cached milestones once (hot-reads.ts).
 */
export class BatchedLatestNotes implements LatestNotes {
  private readonly batches: WriteBatches<BatchedNote>;

  constructor(milestones: Pick<MilestoneRepository, "setLatestNotes">) {
    this.batches = new WriteBatches(async (batch) => {
      const notes = batch.map((b) => b.write);
      const { written } = await milestones.setLatestNotes(notes, (landed) => {
        for (const b of batch) b.written(landed.has(b.write.milestoneId));
      });
      return new Map(
        notes.flatMap((note, i) => (written.has(note.milestoneId) ? [] : [[i, REMOVED] as const])),
      );
    }, MAX_BATCH);
  }

  async record(
    milestone: Pick<Milestone, "id" | "relationshipId">,
    note: ProgressNote,
    alongside: () => Promise<void> = async () => undefined,
  ): Promise<boolean> {
    let hear: (heard: Heard) => void = () => undefined;
    const heard = new Promise<Heard>((resolve) => {
      hear = resolve;
    });
    const written = (isWritten: boolean) => {
      if (!isWritten) return hear(null);
      const going = Promise.resolve().then(alongside);
      // Awaited below; this only keeps a failure before that from counting as unhandled.
      going.catch(() => undefined);
      hear({ going });
    };
    const write = { milestoneId: milestone.id, relationshipId: milestone.relationshipId, note };
    const finished = this.batches.add({ write, written }).then(
      () => true,
      (error: unknown) => {
        if (error === REMOVED) return false;
        throw error;
      },
    );
    // The batch's failure (it never tells its callers then) comes through `finished`.
    const first = await Promise.race([heard, finished]);
    if (first === null || first === false) return finished;
    await Promise.all([first === true ? alongside() : first.going, finished]);
    return true;
  }
}
