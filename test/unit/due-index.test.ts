// The due index's arithmetic and its walk (src/domain/due-index.ts, due-walk.ts), with an
// in-memory index: which buckets a sweep reads, and when the low-water mark may pass one.
import { describe, expect, it } from "vitest";
import {
  BUCKET_MS,
  BUCKETS_PER_SWEEP,
  bucketForNext,
  bucketOf,
  type DueMarks,
  FIRST_MARK_LOOKBACK,
  LOOK_NOW,
  lastBucketTheMarkMayPass,
  MARK_SKEW_MS,
} from "../../src/domain/due-index.js";
import { DueWalk } from "../../src/domain/due-walk.js";

const NOW = new Date("2026-11-30T15:20:00Z");
const HOUR = bucketOf(NOW);

class MemoryMarks implements DueMarks {
  value: number | null = null;
  async read(_name: string, start: number): Promise<number> {
    this.value ??= start;
    return this.value;
  }
  async raise(_name: string, bucket: number): Promise<void> {
    if (this.value === null || bucket > this.value) this.value = bucket;
  }
}

/**
 * Pairs by bucket; `dueAt` decides what the current hour's read returns. `reads` lists the
 * buckets read, `asks` the ranges asked which hold anything.
 */
function index(pairs: { id: string; dueBucket: number; dueAt?: Date; stays?: boolean }[]) {
  const reads: number[] = [];
  const asks: [number, number][] = [];
  const read = async (bucket: number, limit: number, dueBy?: Date) => {
    reads.push(bucket);
    return pairs
      .filter((p) => p.dueBucket === bucket && (!dueBy || !p.dueAt || p.dueAt <= dueBy))
      .slice(0, limit);
  };
  const held = async (from: number, to: number) => {
    asks.push([from, to]);
    const buckets = pairs.map((p) => p.dueBucket).filter((b) => b >= from && b <= to);
    return [...new Set(buckets)];
  };
  return { read, held, reads, asks };
}

describe("bucket arithmetic", () => {
  it("puts a time in its hour, and the sweep never writes below the mark or into LOOK_NOW", () => {
    expect(bucketOf(new Date(0))).toBe(0);
    expect(bucketOf(new Date(BUCKET_MS - 1))).toBe(0);
    expect(bucketOf(new Date(BUCKET_MS))).toBe(1);
    expect(bucketForNext(new Date("2026-12-07T15:00:00Z"), HOUR)).toBe(
      bucketOf(new Date("2026-12-07T15:00:00Z")),
    );
    expect(bucketForNext(new Date("2026-11-01T00:00:00Z"), HOUR)).toBe(HOUR);
    expect(bucketForNext(new Date(0), 0)).toBe(LOOK_NOW + 1);
  });

  it("lets the mark pass only hours that ended more than the skew ago", () => {
    // 15:20: the 14:00 hour ended 20 minutes ago; 15:00 is the current one.
    expect(lastBucketTheMarkMayPass(NOW)).toBe(HOUR - 1);
    // 15:03: 14:00 ended 3 minutes ago, within a lagging replica's skew.
    const early = new Date(Date.UTC(2026, 10, 30, 15, 3));
    expect(MARK_SKEW_MS).toBeGreaterThan(3 * 60_000);
    expect(lastBucketTheMarkMayPass(early)).toBe(HOUR - 2);
  });
});

