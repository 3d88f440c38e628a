// Program report and export on a seeded program (`npx tsx bench/program.ts`, BENCH_PAIRS=500 by
// default): seeds the program (bench/seed-program.ts), then times `/mentor program` (command to
// reply) and `/mentor export` (command to the files shared in the DM) on the real bot against
// Redis + FerretDB (or REDIS_URL / MONGODB_URI), and prints an excerpt of each.
import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import mongoose from "mongoose";
import { startBot } from "../src/bot.js";
import { loadConfig } from "../src/config.js";
import { PairTallyRepository } from "../src/db/program/pair-tally.repository.js";
import { rebuildTallies } from "../src/db/program/tally-rebuild.js";
import { createLogger } from "../src/logger.js";
import { startLocalServices } from "../test/support/local-services.js";
import { SlackDouble } from "../test/support/slack-double.js";
import { SlackRequests } from "../test/support/slack-requests.js";
import { TestClock } from "../test/support/test-clock.js";
import { seedProgram } from "./seed-program.js";

const ADMIN = "UADMIN01";
const NOW = new Date("2026-11-23T15:00:00Z");
const RUNS = 3;
const log = (text: string) => process.stderr.write(`[bench] ${text}\n`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function main(): Promise<void> {
  const pairs = Number(process.env.BENCH_PAIRS ?? 500);
  const services = await startLocalServices(process.env);
  const double = await SlackDouble.start();
  double.addUser({ id: ADMIN, name: "ada", tz: "Europe/Berlin" });
  const suffix = randomBytes(4).toString("hex");
  const base = services.mongodbUri.replace(/\/+$/, "");
  const mongodbUri = `${base}/program_${suffix}`;
  const config = loadConfig({
    SLACK_BOT_TOKEN: "xoxb-bench-token-not-real",
    SLACK_SIGNING_SECRET: "bench-signing-secret",
    SLACK_API_URL: double.apiUrl,
    MONGODB_URI: mongodbUri,
    REDIS_URL: services.redisUrl,
    QUEUE_PREFIX: `program_${suffix}`,
    PORT: "0",
    ADMIN_USER_IDS: ADMIN,
    LOG_LEVEL: "warn",
    CHECKIN_SWEEP_INTERVAL_MS: "0",
    PROFILE_REFRESH_INTERVAL_MS: "0",
    COMMANDS_PER_MINUTE: "1000",
  });
  const sink = new Writable({
    write(chunk, _e, done) {
      process.stderr.write(chunk);
      done();
    },
  });
  const clock = new TestClock(NOW);
  const bot = await startBot(config, { logger: createLogger(config.logLevel, sink), clock });
  const connection = await mongoose.createConnection(mongodbUri).asPromise();
  try {
    const seeding = performance.now();
    const counts = await seedProgram(connection, pairs, NOW);
    log(
      `seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`,
    );
    // Seeded straight into the collections: count the history once, as the first start after
    // an upgrade does (Database.connect), and time it.
    const rebuilding = performance.now();
    const rebuilt = await rebuildTallies(connection, new PairTallyRepository(connection), NOW);
    log(
      `tallies rebuilt from the history in ${((performance.now() - rebuilding) / 1000).toFixed(1)} s (${rebuilt.pairs} pairs; once, on upgrade)`,
    );
    const slack = new SlackRequests({
      appUrl: `http://127.0.0.1:${bot.port}`,
      signingSecret: "bench-signing-secret",
      double,
    });

    const reportTimes: number[] = [];
    let report: Record<string, unknown> = {};
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const sent = await slack.command(ADMIN, "program");
      report = await double.waitForResponse(sent.responseUrl, 120_000);
      reportTimes.push(performance.now() - started);
    }

    const exportTimes: number[] = [];
    let heapPeak = 0;
    for (let i = 0; i < RUNS; i++) {
      clock.advance(2 * 60_000); // a new request each time (one a minute is one export)
      const before = double.calls("files.completeUploadExternal").length;
      const heapBase = process.memoryUsage().heapUsed;
      const sampler = setInterval(() => {
        heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed - heapBase);
      }, 20);
      const started = performance.now();
      await slack.command(ADMIN, "export");
      await double.waitForCalls("files.completeUploadExternal", before + 1, 300_000);
      exportTimes.push(performance.now() - started);
      clearInterval(sampler);
    }

    const blocks = (report.blocks ?? []) as Array<{ text?: { text: string } }>;
    const text = blocks.flatMap((b) => (b.text ? [b.text.text] : [])).join("\n");
    const files = double.sharedFiles(`D${ADMIN}`).slice(0, 3);
    console.log(`Program of ${pairs} pairs: ${JSON.stringify(counts)}`);
    console.log(
      `/mentor program: median ${median(reportTimes).toFixed(0)} ms (runs: ${reportTimes.map((t) => t.toFixed(0)).join(", ")} ms), ${blocks.length} blocks`,
    );
    console.log(
      `/mentor export: median ${median(exportTimes).toFixed(0)} ms to the files in the DM (runs: ${exportTimes.map((t) => t.toFixed(0)).join(", ")} ms); heap growth at most ${(heapPeak / 1024 / 1024).toFixed(1)} MB`,
    );
    for (const f of files) {
      console.log(`  ${f.filename}: ${f.content.length} bytes`);
    }
    console.log("\n--- report excerpt ---");
    console.log(text.split("\n").slice(0, 24).join("\n"));
    for (const f of files) {
      console.log(`\n--- ${f.filename}, first lines ---`);
      console.log(f.content.toString("utf8").split("\r\n").slice(0, 4).join("\n"));
    }
  } finally {
    await connection.dropDatabase().catch(() => undefined);
    await connection.close();
    await bot.stop();
    await double.close();
    await services.stop();
  }
}

main().catch((err) => {
  log(String(err?.stack ?? err));
  process.exitCode = 1;
});
