// P2 of issue 14: what BullMQ alone delivers on this machine, to measure the bot against.
// (a) one HTTP call per job (chat.postMessage to the Slack double);
// (b) the same plus the least exactly-once needs: a unique insert before the call and an
//     update by _id after it, on the same database as the bot.
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
  /** Set for (b): the database the ledger documents go to. */
  mongodbUri?: string;
}

/** Jobs a second, from addBulk to the last job done. */
export async function runPipeline(options: PipelineOptions): Promise<number> {
  const name = options.mongodbUri ? "pipeline-b" : "pipeline-a";
  const connection = options.redis.duplicate({ maxRetriesPerRequest: null });
  const client = options.mongodbUri ? new mongoose.mongo.MongoClient(options.mongodbUri) : null;
  const ledger = client?.db().collection<{ _id: string; ts?: string }>(`bench_${name}`);
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
      const key = `checkin:${job.data.n}`;
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
    await ledger?.drop().catch(() => {});
    await client?.close();
    connection.disconnect();
  }
}
