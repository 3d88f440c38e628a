import type { Collection, Connection } from "mongoose";
import type { JobName } from "../../domain/jobs.js";
import type { OwedJob, OwedJobs } from "../../jobs/job-outbox.js";
import { BY_ID_STATEMENTS_PER_COMMAND } from "../by-id-writes.js";
import { InsertCoalescer } from "../insert-coalescer.js";
import { isDuplicateKeyError } from "../mongo-errors.js";
import { WriteBatches } from "../write-batches.js";

interface OwedJobDoc {
  /** The job's deterministic id (jobIdFor): a second insert of the same work is refused. */
  _id: string;
  name: JobName;
  payload: Record<string, unknown>;
  /** The hour of `createdAt` (due-index.ts): the outbox sweep reads hours by equality. */
  dueBucket: number;
  createdAt: Date;
}

/**
 * The jobs layer's outbox (jobs/job-outbox.ts): one document per job owed, gone once it ran.
 * Inserts and deletes that come together (many people's commands, the jobs a worker runs at
 * once) share commands; a lone one goes at once.
 */
export class JobOutboxRepository implements OwedJobs {
  private readonly inserts: InsertCoalescer<OwedJobDoc>;
  private readonly deletes: WriteBatches<string>;

  constructor(private readonly connection: Connection) {
    this.inserts = new InsertCoalescer(() => this.owed());
    // One statement an `_id` (an `$in` of ids scans the collection on FerretDB: by-id-writes.ts).
    this.deletes = new WriteBatches(async (ids) => {
      const statements = ids.map((_id) => ({ deleteOne: { filter: { _id } } }));
      await this.owed().bulkWrite(statements, { ordered: false });
    }, BY_ID_STATEMENTS_PER_COMMAND);
  }

  async owe(jobs: readonly OwedJob[]): Promise<void> {
    await Promise.all(
      jobs.map(async ({ id, ...rest }) => {
        try {
          await this.inserts.insert({ _id: id, ...rest });
        } catch (error) {
          // Already owed (the same work enqueued again): the first document stands.
          if (!isDuplicateKeyError(error)) throw error;
        }
      }),
    );
  }

  async empty(): Promise<boolean> {
    return (await this.owed().findOne({}, { projection: { _id: 1 } })) === null;
  }

  async inBucket(bucket: number, limit: number, createdBy?: Date): Promise<OwedJob[]> {
    const filter = createdBy
      ? { dueBucket: bucket, createdAt: { $lte: createdBy } }
      : { dueBucket: bucket };
    const docs = await this.owed().find(filter).limit(limit).toArray();
    return docs.map(({ _id, ...rest }) => ({ id: _id, ...rest }));
  }

  async bucketsHeld(from: number, to: number): Promise<number[]> {
    return this.owed().distinct("dueBucket", { dueBucket: { $gte: from, $lte: to } });
  }

  async paid(ids: readonly string[]): Promise<void> {
    await Promise.all(ids.map((id) => this.deletes.add(id)));
  }

  async ensureIndexes(): Promise<void> {
    await this.owed().createIndex({ dueBucket: 1 });
  }

  private owed(): Collection<OwedJobDoc> {
    return this.connection.collection<OwedJobDoc>("job_outbox");
  }
}
