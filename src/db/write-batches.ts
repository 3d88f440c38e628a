import { BULK_WRITE_CHUNK } from "./bulk-write.js";

/**
 * What a batch's write says of single items, by position: the error that refused each (a
 * duplicate key, say). Items not in it were written. Void: all were.
 */
export type ItemRefusals = ReadonlyMap<number, unknown> | undefined;

/**
 * Writes that arrive while one is under way wait and go together in the next (a group commit),
 * one command at a time, at most `size` items a command (BULK_WRITE_CHUNK for updates, the size
 * FerretDB takes). Each caller hears back once its own item is written: with its own refusal
 * when the write names one, or with the error of the command that carried it. Nothing is held on
 * purpose: a lone write goes out at once (once the code that added it has run), so this only
 * saves commands when writes come together (the check-ins a worker sends at once, commands many
 * people type at once), and never delays one.
 */
export class WriteBatches<T> {
  private waiting: Array<{ item: T; resolve: () => void; reject: (error: unknown) => void }> = [];
  private writing = false;

  constructor(
    private readonly write: (items: T[]) => Promise<void> | Promise<ItemRefusals>,
    private readonly size = BULK_WRITE_CHUNK,
  ) {}

  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (this.writing) return;
      this.writing = true;
      // Goes out once the code that added it has run (a microtask, not a wait): items added in one
      // run (the entries of a batch of notes, started together) go in one command, not the first
      // alone and the rest after it.
      queueMicrotask(() => void this.writeAll());
    });
  }

  private async writeAll(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, this.size);
        try {
          const refused = (await this.write(batch.map((w) => w.item))) as ItemRefusals;
          batch.forEach((w, index) => {
            const own = refused?.get(index);
            if (own) w.reject(own);
            else w.resolve();
          });
        } catch (error) {
          for (const w of batch) w.reject(error);
        }
      }
    } finally {
      this.writing = false;
    }
  }
}

/**
 * Lanes a hot write path spreads over. With one command at a time, a bulk write on FerretDB took
 * about as long per statement as the single updates did, so one lane capped check-in delivery
 * at 40-50 a second in the bench, whatever the jobs at once (only the job's time grew). Measured
 * at 20 jobs at once, 2,000 check-ins: one lane 3.2 commands a check-in, 39 DMs a second after
 * the sweep; two lanes 4.1 and 66; four 4.9, no faster. Far below a process's database pool.
 */
export const WRITE_LANES = 2;

/**
 * WriteBatches in lanes: an item goes to the lane of its key, each lane one command at a time.
 * Writes of one key (one document) thus never run at once from this process (FerretDB can lose
 * one of two updates of a document at once), while other documents' go in parallel.
 */
export class WriteLanes<T> {
  private readonly lanes: WriteBatches<T>[];

  constructor(
    write: (items: T[]) => Promise<void> | Promise<ItemRefusals>,
    private readonly keyOf: (item: T) => string,
    lanes = WRITE_LANES,
    size = BULK_WRITE_CHUNK,
  ) {
    this.lanes = Array.from({ length: lanes }, () => new WriteBatches(write, size));
  }

  add(item: T): Promise<void> {
    const lane = this.lanes[laneOf(this.keyOf(item), this.lanes.length)];
    if (!lane) throw new Error("WriteLanes: no lane");
    return lane.add(item);
  }
}

/** A key's lane: FNV-1a of its characters, so a key always lands in the same one. */
function laneOf(key: string, lanes: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % lanes;
}
