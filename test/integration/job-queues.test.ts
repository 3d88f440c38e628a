// The "every Slack side effect happens once" machinery on real servers: deterministic BullMQ
// job ids in Redis, the delivery ledger's lease in MongoDB, and DirectMessenger on top of both.
import { WebClient } from "@slack/web-api";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { Database } from "../../src/db/database.js";
import type { DeliveryLedger } from "../../src/domain/delivery-ledger.js";
import { JobQueues } from "../../src/jobs/job-queues.js";
import { ChannelPoster } from "../../src/slack/channel-poster.js";
import { DeliveryInProgressError, DirectMessenger } from "../../src/slack/direct-messenger.js";
import { testMongoUri, testRedisUrl, uniqueName } from "../support/isolation.js";
import { SlackDouble } from "../support/slack-double.js";
import { BOT_TOKEN } from "../support/test-bot.js";
import { TestClock } from "../support/test-clock.js";

let database: Database;

beforeAll(async () => {
  database = await Database.connect(testMongoUri(uniqueName("jobqueues")));
});
afterAll(async () => {
  await database?.close();
});

describe("JobQueues", () => {
  let redis: Redis;
  let queues: JobQueues;

  beforeEach(() => {
    redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
    queues = new JobQueues(redis, uniqueName("q"));
  });
  afterEach(async () => {
    await queues.queue("notifications").obliterate({ force: true });
    await queues.close();
    await redis.quit();
  });

  it("leaves Redis errors to the connection's owner: nothing printed outside the logs", async () => {
    const printed = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const refused = Object.assign(new Error("WRONGPASS invalid username-password pair"), {
        command: { name: "auth", args: ["s3cr3t-redis-pass"] },
      });
      redis.on("error", () => {}); // the owner's listener (shared.ts logs it through pino)
      redis.emit("error", refused);
      expect(printed).not.toHaveBeenCalled();
    } finally {
      printed.mockRestore();
    }
  });

  it("enqueues the same job name and payload once", async () => {
    await queues.enqueue("pairing.introduce", { relationshipId: "r-1" });
    await queues.enqueue("pairing.introduce", { relationshipId: "r-1" });

    const queue = queues.queue("notifications");
    const counts = await queue.getJobCounts("waiting", "delayed", "active", "prioritized");
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(1);
    const jobs = await queue.getJobs(["waiting"]);
    expect(jobs.map((job) => [job.name, job.data])).toEqual([
      ["pairing.introduce", { relationshipId: "r-1" }],
    ]);
  });

  it("keeps different payloads and different job names apart", async () => {
    await queues.enqueue("pairing.introduce", { relationshipId: "r-1" });
    await queues.enqueue("pairing.introduce", { relationshipId: "r-2" });
    await queues.enqueue("pairing.ask", { relationshipId: "r-1" });
    await queues.enqueue("pairing.ask", { relationshipId: "r-1" });

    const counts = await queues.queue("notifications").getJobCounts("waiting");
    expect(counts.waiting).toBe(3);
  });

  it("enqueues many at once under the same ids: a job already there, or twice in the list, is one", async () => {
    await queues.enqueue("checkins.send", { checkinId: "c-1" });

    await queues.enqueueMany([
      { name: "checkins.send", payload: { checkinId: "c-1" } },
      { name: "checkins.send", payload: { checkinId: "c-2" } },
      { name: "checkins.send", payload: { checkinId: "c-2" } },
      {
        name: "availability.away-notice",
        payload: { relationshipId: "r-1", userId: "U1", until: "" },
      },
    ]);

    const jobs = await queues.queue("notifications").getJobs(["waiting"]);
    expect(jobs.map((job) => job.id).sort()).toEqual([
      "availability.away-notice|r-1|U1|",
      "checkins.send|c-1",
      "checkins.send|c-2",
    ]);
  });

  it("says which jobs the queue still holds, so a sweep does not send them again; none after Redis lost them", async () => {
    await queues.enqueue("checkins.send", { checkinId: "c-1" });
    const asked = [
      { name: "checkins.send", payload: { checkinId: "c-1" } },
      { name: "checkins.send", payload: { checkinId: "c-2" } },
    ] as const;
    expect(await queues.alreadyQueued(asked)).toEqual([true, false]);

    await queues.queue("notifications").obliterate({ force: true });
    expect(await queues.alreadyQueued(asked)).toEqual([false, false]);
  });
});

