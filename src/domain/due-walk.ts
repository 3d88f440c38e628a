import {
  BUCKETS_PER_SWEEP,
  bucketOf,
  type DueMarks,
  FIRST_MARK_LOOKBACK,
  LOOK_NOW,
  lastBucketTheMarkMayPass,
} from "./due-index.js";

/** What a page read from the due index needs to know of each item. */
export interface InBucket {
  dueBucket: number;
}

/** Reads one bucket by equality; in the current hour, only what is due by `dueBy`. */
export type BucketRead<T extends InBucket> = (
  bucket: number,
  limit: number,
  dueBy?: Date,
) => Promise<T[]>;

export interface DuePage<T extends InBucket> {
  items: T[];
  /** The mark when the page was read: the sweep writes no hour bucket below it. */
  mark: number;
  /** Buckets from `mark` up to this one (excluded) were read whole and are past the skew. */
  readWholeTo: number;
}

/**
 * Walks the due index (see due-index.ts) a page at a time: LOOK_NOW first, then the hour
 * buckets from the mark up to the current hour, each by equality. `settle` then raises the mark
 * over the buckets the page emptied.
 */
export class DueWalk<T extends InBucket> {
  constructor(private readonly deps: { marks: DueMarks; read: BucketRead<T>; name: string }) {}

  async page(now: Date, limit: number): Promise<DuePage<T>> {
    const { marks, read, name } = this.deps;
    const items = await read(LOOK_NOW, limit);
    const current = bucketOf(now);
    const mark = await marks.read(name, current - FIRST_MARK_LOOKBACK);
    const passable = lastBucketTheMarkMayPass(now);
    let readWholeTo = mark;
    // A clock behind the mark (a lagging replica, or a test's clock set back) still reads the
    // mark's bucket: the sweep puts there what is due before it.
    const last = Math.max(mark, Math.min(current, mark + BUCKETS_PER_SWEEP - 1));
    for (let bucket = Math.max(mark, LOOK_NOW + 1); bucket <= last; bucket++) {
      const room = limit - items.length;
      if (room <= 0) break;
      const found = await read(bucket, room, bucket >= current ? now : undefined);
      items.push(...found);
      if (found.length < room && bucket === readWholeTo && bucket <= passable) {
        readWholeTo = bucket + 1;
      }
    }
    return { items, mark, readWholeTo };
  }

  /** Raises the mark over the buckets read whole, up to the first one a pair stayed in. */
  async settle(page: DuePage<T>, stayedIn: Iterable<number>): Promise<void> {
    let to = page.readWholeTo;
    for (const bucket of stayedIn) if (bucket >= page.mark && bucket < to) to = bucket;
    if (to > page.mark) await this.deps.marks.raise(this.deps.name, to);
  }
}
