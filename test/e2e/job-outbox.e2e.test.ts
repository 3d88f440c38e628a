// Work promised in MongoDB survives the loss of its job in Redis: the outbox keeps each job owed
// until it ran, and the sweep enqueues again what Redis lost. The delivery ledger keeps each
// message to one, however many times the job runs.
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FailedJobRepository } from "../../src/db/failed-jobs/failed-job.repository.js";
import { JobOutboxRepository } from "../../src/db/outbox/job-outbox.repository.js";
import { say } from "../support/mentor-commands.js";
import { notificationsDrained } from "../support/queue-drain.js";
import { at, PEOPLE, sharedTestBot } from "../support/test-bot.js";

const bot = sharedTestBot();

afterEach(() => {
  vi.restoreAllMocks();
});

/** Past the outbox's grace (two minutes), then one sweep. */
async function sweepLater() {
  bot.clock.advance(3 * 60_000);
  return bot.sweepNow();
}

/** The Accept / Decline the invitee got. */
const asks = () =>
  bot.double
    .dmsTo(PEOPLE.mentor)
    .filter((c) => String(c.params.text).includes("would like you to be their mentor"));

const introductions = () =>
  [PEOPLE.mentor, PEOPLE.mentee].map(
    (id) =>
      bot.double.dmsTo(id).filter((c) => /your new (mentor|mentee)/.test(String(c.params.text)))
        .length,
  );

/**
 * Redis loses the bot's jobs of one name while they wait (in backoff): removed as jobs, so the
 * worker and the rest of the bot's keys stay as a running bot would find them. How many.
 */