describe("DeliveryLedgerRepository", () => {
  const lease = 60_000;
  const t0 = new Date("2026-11-23T15:00:00Z");
  const key = () => uniqueName("delivery");
  const claim = async (k: string, at: Date, ms = lease) =>
    (await database.deliveries.claim(k, at, ms)).outcome;

  it("lets exactly one of two concurrent claims win", async () => {
    const k = key();
    const results = await Promise.all([claim(k, t0), claim(k, t0)]);
    expect(results.sort()).toEqual(["busy", "claimed"]);
  });

  it("answers 'sent' with the receipt once the message is marked sent", async () => {
    const k = key();
    expect(await claim(k, t0)).toBe("claimed");
    expect(await database.deliveries.receipt(k)).toBeNull();
    await database.deliveries.markSent(k, { channel: "DU1", ts: "1700000000.000100" }, t0);

    expect(await claim(k, t0)).toBe("sent");
    // Even long after any lease would have run out.
    expect(await claim(k, new Date(t0.getTime() + 10 * lease))).toBe("sent");
    expect(await database.deliveries.receipt(k)).toEqual({
      channel: "DU1",
      ts: "1700000000.000100",
    });
  });

  it("lets a new claim succeed at once after its holder releases it", async () => {
    const k = key();
    const first = await database.deliveries.claim(k, t0, lease);
    expect(first.outcome).toBe("claimed");
    expect(await claim(k, t0)).toBe("busy");
    await database.deliveries.release(k, first.outcome === "claimed" ? first.token : "");
    expect(await claim(k, t0)).toBe("claimed");
    expect(await claim(k, t0)).toBe("busy");
  });

  it("ignores a release by someone who no longer holds the claim", async () => {
    const k = key();
    const stale = await database.deliveries.claim(k, t0, 1_000);
    const later = new Date(t0.getTime() + 1_001);
    expect(await claim(k, later, 1_000)).toBe("claimed");
    await database.deliveries.release(k, stale.outcome === "claimed" ? stale.token : "");
    expect(await claim(k, later, 1_000)).toBe("busy");
  });

  it("does not undo a sent delivery on release", async () => {
    const k = key();
    const held = await database.deliveries.claim(k, t0, lease);
    await database.deliveries.markSent(k, { channel: "DU1", ts: "1.2" }, t0);
    await database.deliveries.release(k, held.outcome === "claimed" ? held.token : "");
    expect(await claim(k, t0)).toBe("sent");
  });

  it("says which sender's record it is: the holder of the claim, once a taker-over holds it", async () => {
    const receipt = { channel: "DU1", ts: "1.3" };
    const token = (c: Awaited<ReturnType<typeof database.deliveries.claim>>) =>
      c.outcome === "claimed" ? c.token : "";
    const k = key();
    const slow = token(await database.deliveries.claim(k, t0, 1_000));
    const later = new Date(t0.getTime() + 1_001);
    const takeover = token(await database.deliveries.claim(k, later, 1_000));
    // The slow holder sent after all: recorded, but not as its record; the taker-over's it is.
    expect(await database.deliveries.markSent(k, receipt, later, slow)).toBe(false);
    expect(await database.deliveries.markSent(k, receipt, later, takeover)).toBe(true);
    expect(await claim(k, later)).toBe("sent");

    // The holder's retry of its own record (its first try may have landed) still says so.
    const k2 = key();
    const held = token(await database.deliveries.claim(k2, t0, lease));
    expect(await database.deliveries.markSent(k2, receipt, t0, held)).toBe(true);
    expect(await database.deliveries.markSent(k2, receipt, t0, held)).toBe(true);
    expect(await database.deliveries.markSent(k2, receipt, t0)).toBe(false);

    // With no claim at all, the record it inserts is the first.
    const k3 = key();
    expect(await database.deliveries.markSent(k3, receipt, t0)).toBe(true);
    expect(await database.deliveries.markSent(k3, receipt, t0)).toBe(false);
  });

  it("lets an expired lease be claimed again", async () => {
    const k = key();
    expect(await claim(k, t0, 1_000)).toBe("claimed");
    expect(await claim(k, new Date(t0.getTime() + 999), 1_000)).toBe("busy");
    const later = new Date(t0.getTime() + 1_001);
    expect(await claim(k, later, 1_000)).toBe("claimed");
    // The new lease runs from `later`.
    expect(await claim(k, new Date(later.getTime() + 999), 1_000)).toBe("busy");
  });

  it("lets only one of two concurrent claims take over an expired lease", async () => {
    // Takeover deletes the stale claim and re-inserts, so the unique index decides,
    // which is atomic on FerretDB as on MongoDB. Repeat: a race shows up only sometimes.
    for (let round = 0; round < 10; round++) {
      const k = key();
      expect(await claim(k, t0, 1_000)).toBe("claimed");
      const later = new Date(t0.getTime() + 1_001);
      const results = await Promise.all([claim(k, later, 1_000), claim(k, later, 1_000)]);
      expect(results.sort()).toEqual(["busy", "claimed"]);
    }
  });
});

