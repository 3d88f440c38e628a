// WriteBatches: what arrives while a write is under way goes in the next one, together.
import { describe, expect, it } from "vitest";
import { BULK_WRITE_CHUNK } from "../../src/db/bulk-write.js";
import { WriteBatches, WriteLanes } from "../../src/db/write-batches.js";

/** A write the test finishes by hand, recording what each command carried. */
function heldWrites() {
  const commands: number[][] = [];
  const finish: Array<(error?: Error) => void> = [];
  const batches = new WriteBatches<number>(
    (items) =>
      new Promise<void>((resolve, reject) => {
        commands.push(items);
        finish.push((error) => (error ? reject(error) : resolve()));
      }),
  );
  return { batches, commands, finish };
}

/** Lets the microtasks queued so far run: a write added before has then gone out. */
const ran = () => Promise.resolve();

describe("WriteBatches", () => {
  it("writes a lone item at once, and what came meanwhile together in the next command", async () => {
    const { batches, commands, finish } = heldWrites();
    const first = batches.add(1);
    await ran();
    expect(commands).toEqual([[1]]);
    const later = [batches.add(2), batches.add(3), batches.add(4)];
    expect(commands).toHaveLength(1);
    finish[0]?.();
    await first;
    await Promise.resolve();
    expect(commands).toEqual([[1], [2, 3, 4]]);
    finish[1]?.();
    await Promise.all(later);
  });

  it("writes what one run of code adds in one command, not the first alone", async () => {
    const { batches, commands, finish } = heldWrites();
    const all = [1, 2, 3].map((i) => batches.add(i));
    expect(commands).toEqual([]);
    await ran();
    expect(commands).toEqual([[1, 2, 3]]);
    finish[0]?.();
    await Promise.all(all);
  });

  it("sends at most one chunk a command", async () => {
    const { batches, commands, finish } = heldWrites();
    const all = Array.from({ length: BULK_WRITE_CHUNK + 3 }, (_, i) => batches.add(i));
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      finish[i]?.();
    }
    await Promise.all(all);
    expect(commands.map((c) => c.length)).toEqual([BULK_WRITE_CHUNK, 3]);
  });

  it("fails only the callers whose command failed, and goes on with the rest", async () => {
    const { batches, commands, finish } = heldWrites();
    const first = batches.add(1);
    await ran();
    const second = batches.add(2);
    finish[0]?.(new Error("refused"));
    await expect(first).rejects.toThrow("refused");
    await Promise.resolve();
    expect(commands).toEqual([[1], [2]]);
    finish[1]?.();
    await expect(second).resolves.toBeUndefined();
  });

  it("refuses only the items the write names, and resolves the others of the command", async () => {
    const batches = new WriteBatches<string>(async (items) => {
      const refused = new Map<number, unknown>();
      items.forEach((item, index) => {
        if (item.startsWith("dup")) refused.set(index, new Error(`${item} refused`));
      });
      return refused;
    });
    const outcomes = await Promise.allSettled(["a", "dup-1", "b"].map((i) => batches.add(i)));

    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(String((outcomes[1] as PromiseRejectedResult).reason)).toContain("dup-1 refused");
  });
});

describe("WriteLanes", () => {
  /** Lanes whose writes the test finishes by hand; each command records the keys it carried. */
  function heldLanes(lanes: number) {
    const commands: string[][] = [];
    const finish: Array<() => void> = [];
    const writes = new WriteLanes<string>(
      (items) =>
        new Promise<void>((resolve) => {
          commands.push(items);
          finish.push(resolve);
        }),
      (item) => item.split("#")[0] ?? item,
      lanes,
    );
    return { writes, commands, finish };
  }

  it("never writes one key twice at once: its second write waits for the first", async () => {
    const { writes, commands, finish } = heldLanes(8);
    const first = writes.add("pair-1#a");
    await ran();
    const second = writes.add("pair-1#b");
    expect(commands).toEqual([["pair-1#a"]]);
    finish[0]?.();
    await first;
    await Promise.resolve();
    expect(commands).toEqual([["pair-1#a"], ["pair-1#b"]]);
    finish[1]?.();
    await second;
  });

  it("writes other keys at once, in other lanes, while one lane is busy", async () => {
    const { writes, commands, finish } = heldLanes(4);
    const keys = Array.from({ length: 40 }, (_, i) => `pair-${i}`);
    const first = writes.add("pair-first");
    await ran();
    const all = [first, ...keys.map((key) => writes.add(key))];
    await ran();
    // One command under way per lane, the keys of the first one's lane waiting in it.
    expect(commands).toHaveLength(4);
    while (finish.length > 0) {
      finish.shift()?.();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(all);
    expect(commands.flat().sort()).toEqual(["pair-first", ...keys].sort());
    expect(commands.length).toBeLessThan(keys.length);
  });
});
