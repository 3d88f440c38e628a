import type { Model, mongo } from "mongoose";
import { plainDocuments } from "./plain-documents.js";
import { type ItemRefusals, WriteBatches } from "./write-batches.js";

type Collection<T extends mongo.Document> = mongo.Collection<T>;
type Insertable<T extends mongo.Document> = mongo.OptionalUnlessRequiredId<T>;

/** Documents one command carries at most: far from any server's limit, and a page's worth. */
const MAX_BATCH = 100;

/**
 * Appends to one collection, several callers' documents to a command (a group commit, through
 * WriteBatches).
 *
 * Why: a database charges mostly per command, not per document (FerretDB here takes as long to
 * insert 500 documents in one `insertMany` as 3 in three `insertOne`s), and under load many
 * requests append at once: 50 concurrent `/mentor log` commands each writing an audit line are
 * 50 commands, or a handful as batches. A lone insert goes at once, so an idle bot waits no
 * longer.
 *
 * Each caller's promise settles with its own document's fate: written, or refused (a unique
 * index's E11000 reaches only the caller whose document it refused, as from `insertOne`). An
 * error about the whole command (the server unreachable) reaches every caller in it.
 */
export class InsertCoalescer<T extends mongo.Document> {
  private readonly batches: WriteBatches<Insertable<T>>;

  constructor(collection: () => Collection<T>) {
    this.batches = new WriteBatches(async (docs) => {
      try {
        // Unordered: one refused document does not stop the others.
        await collection().insertMany(docs, { ordered: false });
        return undefined;
      } catch (error) {
        const refused = refusals(error);
        if (!refused) throw error;
        return refused;
      }
    }, MAX_BATCH);
  }

  insert(doc: Insertable<T>): Promise<void> {
    return this.batches.add(doc);
  }
}

/**
 * Which documents the server refused, by position; undefined when the error is not about single
 * documents (then nothing is known of any of them, and every caller hears of it).
 */
function refusals(error: unknown): ItemRefusals {
  const bulk = error as { writeErrors?: unknown; err?: unknown } | null;
  // A write concern error leaves the "written" ones unconfirmed: every caller hears of it.
  if (!bulk?.writeErrors || bulk.err) return undefined;
  // The driver gives one error as an object, several as an array.
  const list = (Array.isArray(bulk.writeErrors) ? bulk.writeErrors : [bulk.writeErrors]) as {
    index?: unknown;
  }[];
  if (list.length === 0 || list.some((e) => typeof e.index !== "number")) return undefined;
  return new Map(list.map((e) => [e.index as number, e]));
}

/**
 * `Model.create` for append-only collections, coalesced: the entry is cast and validated by the
 * model's schema first, so a bad one is refused alone and at once, as `create` would. An entry
 * that already fits a flat schema exactly skips mongoose's Document (plain-documents.ts).
 */
export function coalescedCreate<T>(model: Model<T>): (entry: T) => Promise<void> {
  const appends = new InsertCoalescer<mongo.Document>(() => model.collection);
  const plain = plainDocuments(model.schema);
  return async (entry) => {
    const ready = plain?.(entry as Record<string, unknown>);
    if (ready) return appends.insert(ready);
    const doc = new model(entry);
    await doc.validate();
    await appends.insert(doc.toObject() as mongo.Document);
  };
}
