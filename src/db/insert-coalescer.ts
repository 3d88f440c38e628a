import type { Model, mongo } from "mongoose";

type Collection<T extends mongo.Document> = mongo.Collection<T>;
type Insertable<T extends mongo.Document> = mongo.OptionalUnlessRequiredId<T>;

/** Documents one command carries at most: far from any server's limit, and a page's worth. */
const MAX_BATCH = 100;

interface Waiting<T extends mongo.Document> {
  doc: Insertable<T>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Appends to one collection, several callers' documents to a command ("group commit").
 *
 * Why: a database charges mostly per command, not per document (FerretDB here takes as long to
 * insert 500 documents in one `insertMany` as 3 in three `insertOne`s), and under load many
 * requests append at once: 50 concurrent `/mentor log` commands each writing an audit line are
 * 50 commands, or a handful as batches. No timer: a lone insert goes at once, so an idle bot
 * waits no longer; what arrives while a command is in flight waits for it and goes in the next.
 *
 * Each caller's promise settles with its own document's fate: written, or refused (a unique
 * index's E11000 reaches only the caller whose document it refused, as from `insertOne`). An
 * error about the whole command (the server unreachable) reaches every caller in it.
 */
export class InsertCoalescer<T extends mongo.Document> {
  private readonly waiting: Waiting<T>[] = [];
  private writing = false;

  constructor(private readonly collection: () => Collection<T>) {}

  insert(doc: Insertable<T>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ doc, resolve, reject });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    try {
      while (this.waiting.length > 0) await this.write(this.waiting.splice(0, MAX_BATCH));
    } finally {
      this.writing = false;
    }
  }

  private async write(batch: Waiting<T>[]): Promise<void> {
    try {
      await this.collection().insertMany(
        batch.map((w) => w.doc),
        // Unordered: one refused document does not stop the others.
        { ordered: false },
      );
      for (const w of batch) w.resolve();
    } catch (error) {
      const refused = refusals(error);
      batch.forEach((w, index) => {
        const own = refused ? refused.get(index) : error;
        if (own) w.reject(own);
        else w.resolve();
      });
    }
  }
}

/**
 * Which documents the server refused, by position; null when the error is not about single
 * documents (then nothing is known of any of them, and every caller hears of it).
 */
function refusals(error: unknown): Map<number, unknown> | null {
  const bulk = error as { writeErrors?: unknown; err?: unknown } | null;
  // A write concern error leaves the "written" ones unconfirmed: every caller hears of it.
  if (!bulk?.writeErrors || bulk.err) return null;
  // The driver gives one error as an object, several as an array.
  const list = (Array.isArray(bulk.writeErrors) ? bulk.writeErrors : [bulk.writeErrors]) as {
    index?: unknown;
  }[];
  if (list.length === 0 || list.some((e) => typeof e.index !== "number")) return null;
  return new Map(list.map((e) => [e.index as number, e]));
}

/**
 * `Model.create` for append-only collections, coalesced: the entry is cast and validated by the
 * model's schema first, so a bad one is refused alone and at once, as `create` would.
 */
export function coalescedCreate<T>(model: Model<T>): (entry: T) => Promise<void> {
  const appends = new InsertCoalescer<mongo.Document>(() => model.collection);
  return async (entry) => {
    const doc = new model(entry);
    await doc.validate();
    await appends.insert(doc.toObject() as mongo.Document);
  };
}
