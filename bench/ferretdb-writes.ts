// Which form of the sweep's schedule advance FerretDB serves best at P4's size (issue 14): the
// grouped `updateMany` the sweep sends (relationship.repository.ts, advanceMany), against 500
// `updateOne`s in bulk writes of 25, with the compare-and-set fields and with `{ _id }` alone.
// Seeds PROBE_DOCUMENTS (100,000) unplanned pairs in bucket 0, as P4 does, in a throwaway database.
//
//   npx tsx bench/ferretdb-writes.ts    (PROBE_BACKEND=sqlite|postgresql, default postgresql)
import mongoose from "mongoose";
import { BULK_WRITE_CHUNK } from "../src/db/bulk-write.js";
import { type FerretdbBackend, startLocalServices } from "../test/support/local-services.js";

const DOCUMENTS = Number(process.env.PROBE_DOCUMENTS ?? 100_000);
const PAGE = 500;
const backend = (process.env.PROBE_BACKEND ?? "postgresql") as FerretdbBackend;
const log = (text: string) => process.stderr.write(`[probe] ${text}\n`);

const services = await startLocalServices({}, backend);
const client = new mongoose.mongo.MongoClient(`${services.mongodbUri}/ferretdb_writes`);
try {
  const pairs = client.db().collection("relationships");
  await pairs.createIndex({ dueBucket: 1 });
  for (let from = 0; from < DOCUMENTS; from += 5_000) {
    await pairs.insertMany(
      Array.from({ length: Math.min(5_000, DOCUMENTS - from) }, (_, i) => ({
        mentorId: `UM${from + i}`,
        menteeId: `UE${from + i}`,
        status: "active",
        nextCheckinAt: null,
        dueBucket: 0,
        checkinsPaused: false,
      })),
      { ordered: false },
    );
  }
  const ids = (
    await pairs
      .find({ dueBucket: 0 })
      .limit(3 * PAGE)
      .toArray()
  ).map((d) => d._id);
  log(`FerretDB on ${backend}, ${DOCUMENTS.toLocaleString("en-US")} unplanned pairs in bucket 0`);
  const plan = await client
    .db()
    .command({ explain: { find: "relationships", filter: { _id: ids[0] } } });
  log(`find { _id } plan: ${JSON.stringify(plan.queryPlanner ?? {}).slice(0, 500)}`);
  const next = new Date();
  const timed = async (what: string, write: (page: typeof ids) => Promise<number>) => {
    const page = ids.splice(0, PAGE);
    const started = performance.now();
    const moved = await write(page);
    log(
      `${what}: ${moved} of ${page.length} moved in ${(performance.now() - started).toFixed(0)} ms`,
    );
  };
  const oneByOne = async (page: typeof ids, filterOf: (id: (typeof ids)[number]) => object) => {
    let moved = 0;
    for (let i = 0; i < page.length; i += BULK_WRITE_CHUNK) {
      const chunk = page.slice(i, i + BULK_WRITE_CHUNK).map((id) => ({
        updateOne: {
          filter: filterOf(id),
          update: { $set: { nextCheckinAt: next, dueBucket: 1 } },
        },
      }));
      moved += (await pairs.bulkWrite(chunk, { ordered: false })).modifiedCount;
    }
    return moved;
  };
  await timed(
    "updateMany { dueBucket, nextCheckinAt, _id: { $in } } (the sweep's)",
    async (page) => {
      const where = { dueBucket: 0, nextCheckinAt: null, _id: { $in: page } };
      return (await pairs.updateMany(where, { $set: { nextCheckinAt: next, dueBucket: 1 } }))
        .modifiedCount;
    },
  );
  await timed("updateOne { _id, dueBucket, nextCheckinAt } x 500", (page) =>
    oneByOne(page, (_id) => ({ _id, dueBucket: 0, nextCheckinAt: null })),
  );
  await timed("updateOne { _id } x 500 (no compare-and-set)", (page) =>
    oneByOne(page, (_id) => ({ _id })),
  );
} finally {
  await client.close();
  await services.stop();
}
