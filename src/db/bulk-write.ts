/**
 * Statements per bulk write. FerretDB 1.24 holds a backend connection for each statement of an
 * update command until the whole command ends: on PostgreSQL an update of 100 statements waits
 * forever on its own pool of 50 connections (and every other client then waits behind it), and
 * on SQLite 120 hang as well, while 30 and 60 finish in well under a second. MongoDB takes any
 * size; 25 costs it one command per 25 writes.
 */
export const BULK_WRITE_CHUNK = 25;

/** Writes `operations` in commands of at most BULK_WRITE_CHUNK, one after the other. */
export async function bulkWriteInChunks<T>(
  operations: readonly T[],
  write: (chunk: T[]) => Promise<unknown>,
): Promise<void> {
  for (let i = 0; i < operations.length; i += BULK_WRITE_CHUNK) {
    await write(operations.slice(i, i + BULK_WRITE_CHUNK));
  }
}

/**
 * Updates that came at once (a group commit), in one bulk write when there are several. The
 * server counts the matches of a bulk write, not which ones: when all matched, each item is told
 * so (`matched`); when fewer did, each goes again on its own (`alone`, told whether a bulk write
 * went first), so nobody hears of a match that was another's. Callers keep the batch within
 * BULK_WRITE_CHUNK (WriteBatches does).
 */
export async function updateAllOrEachAlone<T, Op>(
  items: readonly T[],
  each: {
    statement: (item: T) => Op;
    bulkWrite: (statements: Op[]) => Promise<{ matchedCount: number }>;
    matched: (item: T) => void;
    alone: (item: T, afterBulk: boolean) => Promise<void>;
  },
): Promise<void> {
  const bulk = items.length > 1;
  if (bulk) {
    const written = await each.bulkWrite(items.map(each.statement));
    if (written.matchedCount === items.length) {
      for (const item of items) each.matched(item);
      return;
    }
  }
  await Promise.all(items.map((item) => each.alone(item, bulk)));
}
