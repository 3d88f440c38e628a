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

/** Pairs by bucket; `dueAt` decides what the current hour's read returns. */
function index(pairs: { id: string; dueBucket: number; dueAt?: Date }[]) {
  const reads: number[] = [];
  const read = async (bucket: number, limit: number, dueBy?: Date) => {
    reads.push(bucket);
    return pairs
      .filter((p) => p.dueBucket === bucket && (!dueBy || !p.dueAt || p.dueAt <= dueBy))
      .slice(0, limit);
  };
  return { read, reads };
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
    const { read, reads } = index([
      { id: "new", dueBucket: LOOK_NOW },
      { id: "late", dueBucket: HOUR - 2 },
      { id: "due", dueBucket: HOUR, dueAt: new Date("2026-11-30T15:00:00Z") },
      { id: "later", dueBucket: HOUR, dueAt: new Date("2026-11-30T15:30:00Z") },
      { id: "next hour", dueBucket: HOUR + 1 },
    ]);
    const walk = new DueWalk({ marks, read, name: "checkins" });

    const page = await walk.page(NOW, 500);

    expect(page.items.map((p) => p.id)).toEqual(["new", "late", "due"]);
    expect(reads).toEqual([LOOK_NOW, HOUR - 3, HOUR - 2, HOUR - 1, HOUR]);
    await walk.settle(page, []);
    expect(marks.value).toBe(HOUR);
  });

  it("starts a day back when there is no mark yet", async () => {
    const marks = new MemoryMarks();
    const { read, reads } = index([]);
    await new DueWalk({ marks, read, name: "checkins" }).page(NOW, 500);
    expect(reads[1]).toBe(HOUR - FIRST_MARK_LOOKBACK);
    expect(reads).toHaveLength(FIRST_MARK_LOOKBACK + 2);
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

  it("reads at most two weeks of hours in one sweep; the next goes on from there", async () => {
    const marks = new MemoryMarks();
    marks.value = HOUR - 3 * BUCKETS_PER_SWEEP;
    const { read, reads } = index([]);
    const walk = new DueWalk({ marks, read, name: "checkins" });

    await walk.settle(await walk.page(NOW, 500), []);

    expect(reads).toHaveLength(BUCKETS_PER_SWEEP + 1);
    expect(marks.value).toBe(HOUR - 2 * BUCKETS_PER_SWEEP);
  });

  it("with a clock behind the mark, still reads the mark's hour for what is due by that clock", async () => {
    const marks = new MemoryMarks();
    marks.value = HOUR + 5;
    const { read, reads } = index([
      { id: "due", dueBucket: HOUR + 5, dueAt: new Date("2026-11-30T15:00:00Z") },
      { id: "later", dueBucket: HOUR + 5, dueAt: new Date("2026-11-30T20:00:00Z") },
    ]);
    const walk = new DueWalk({ marks, read, name: "checkins" });

    const page = await walk.page(NOW, 500);

    expect(page.items.map((p) => p.id)).toEqual(["due"]);
    expect(reads).toEqual([LOOK_NOW, HOUR + 5]);
    await walk.settle(page, []);
    expect(marks.value).toBe(HOUR + 5);
  });
});
