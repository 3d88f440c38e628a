import {
  ASK_WHICH_HOURS_BEYOND,
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

/** The hour buckets from `from` to `to` (both included) that hold anything, in one query. */
export type HeldBuckets = (from: number, to: number) => Promise<number[]>;

export interface DuePage<T extends InBucket> {
  items: T[];
  /** The mark when the page was read: the sweep writes no hour bucket below it. */
  mark: number;
  /** Buckets from `mark` up to this one (excluded) were read whole, or known empty, and are past the skew. */
  readWholeTo: number;
  /** Past the skew and read whole by this page (what the page moves out of them is gone). */
  readWhole: number[];
  /** What the walk knew when it read the page: `settle` adds to it only if it is still current. */
  known: KnownHours;
}

/**
 * What this process knows of the hours past the skew from `to` down to the mark: every one is
 * empty but those in `held`. True for good: no one writes an hour the mark may pass (every
 * writer puts a pair at or above its own hour, MARK_SKEW_MS at most behind this clock), so an
 * hour found empty stays empty; the sweeps only take pairs out.
 */
interface KnownHours {
  to: number;
  held: Set<number>;
}

/**
 * Walks the due index (see due-index.ts) a page at a time: LOOK_NOW first, then the hour
 * buckets from the mark up to the current hour, each by equality. `settle` then raises the mark
 * over the buckets the page emptied.
 *
 * An hour past the skew is read only while it may hold something: after more than
 * ASK_WHICH_HOURS_BEYOND unread hours (downtime, a clock moved on) one query says which of them
 * hold anything, and an hour a page emptied is not read again by the next pages, though the
 * mark may stay below it (held back by a check-in waiting on its job, or a full page). So a walk
 * costs a read per hour that holds something, not per hour elapsed.
 */
export class DueWalk<T extends InBucket> {
  constructor(
    private readonly deps: {
      marks: DueMarks;
      read: BucketRead<T>;
      held: HeldBuckets;
      name: string;
      /**
       * Unknown past hours beyond which one query asks which hold anything; by default
       * ASK_WHICH_HOURS_BEYOND. A small collection asks at once: its scan costs less than a read.
       */
      askWhichBeyond?: number;
    },
  ) {}

  private known: KnownHours = { to: 0, held: new Set() };

  async page(now: Date, limit: number): Promise<DuePage<T>> {
    const { marks, read, name } = this.deps;
    const items = await read(LOOK_NOW, limit);
    const current = bucketOf(now);
    const mark = await marks.read(name, current - FIRST_MARK_LOOKBACK);
    const passable = lastBucketTheMarkMayPass(now);
    // A clock behind the mark (a lagging replica, or a test's clock set back) still reads the
    // mark's bucket: the sweep puts there what is due before it.
    const first = Math.max(mark, LOOK_NOW + 1);
    const last = Math.max(mark, Math.min(current, mark + BUCKETS_PER_SWEEP - 1));
    const known = await this.knownUpTo(first, Math.min(last, passable));
    let readWholeTo = mark;
    const readWhole: number[] = [];
    for (let bucket = first; bucket <= last; bucket++) {
      if (bucket < known.to && !known.held.has(bucket)) {
        if (bucket === readWholeTo) readWholeTo = bucket + 1;
        continue;
      }
      const room = limit - items.length;
      if (room <= 0) break;
      const found = await read(bucket, room, bucket >= current ? now : undefined);
      items.push(...found);
      if (found.length < room && bucket <= passable) {
        readWhole.push(bucket);
        if (bucket === readWholeTo) readWholeTo = bucket + 1;
      }
    }
    return { items, mark, readWholeTo, readWhole, known };
  }

  /** Raises the mark over the buckets read whole, up to the first one a pair stayed in. */
  async settle(page: DuePage<T>, stayedIn: Iterable<number>): Promise<void> {
    const stayed = new Set(stayedIn);
    let to = page.readWholeTo;
    for (const bucket of stayed) if (bucket >= page.mark && bucket < to) to = bucket;
    if (page.known === this.known) {
      // What the page moved out is gone; an hour a pair stayed in is read again.
      for (const bucket of page.readWhole) {
        if (stayed.has(bucket)) this.known.held.add(bucket);
        else this.known.held.delete(bucket);
      }
      const whole = new Set(page.readWhole);
      while (whole.has(this.known.to)) this.known.to++;
    }
    if (to > page.mark) await this.deps.marks.raise(this.deps.name, to);
  }

  /**
   * What is known of the hours past the skew from `first` up to `upTo`: asked in one query when
   * more than ASK_WHICH_HOURS_BEYOND of them are not known yet. Forgotten when the mark passed
   * it or the clock went back (hours it knows are no longer past the skew).
   */
  private async knownUpTo(first: number, upTo: number): Promise<KnownHours> {
    if (this.known.to < first || this.known.to > upTo + 1) {
      this.known = { to: first, held: new Set() };
    }
    const known = this.known;
    for (const bucket of known.held) if (bucket < first) known.held.delete(bucket);
    if (upTo - known.to + 1 > (this.deps.askWhichBeyond ?? ASK_WHICH_HOURS_BEYOND)) {
      const held = await this.deps.held(known.to, upTo);
      // Another page may have started meanwhile (one process, two sweeps): keep only one answer.
      if (known !== this.known) return known;
      for (const bucket of held) known.held.add(bucket);
      known.to = upTo + 1;
    }
    return known;
  }
}
