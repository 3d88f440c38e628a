import type { Collection, Model, mongo, QueryFilter } from "mongoose";

/**
 * Deletes at most `limit` documents matching `filter`: their ids first (a bounded read), then
 * one deleteMany by `_id`, which every server answers from the primary index.
 */
export async function deletePage<T>(
  model: Model<T>,
  filter: QueryFilter<T>,
  limit: number,
): Promise<number> {
  const docs = await model.find(filter).select({ _id: 1 }).limit(limit).lean<{ _id: unknown }[]>();
  if (docs.length === 0) return 0;
  const { deletedCount } = await model.deleteMany({
    _id: { $in: docs.map((d) => d._id) },
  } as QueryFilter<T>);
  return deletedCount;
}

/** deletePage for a collection written without a mongoose model (records kept as plain inserts). */
export async function deleteCollectionPage<T extends mongo.Document>(
  collection: Collection<T>,
  filter: mongo.Filter<T>,
  limit: number,
): Promise<number> {
  const docs = await collection
    .find(filter, { projection: { _id: 1 } })
    .limit(limit)
    .toArray();
  if (docs.length === 0) return 0;
  const { deletedCount } = await collection.deleteMany({
    _id: { $in: docs.map((d) => d._id) },
  } as mongo.Filter<T>);
  return deletedCount;
}
