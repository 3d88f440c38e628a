/**
 * The due index: how the sweep finds due pairs with equality lookups only. FerretDB 1.24 serves
 * from an index nothing but equality (a Date `$lte`, `$in`, a range or a sort scan the whole
 * collection: 232 s for a page at 100,000 pairs), so each pair carries an indexed integer
 * `dueBucket` and the sweep reads buckets one by one, by equality.
 *
 * - PARKED: no sweep looks (pending, ended, check-ins paused).
 * - LOOK_NOW: every sweep looks (active but never planned, or written by someone who did not
 *   know its status or schedule: an activation, a resume, a schedule change, the upgrade).
 * - Any other value: the hour (`bucketOf`) of the pair's `nextCheckinAt`, read from a low-water
 *   mark kept in MongoDB up to the current hour.
 *
 * The invariant: an active pair whose check-ins are not paused is in LOOK_NOW, or in a bucket at
 * or above the mark and at or below the bucket of its `nextCheckinAt`. How it holds:
 * - writers who do not know exactly use LOOK_NOW; only the sweep writes an hour bucket, and never
 *   one below the mark;
 * - the sweep parks what it finds paused or not active, and moves what it finds too early up to
 *   its own bucket;
 * - the mark passes a bucket only when that hour ended more than MARK_SKEW_MS ago (another
 *   replica's clock may lag), and the sweep read all of it and moved every pair out of it, or
 *   found it empty: such an hour stays empty (no one writes there any more), so the walk does
 *   not read it again, nor any that one query said hold nothing.
 * The relationship stays the truth; the unique check-in of a slot stays the arbiter of sends.
 */

/** An hour: a sweep that keeps up reads one or two buckets; a week of downtime is 168. */
export const BUCKET_MS = 3600_000;

/** Not looked at by any sweep: pending, ended, or check-ins paused. */
export const PARKED = -1;

/** Looked at by every sweep, first. */
export const LOOK_NOW = 0;

/** How far another replica's clock may lag: the mark stays this far behind the clock. */
export const MARK_SKEW_MS = 5 * 60_000;

/** Hour buckets one sweep reads at most (two weeks of downtime); the next sweeps go on. */
export const BUCKETS_PER_SWEEP = 14 * 24;

/**
 * Past hours a walk reads one by one the first time; beyond this many not yet known, one query
 * asks which of them hold anything (due-walk.ts). On FerretDB that query is a range, which scans
 * the whole collection: at 100,000 documents (PostgreSQL backend, load about 10) it took 8-18 s,
 * about what 100 reads of an empty hour by equality take (70-350 ms each). So a walk a day
 * behind reads its hours (once: the walk remembers them), and one days behind asks.
 */
export const ASK_WHICH_HOURS_BEYOND = 24;

/** Where a sweep starts when there is no mark yet: a day back, beyond any replica's skew. */
export const FIRST_MARK_LOOKBACK = 24;

export const bucketOf = (time: Date): number => Math.floor(time.getTime() / BUCKET_MS);

/** The highest bucket the mark may pass: every bucket up to it ended over MARK_SKEW_MS ago. */
export const lastBucketTheMarkMayPass = (now: Date): number =>
  bucketOf(new Date(now.getTime() - MARK_SKEW_MS)) - 1;

/** The sweep's bucket for a pair due at `next`: its hour, but never below the mark. */
export const bucketForNext = (next: Date, mark: number): number =>
  Math.max(bucketOf(next), mark, LOOK_NOW + 1);

/** Port: the sweep's low-water marks, one small document each. */
export interface DueMarks {
  /** The mark called `name`; set to `start` when there is none yet. */
  read(name: string, start: number): Promise<number>;
  /** Moves it up to `bucket`; never down. */
  raise(name: string, bucket: number): Promise<void>;
}