async function loseJobs(name: string): Promise<number> {
  const connection = new Redis(bot.config.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue("notifications", { connection, prefix: bot.config.queuePrefix });
  try {
    const jobs = await queue.getJobs(["delayed", "waiting", "prioritized", "failed"]);
    const lost = jobs.filter((job) => job?.name === name);
    for (const job of lost) await job.remove();
    return lost.length;
  } finally {
    await queue.close();
    await connection.quit();
  }
}

describe("a pairing request whose job Redis lost", () => {
  it("reaches the invitee from the outbox sweep, with Accept / Decline once, however often it sweeps", async () => {
    // Slack fails, so the ask waits in backoff when Redis loses it.
    bot.double.failNext("chat.postMessage", { status: 503 }, 100);
    const reply = await say(bot, PEOPLE.mentee, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`);
    expect(reply).toContain(`asked <@${PEOPLE.mentor}> to accept`);
    await bot.double.waitFor("chat.postMessage", (c) => Boolean(c.failed), 8_000);
    await vi.waitFor(async () => expect(await loseJobs("pairing.ask")).toBeGreaterThan(0), {
      timeout: 10_000,
    });
    bot.double.stopFailing("chat.postMessage");
    await notificationsDrained(bot);
    expect(asks()).toEqual([]);

    expect((await sweepLater()).outbox.requeued).toBe(1);
    // Another sweep before the job ran, and after: nothing more.
    await bot.sweepNow();
    await notificationsDrained(bot);
    expect((await sweepLater()).outbox.requeued).toBe(0);
    await notificationsDrained(bot);
    expect(asks()).toHaveLength(1);
    const blocks = JSON.stringify(asks()[0]?.params.blocks);
    expect(blocks).toContain("pairing.accept");
    expect(blocks).toContain("pairing.decline");
  });

  it("is taken when Redis refuses the job, and sent by the sweep", async () => {
    // Redis is down for the one add of the ask: the request is in MongoDB, owed in the outbox.
    vi.spyOn(Queue.prototype, "add").mockRejectedValueOnce(new Error("Connection is closed."));
    const reply = await say(bot, PEOPLE.mentee, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`);
    expect(reply).toContain(`asked <@${PEOPLE.mentor}> to accept`);
    await notificationsDrained(bot);
    expect(asks()).toEqual([]);

    expect((await sweepLater()).outbox.requeued).toBe(1);
    await notificationsDrained(bot);
    await bot.sweepNow();
    await notificationsDrained(bot);
    expect(asks()).toHaveLength(1);
  });
});

describe("an owed job that ran", () => {
  it("is not run again when clearing it failed: the sweep finds it completed", async () => {
    vi.spyOn(JobOutboxRepository.prototype, "paid").mockRejectedValueOnce(
      new Error("MongoDB is down"),
    );
    await say(bot, PEOPLE.mentee, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`);
    await notificationsDrained(bot);
    expect(asks()).toHaveLength(1);

    expect((await sweepLater()).outbox).toEqual({ requeued: 0, cleared: 1 });
    await notificationsDrained(bot);
    expect((await sweepLater()).outbox).toEqual({ requeued: 0, cleared: 0 });
    expect(asks()).toHaveLength(1);
  });
});

describe("an owed job that fails for good", () => {
  it("is not run again once its failure is recorded", async () => {
    bot.double.failNext("chat.postMessage", { error: "channel_not_found" }, 1);
    await say(bot, PEOPLE.admin, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`);
    await vi.waitFor(async () => expect(await bot.db.failedJobs.latest(5)).toHaveLength(1), {
      timeout: 10_000,
    });
    await notificationsDrained(bot);

    expect((await sweepLater()).outbox.requeued).toBe(0);
    await notificationsDrained(bot);
    expect(bot.double.calls("chat.postMessage")).toHaveLength(1);
  });

  it("is not run again when clearing it failed once after its failure was recorded", async () => {
    // MongoDB is away for the first clearing of the introduction's owed job (the only one to fail).
    const paid = JobOutboxRepository.prototype.paid;
    const clearings: string[] = [];
    vi.spyOn(JobOutboxRepository.prototype, "paid").mockImplementation(async function (
      this: JobOutboxRepository,
      ids,
    ) {
      if (!ids.some((id) => id.startsWith("pairing.introduce|"))) return paid.call(this, ids);
      if (clearings.push("tried") === 1) throw new Error("MongoDB is down");
      await paid.call(this, ids);
      clearings.push("cleared");
    });
    bot.double.failNext("chat.postMessage", { error: "channel_not_found" }, 1);
    await say(bot, PEOPLE.admin, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`);
    await vi.waitFor(async () => expect(await bot.db.failedJobs.latest(5)).toHaveLength(1), {
      timeout: 10_000,
    });
    await notificationsDrained(bot);
    // The worker is done with the job (its owed document cleared, at its last try).
    await vi.waitFor(() => expect(clearings).toContain("cleared"), { timeout: 5_000 });
    // Redis lets the failed job go (its 7 days ran out, or Redis lost it).
    const [failed] = await bot.db.failedJobs.latest(1);
    expect(await loseJobs(String(failed?.name))).toBe(1);

    expect((await sweepLater()).outbox.requeued).toBe(0);
    await notificationsDrained(bot);
    expect(bot.double.calls("chat.postMessage")).toHaveLength(1);
    expect(await bot.db.failedJobs.latest(5)).toHaveLength(1);
  });

  it("runs again later when its failure could not be recorded", async () => {
    vi.spyOn(FailedJobRepository.prototype, "record").mockRejectedValueOnce(
      new Error("MongoDB is down"),
    );
    bot.double.failNext("chat.postMessage", { error: "channel_not_found" }, 1);
    await say(bot, PEOPLE.admin, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`);
    await vi.waitFor(
      () => expect(bot.logs.map((l) => l.msg)).toContain("could not record a failed job"),
      { timeout: 10_000 },
    );
    await notificationsDrained(bot);
    expect(introductions()).toEqual([0, 0]);

    expect((await sweepLater()).outbox.requeued).toBe(1);
    await notificationsDrained(bot);
    expect(introductions()).toEqual([1, 1]);
    expect((await sweepLater()).outbox.requeued).toBe(0);
    await notificationsDrained(bot);
    expect(introductions()).toEqual([1, 1]);
  });
});
