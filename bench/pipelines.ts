// P2 of issue 14: what BullMQ alone delivers on this machine, to measure the bot against.
// (a) one HTTP call per job (chat.postMessage to the Slack double);
// (b) the same plus the least exactly-once needs: a unique insert before the call and an
//     update by _id after it, on the same database as the bot;
// (c) (b) plus the rest of the documents one check-in touches in the bot, each by `_id` and one
//     command each: the check-in created and the pair's schedule moved (the sweep's part), the
//     check-in and the pair read, the pair's sent count and the check-in saved (the send's).
//     Not a target: it tells the cost of the bot's design on this database from its code's.
import { Queue, Worker } from "bullmq";
import type { Redis } from "ioredis";
import mongoose from "mongoose";

export interface PipelineOptions {
  redis: Redis;
  prefix: string;
  apiUrl: string;
  token: string;
  jobs: number;
  concurrency: number;
  /** Set for (b) and (c): the database the ledger documents go to. */
  mongodbUri?: string;
  /** (c): the check-in's own documents as well. */
  checkinDocuments?: boolean;
}

type Doc = { _id: string } & Record<string, unknown>;

/** Jobs a second, from addBulk to the last job done. */
export async function runPipeline(options: PipelineOptions): Promise<number> {
  const name = options.checkinDocuments
    ? "pipeline-c"
    : options.mongodbUri
      ? "pipeline-b"
      : "pipeline-a";
  const connection = options.redis.duplicate({ maxRetriesPerRequest: null });
  const client = options.mongodbUri ? new mongoose.mongo.MongoClient(options.mongodbUri) : null;
  const ledger = client?.db().collection<{ _id: string; ts?: string }>(`bench_${name}`);
  const own = <T extends Doc>(what: string) =>
    options.checkinDocuments ? client?.db().collection<T>(`bench_${name}_${what}`) : undefined;
  const [checkins, pairs] = [own("checkins"), own("pairs")];
  const tallies = own<{ _id: string; checkinsSent: number }>("tallies");
  // The pairs exist before the slot, as the bot's do.
  await pairs?.insertMany(
    Array.from({ length: options.jobs }, (_, n) => ({ _id: `pair${n}`, ...PAIR_FIELDS })),
  );
  const queue = new Queue(name, { connection, prefix: options.prefix });
  let done = 0;
  let failed = 0;
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const worker = new Worker(
    name,
    async (job) => {
      const n: number = job.data.n;
      const key = `checkin:${n}`;
      if (checkins && pairs) {
        // The sweep's part, and the send's reads.
        const slot = { relationshipId: `pair${n}`, status: "scheduled", slot: "2026-11-30" };
        await checkins.insertOne({ _id: `checkin${n}`, ...slot, sequence: 2 });
        await pairs.updateOne({ _id: `pair${n}` }, { $set: { dueBucket: n, checkinSequence: 2 } });
        await checkins.findOne({ _id: `checkin${n}` });
        await pairs.findOne({ _id: `pair${n}` });
      }
      await ledger?.insertOne({ _id: key });
      const res = await fetch(`${options.apiUrl}chat.postMessage`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${options.token}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ channel: `DPIPE${job.data.n}`, text: "Time to check in" }),
      });
      const posted = (await res.json()) as { ok: boolean; ts?: string };
      if (!posted.ok) throw new Error("chat.postMessage failed");
      await ledger?.updateOne({ _id: key }, { $set: { ts: posted.ts ?? "" } });
      await tallies?.updateOne(
        { _id: `pair${n}` },
        { $inc: { checkinsSent: 1 } },
        { upsert: true },
      );
      await checkins?.updateOne(
        { _id: `checkin${n}` },
        { $set: { status: "sent", sentAt: new Date(), message: { ts: posted.ts } } },
      );
    },
    { connection, prefix: options.prefix, concurrency: options.concurrency },
  );
  const settle = () => {
    if (done + failed >= options.jobs) finish();
  };
  worker.on("completed", () => {
    done += 1;
    settle();
  });
  worker.on("failed", () => {
    failed += 1;
    settle();
  });
  try {
    await worker.waitUntilReady();
    const started = performance.now();
    await queue.addBulk(
      Array.from({ length: options.jobs }, (_, n) => ({ name: "send", data: { n } })),
    );
    await finished;
    const seconds = (performance.now() - started) / 1000;
    if (failed > 0) throw new Error(`${name}: ${failed} of ${options.jobs} jobs failed`);
    return done / seconds;
  } finally {
    await worker.close();
    await queue.obliterate({ force: true }).catch(() => {});
    await queue.close();
    for (const collection of [ledger, checkins, pairs, tallies]) {
      await collection?.drop().catch(() => {});
    }
    await client?.close();
    connection.disconnect();
  }
}

/** A pair as the bot keeps it, roughly (its size is what a database reads and writes back). */
const PAIR_FIELDS = {
  mentorId: "UBENCHMENTOR",
  menteeId: "UBENCHMENTEE",
  status: "active",
  cadence: { frequency: "weekly", weekday: 1, time: "10:00", anchorDate: null },
  checkinsPaused: false,
  leftWorkspace: [],
  settings: {},
  reflections: {},
  createdAt: new Date(0),
  updatedAt: new Date(0),
};