describe("DueWalk", () => {
  it("reads LOOK_NOW, then each hour from the mark to now; the current hour only what is due", async () => {
    const marks = new MemoryMarks();
    marks.value = HOUR - 3;
    const { read, held, reads } = index([
      { id: "new", dueBucket: LOOK_NOW },
      { id: "late", dueBucket: HOUR - 2 },
      { id: "due", dueBucket: HOUR, dueAt: new Date("2026-11-30T15:00:00Z") },
      { id: "later", dueBucket: HOUR, dueAt: new Date("2026-11-30T15:30:00Z") },
      { id: "next hour", dueBucket: HOUR + 1 },
    ]);
    const walk = new DueWalk({ marks, read, held, name: "checkins" });

    const page = await walk.page(NOW, 500);

    expect(page.items.map((p) => p.id)).toEqual(["new", "late", "due"]);
    expect(reads).toEqual([LOOK_NOW, HOUR - 3, HOUR - 2, HOUR - 1, HOUR]);
    await walk.settle(page, []);
    expect(marks.value).toBe(HOUR);
  });

  it("starts a day back when there is no mark yet, and reads those hours one by one", async () => {
    const marks = new MemoryMarks();
    const { read, held, reads, asks } = index([]);
    await new DueWalk({ marks, read, held, name: "checkins" }).page(NOW, 500);
    expect(reads[1]).toBe(HOUR - FIRST_MARK_LOOKBACK);
    expect(reads).toHaveLength(FIRST_MARK_LOOKBACK + 2);
    expect(asks).toEqual([]);
  });

  it("does not pass an hour the page could not read whole, nor one a pair stayed in", async () => {
    const marks = new MemoryMarks();
    marks.value = HOUR - 3;
    const pairs = [
      { id: "a", dueBucket: HOUR - 3 },
      { id: "b", dueBucket: HOUR - 2 },
      { id: "c", dueBucket: HOUR - 2 },
    ];
    const walk = new DueWalk({ marks, ...index(pairs), name: "checkins" });

    const full = await walk.page(NOW, 2);
    expect(full.items.map((p) => p.id)).toEqual(["a", "b"]);
    await walk.settle(full, []);
    expect(marks.value).toBe(HOUR - 2);

    const stayed = await walk.page(NOW, 500);
    await walk.settle(stayed, [HOUR - 2]);
    expect(marks.value).toBe(HOUR - 2);
  });

  it("covers at most two weeks of hours in one sweep; the next goes on from there", async () => {
    const marks = new MemoryMarks();
    marks.value = HOUR - 3 * BUCKETS_PER_SWEEP;
    const { read, held, reads, asks } = index([]);
    const walk = new DueWalk({ marks, read, held, name: "checkins" });

    await walk.settle(await walk.page(NOW, 500), []);
    expect(asks).toEqual([[HOUR - 3 * BUCKETS_PER_SWEEP, HOUR - 2 * BUCKETS_PER_SWEEP - 1]]);
    expect(reads).toEqual([LOOK_NOW]);
    expect(marks.value).toBe(HOUR - 2 * BUCKETS_PER_SWEEP);

    await walk.settle(await walk.page(NOW, 500), []);
    expect(asks).toHaveLength(2);
    expect(marks.value).toBe(HOUR - BUCKETS_PER_SWEEP);
  });

  it("with a clock behind the mark, still reads the mark's hour for what is due by that clock", async () => {
    const marks = new MemoryMarks();
    marks.value = HOUR + 5;
    const { read, held, reads } = index([
      { id: "due", dueBucket: HOUR + 5, dueAt: new Date("2026-11-30T15:00:00Z") },
      { id: "later", dueBucket: HOUR + 5, dueAt: new Date("2026-11-30T20:00:00Z") },
    ]);
    const walk = new DueWalk({ marks, read, held, name: "checkins" });

    const page = await walk.page(NOW, 500);

    expect(page.items.map((p) => p.id)).toEqual(["due"]);
    expect(reads).toEqual([LOOK_NOW, HOUR + 5]);
    await walk.settle(page, []);
    expect(marks.value).toBe(HOUR + 5);
  });
});

