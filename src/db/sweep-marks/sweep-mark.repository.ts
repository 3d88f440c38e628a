import type { Collection, Connection } from "mongoose";
import type { DueMarks } from "../../domain/due-index.js";
import { isDuplicateKeyError } from "../mongo-errors.js";

interface MarkDoc {
  _id: string;
  bucket: number;
}

/** The sweeps' low-water marks (due-index.ts): one document each, found by `_id`. */
export class SweepMarkRepository implements DueMarks {
  constructor(private readonly connection: Connection) {}

  async read(name: string, start: number): Promise<number> {
    const found = await this.marks().findOne({ _id: name });
    if (found) return found.bucket;
    try {
      await this.marks().insertOne({ _id: name, bucket: start });
      return start;
    } catch (error) {
      // Another replica set it first: theirs stands.
      if (!isDuplicateKeyError(error)) throw error;
      return (await this.marks().findOne({ _id: name }))?.bucket ?? start;
    }
  }

  async raise(name: string, bucket: number): Promise<void> {
    await this.marks().updateOne({ _id: name, bucket: { $lt: bucket } }, { $set: { bucket } });
  }

  private marks(): Collection<MarkDoc> {
    return this.connection.collection<MarkDoc>("sweep_marks");
  }
}
