import type { mongo } from "mongoose";
import { bulkWriteInChunks } from "./bulk-write.js";

/**
 * Gives every document that `missing` matches the fields `setOf` computes from the fields in
 * `projection`, a page at a time, 25 writes to a command: an upgrade's one-time fill, and the
 * hourly repair of what an older replica wrote during a rolling upgrade. A document is written
 * only if still missing (a writer may have set it meanwhile). Returns how many were written.
 */
export async function fillMissing(
  collection: mongo.Collection,
  missing: mongo.Filter<mongo.Document>,
  projection: mongo.Document,
  setOf: (row: mongo.Document) => mongo.Document,
  page = 500,
): Promise<number> {
  let filled = 0;
  for (;;) {
    const rows = await collection.find(missing, { projection }).limit(page).toArray();
    if (rows.length === 0) return filled;
    let written = 0;
    await bulkWriteInChunks(rows, async (chunk) => {
      const result = await collection.bulkWrite(
        chunk.map((row) => ({
          updateOne: { filter: { _id: row._id, ...missing }, update: { $set: setOf(row) } },
        })),
        { ordered: false },
      );
      written += result.modifiedCount;
    });
    filled += written;
    // Nothing of this page could be written: stop rather than read it again forever.
    if (written === 0 || rows.length < page) return filled;
  }
}
