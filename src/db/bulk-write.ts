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