describe("DueWalk after downtime: reads in proportion to the hours that hold something", () => {
  /** An index the sweep empties: what a page returns is moved out, unless it `stays`. */
  function movingIndex(pairs: { id: string; dueBucket: number; stays?: boolean }[]) {
    const { read, held, reads, asks } = index(pairs);
    const taken = async (bucket: number, limit: number, dueBy?: Date) => {
      const found = await read(bucket, limit, dueBy);
      for (const p of found) if (!p.stays) pairs.splice(pairs.indexOf(p), 1);
      return found;
    };
    return { read: taken, held, reads, asks };
  }

  it("after five days asks once which hours hold anything, reads those and the current hour, and passes the rest", async () => {
    const marks = new MemoryMarks();
    marks.value = HOUR - 5 * 24;
    const { read, held, reads, asks } = index([
      { id: "a", dueBucket: HOUR - 100 },
      { id: "b", dueBucket: HOUR - 30 },
      { id: "now", dueBucket: HOUR, dueAt: new Date("2026-11-30T15:00:00Z") },
    ]);
    const walk = new DueWalk({ marks, read, held, name: "checkins" });

    const page = await walk.page(NOW, 500);

    expect(page.items.map((p) => p.id)).toEqual(["a", "b", "now"]);
    expect(asks).toEqual([[HOUR - 5 * 24, HOUR - 1]]);
    expect(reads).toEqual([LOOK_NOW, HOUR - 100, HOUR - 30, HOUR]);
    await walk.settle(page, []);
    expect(marks.value).toBe(HOUR);
  });

  it("the next pages read neither the empty hours again nor one a page emptied, and ask nothing more", async () => {
    const marks = new MemoryMarks();
    marks.value = HOUR - 5 * 24;
    const { read, held, reads, asks } = movingIndex([
      { id: "a1", dueBucket: HOUR - 100 },
      { id: "a2", dueBucket: HOUR - 100 },
      { id: "a3", dueBucket: HOUR - 100 },
      { id: "b", dueBucket: HOUR - 30 },
    ]);
    const walk = new DueWalk({ marks, read, held, name: "checkins" });

    // A full page: the mark stops at the hour it could not read whole.
    await walk.settle(await walk.page(NOW, 2), []);
    expect(reads).toEqual([LOOK_NOW, HOUR - 100]);
    expect(marks.value).toBe(HOUR - 100);

    reads.length = 0;
    const second = await walk.page(NOW, 2);
    expect(second.items.map((p) => p.id)).toEqual(["a3", "b"]);
    expect(reads).toEqual([LOOK_NOW, HOUR - 100, HOUR - 30]);
    await walk.settle(second, []);

    // The page filled in HOUR - 30, so that one is read again; HOUR - 100 is not.
    reads.length = 0;
    await walk.settle(await walk.page(NOW, 2), []);
    expect(reads).toEqual([LOOK_NOW, HOUR - 30, HOUR]);
    expect(asks).toHaveLength(1);
    expect(marks.value).toBe(HOUR);
  });

  it("an hour a check-in stays in (waiting on its job) holds the mark and is read again; the emptied ones are not", async () => {
    const marks = new MemoryMarks();
    marks.value = HOUR - 10;
    const { read, held, reads, asks } = movingIndex([
      { id: "waiting", dueBucket: HOUR - 8, stays: true },
      { id: "done", dueBucket: HOUR - 6 },
    ]);
    const walk = new DueWalk({ marks, read, held, name: "checkin-follow-ups" });

    await walk.settle(await walk.page(NOW, 500), [HOUR - 8]);
    expect(reads).toHaveLength(1 + 11);
    expect(marks.value).toBe(HOUR - 8);

    reads.length = 0;
    const later = new Date(NOW.getTime() + 10 * 60_000);
    const again = await walk.page(later, 500);
    expect(again.items.map((p) => p.id)).toEqual(["waiting"]);
    expect(reads).toEqual([LOOK_NOW, HOUR - 8, HOUR]);
    expect(asks).toEqual([]);
  });

  it("a pair written after a page, in an hour not yet past the skew then, is still read", async () => {
    const marks = new MemoryMarks();
    marks.value = HOUR - 10;
    const pairs: { id: string; dueBucket: number }[] = [];
    const { read, held, reads } = index(pairs);
    const walk = new DueWalk({ marks, read, held, name: "checkins" });
    await walk.settle(await walk.page(NOW, 500), []);

    // An hour later, a pair is in the hour that was current then.
    pairs.push({ id: "late", dueBucket: HOUR });
    reads.length = 0;
    const next = await walk.page(new Date(NOW.getTime() + BUCKET_MS), 500);
    expect(next.items.map((p) => p.id)).toEqual(["late"]);
    expect(reads).toEqual([LOOK_NOW, HOUR, HOUR + 1]);
  });
});