describe("DirectMessenger.sendOnce", () => {
  let double: SlackDouble;
  let client: WebClient;
  let messenger: DirectMessenger;
  const clock = new TestClock();
  const userId = "UMSGR001";
  const message = { text: "Hello once" };
  const LEASE_MS = 60_000;

  /** The ledger as a worker sees it that dies right after Slack said ok: markSent never returns. */
  const dyingLedger: DeliveryLedger = {
    claim: (key, now, leaseMs) => database.deliveries.claim(key, now, leaseMs),
    markSent: () => new Promise(() => {}),
    release: (key, token) => database.deliveries.release(key, token),
    receipt: (key) => database.deliveries.receipt(key),
  };

  beforeAll(async () => {
    double = await SlackDouble.start();
    double.useClock(() => clock.now().getTime());
    client = new WebClient(BOT_TOKEN, {
      slackApiUrl: double.apiUrl,
      retryConfig: { retries: 0 },
    });
    messenger = new DirectMessenger(client, database.deliveries, clock);
  });
  afterAll(async () => {
    await double?.close();
  });
  beforeEach(() => double.reset());

  it("posts one message for two concurrent sends with the same key", async () => {
    const k = uniqueName("dm");
    const results = await Promise.allSettled([
      messenger.sendOnce(k, userId, message),
      messenger.sendOnce(k, userId, message),
    ]);

    expect(double.dmsTo(userId)).toHaveLength(1);
    const posted = double.dmsTo(userId)[0];
    const receipt = { channel: double.dmChannelId(userId), ts: String(posted?.response.ts) };
    const fulfilled = results.filter((r) => r.status === "fulfilled");
    expect(fulfilled.length).toBeGreaterThanOrEqual(1);
    for (const result of fulfilled) expect(result.value).toEqual(receipt);
    for (const result of results) {
      if (result.status === "rejected")
        expect(result.reason).toBeInstanceOf(DeliveryInProgressError);
    }

    // A later send under the same key posts nothing and returns the same receipt.
    expect(await messenger.sendOnce(k, userId, message)).toEqual(receipt);
    expect(double.calls("chat.postMessage")).toHaveLength(1);
  });

  it("releases the claim when Slack answers 503, so the next send posts", async () => {
    const k = uniqueName("dm");
    double.failNext("chat.postMessage", { status: 503 }, 1);

    await expect(messenger.sendOnce(k, userId, message)).rejects.toThrow();
    expect(double.calls("chat.postMessage")).toHaveLength(1);
    expect(double.dmsTo(userId)).toHaveLength(0);

    const receipt = await messenger.sendOnce(k, userId, message);
    expect(double.dmsTo(userId)).toHaveLength(1);
    expect(receipt).toEqual({
      channel: double.dmChannelId(userId),
      ts: String(double.dmsTo(userId)[0]?.response.ts),
    });
    expect(await messenger.sendOnce(k, userId, message)).toEqual(receipt);
    expect(double.dmsTo(userId)).toHaveLength(1);
  });

  it("tags the DM with its delivery key in Slack message metadata", async () => {
    const k = uniqueName("dm");
    await messenger.sendOnce(k, userId, message);

    const history = await client.conversations.history({
      channel: double.dmChannelId(userId),
      include_all_metadata: true,
    });
    expect(history.messages?.[0]?.metadata).toEqual({
      event_type: "mentorship_delivery",
      event_payload: { key: k },
    });
  });

  it("a worker taking over after its holder died past Slack's ok records that DM, not a second", async () => {
    const k = uniqueName("dm");
    const dying = new DirectMessenger(client, dyingLedger, clock);
    void dying.sendOnce(k, userId, message);
    await double.waitForCalls("chat.postMessage", 1);

    // Before the lease ends the key is busy; the job waits until the lease ends.
    await expect(messenger.sendOnce(k, userId, message)).rejects.toMatchObject({
      name: "DeliveryInProgressError",
      retryInMs: LEASE_MS,
    });
    clock.advance(LEASE_MS + 1);
    const receipt = await messenger.sendOnce(k, userId, message);

    expect(double.dmsTo(userId)).toHaveLength(1);
    expect(receipt?.ts).toBe(String(double.dmsTo(userId)[0]?.response.ts));
    const looked = double.calls("conversations.history")[0]?.params;
    expect(looked).toMatchObject({
      channel: double.dmChannelId(userId),
      include_all_metadata: "true",
    });
    expect(await messenger.sendOnce(k, userId, message)).toEqual(receipt);
    expect(double.dmsTo(userId)).toHaveLength(1);
  });

  it("a worker taking over a claim whose holder never reached Slack sends the DM", async () => {
    const k = uniqueName("dm");
    expect((await database.deliveries.claim(k, clock.now(), LEASE_MS)).outcome).toBe("claimed");
    clock.advance(LEASE_MS + 1);

    await messenger.sendOnce(k, userId, message);
    expect(double.calls("conversations.history")).toHaveLength(1);
    expect(double.dmsTo(userId)).toHaveLength(1);
  });

  it("keeps the claim and retries recording when MongoDB fails after Slack said ok", async () => {
    const k = uniqueName("dm");
    let failures = 2;
    const flaky: DeliveryLedger = {
      ...dyingLedger,
      markSent: async (key, receipt, now, token) => {
        if (failures-- > 0) throw new Error("MongoDB went away");
        return database.deliveries.markSent(key, receipt, now, token);
      },
    };
    const sent = await new DirectMessenger(client, flaky, clock).deliver(k, userId, message);
    const receipt = sent && { channel: sent.channel, ts: sent.ts };

    expect(await database.deliveries.receipt(k)).toEqual(receipt);
    // The send that became the record says so (what counts a check-in once); a retry does not.
    expect(sent?.recorded).toBe(true);
    expect(await messenger.deliver(k, userId, message)).toEqual({ ...receipt, recorded: false });
    expect(await messenger.sendOnce(k, userId, message)).toEqual(receipt);
    expect(double.dmsTo(userId)).toHaveLength(1);
  });

  it("a channel post taken over after its poster died is recorded, not posted again", async () => {
    const k = uniqueName("post");
    const channel = "CCELEBRATE";
    const pacer = { waitTurn: async () => {} };
    void new ChannelPoster(client, dyingLedger, clock, pacer).postOnce(k, channel, message);
    await double.waitForCalls("chat.postMessage", 1);
    clock.advance(LEASE_MS + 1);

    const poster = new ChannelPoster(client, database.deliveries, clock, pacer);
    const result = await poster.postOnce(k, channel, message);

    const posts = double.calls("chat.postMessage").filter((c) => c.params.channel === channel);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.params.metadata).toEqual({
      event_type: "mentorship_delivery",
      event_payload: { key: k },
    });
    expect(result).toEqual({ ok: true, receipt: { channel, ts: String(posts[0]?.response.ts) } });
  });
  it("a post taken over where Slack hides the channel's history (missing_scope) is not posted again", async () => {
    const k = uniqueName("post");
    const channel = "GPRIVATE1";
    const pacer = { waitTurn: async () => {} };
    void new ChannelPoster(client, dyingLedger, clock, pacer).postOnce(k, channel, message);
    await double.waitForCalls("chat.postMessage", 1);
    clock.advance(LEASE_MS + 1);

    // A private channel, and an app installed without groups:history.
    double.failNext("conversations.history", { error: "missing_scope" });
    const poster = new ChannelPoster(client, database.deliveries, clock, pacer);
    expect(await poster.postOnce(k, channel, message)).toEqual({
      ok: false,
      reason: "history_unreadable",
    });
    const posts = () =>
      double.calls("chat.postMessage").filter((c) => c.params.channel === channel);
    expect(posts()).toHaveLength(1);

    // Recorded, so a retry (or the milestone done again) does not post it either.
    clock.advance(LEASE_MS + 1);
    expect(await poster.postOnce(k, channel, message)).toMatchObject({ ok: true });
    expect(posts()).toHaveLength(1);
  });
});
