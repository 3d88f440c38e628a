// The shared read cache of the command path (whose pairs a person is in, a roadmap's milestones),
// across replicas: each replica has its own MongoDB and Redis connections to the same servers,
// and a write by one is seen by the next read on any other.
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { READ_CACHE_LIFETIME_MS, RedisReadCache } from "../../src/cache/read-cache.js";
import { withCachedReads } from "../../src/db/cached-reads.js";
import { Database } from "../../src/db/database.js";
import { cachedReplica } from "../support/cached-replica.js";
import { testMongoUri, testRedisUrl, uniqueName } from "../support/isolation.js";
import { createActivePair } from "../support/relationships.js";

const t0 = new Date("2026-11-23T15:00:00Z");
const WORKING = ["active", "paused"] as const;
const uri = testMongoUri(uniqueName("readcache"));
const prefix = uniqueName("rc");
const opened: Array<{ close(): Promise<unknown> }> = [];
let a: Database;
let b: Database;
/** The same database with no cache at all: a write made outside the bot. */
let outside: Database;

const replica = () => cachedReplica(uri, prefix, opened);

beforeAll(async () => {
  a = await replica();
  b = await replica();
  outside = await Database.connect(uri);
  opened.push(outside);
});
afterAll(async () => {
  for (const one of opened.reverse()) await one.close();
});

async function newPair(): Promise<{ id: string; mentorId: string; menteeId: string }> {
  return createActivePair(b.relationships, t0);
}

const draft = (title: string) => ({
  title,
  description: "",
  dueDate: null,
  createdBy: "UMENTEE1",
  now: t0,
});

describe("reads cached in Redis for every replica", () => {
  it("shows a roadmap the milestones another replica added, edited and removed", async () => {
    const pair = await newPair();
    await a.milestones.add(pair.id, draft("Ship a feature"));
    expect((await a.milestones.list(pair.id)).map((m) => m.title)).toEqual(["Ship a feature"]);

    const second = await b.milestones.add(pair.id, draft("Give a talk"));
    expect((await a.milestones.list(pair.id)).map((m) => m.title)).toEqual([
      "Ship a feature",
      "Give a talk",
    ]);

    await b.milestones.update(second.id, { title: "Give a lightning talk" }, t0);
    await b.milestones.changeStatus(second.id, "done", { doneAt: t0, doneBy: "UMENTEE1" }, t0);
    expect((await a.milestones.list(pair.id)).at(-1)).toMatchObject({
      title: "Give a lightning talk",
      status: "done",
      doneAt: t0,
    });

    await b.milestones.remove(second.id, t0);
    expect((await a.milestones.list(pair.id)).map((m) => m.title)).toEqual(["Ship a feature"]);
  });

  it("a change to one pair's milestone keeps other pairs' cached; one of an unknown pair drops all", async () => {
    const [one, two] = [await newPair(), await newPair()];
    const first = await a.milestones.add(one.id, draft("Ship a feature"));
    await a.milestones.add(two.id, draft("Write a design doc"));
    expect(await a.milestones.list(one.id)).toHaveLength(1);
    expect(await a.milestones.list(two.id)).toHaveLength(1);
    await outside.milestones.add(two.id, draft("Present it")); // behind the cache's back

    await b.milestones.update(first.id, { title: "Ship the feature" }, t0);
    expect((await a.milestones.list(one.id))[0]?.title).toBe("Ship the feature");
    // The other pair's entry was not dropped: it still answers from Redis.
    expect((await a.milestones.list(two.id)).map((m) => m.title)).toEqual(["Write a design doc"]);

    // deferShoutOut returns no milestone, so the pair is unknown: every pair's entry goes.
    await b.milestones.deferShoutOut(first.id, null);
    expect((await a.milestones.list(two.id)).map((m) => m.title)).toEqual([
      "Write a design doc",
      "Present it",
    ]);
  });

  it("drops an ended pair from a person's pairs on every replica", async () => {
    const pair = await newPair();
    expect((await a.relationships.listForUser(pair.menteeId, WORKING)).map((r) => r.id)).toEqual([
      pair.id,
    ]);
    await b.relationships.end(pair.id, "active", "completed", t0);
    expect(await a.relationships.listForUser(pair.menteeId, WORKING)).toEqual([]);
    const [ended] = await a.relationships.listForUser(pair.menteeId, ["ended"]);
    expect(ended).toMatchObject({ id: pair.id, status: "ended", endedAt: t0 });
  });

  it("answers a repeated read from Redis, not MongoDB, until a write drops it", async () => {
    const pair = await newPair();
    await a.relationships.setGoal(pair.id, goal("Lead a team"));
    expect((await a.relationships.listForUser(pair.mentorId, WORKING))[0]?.goal?.aspiration).toBe(
      "Lead a team",
    );
    // A change made behind the bot's back is not seen while the cached entry lives...
    await outside.relationships.setGoal(pair.id, goal("Write a book"));
    expect((await a.relationships.listForUser(pair.mentorId, WORKING))[0]?.goal?.aspiration).toBe(
      "Lead a team",
    );
    // ...and any write through a replica drops it.
    await b.relationships.updateSettings(pair.id, { celebrate: "private" }, t0);
    const [fresh] = await a.relationships.listForUser(pair.mentorId, WORKING);
    expect(fresh).toMatchObject({
      goal: { aspiration: "Write a book" },
      settings: { celebrate: "private" },
    });
  });

  it("an admin added or removed on one replica is one, or no longer one, on every other at once", async () => {
    const person = uniqueName("UADM").toUpperCase();
    expect(await a.admins.find(person)).toBeNull();
    // The "no" is cached: a row written behind the bot's back is not seen...
    await outside.admins.add(person, "UOUTSIDE", t0);
    expect(await a.admins.find(person)).toBeNull();
    await outside.admins.remove(person);
    // ...but an admin added through any replica is seen by the next read on any other.
    expect(await b.admins.add(person, "UBOOT", t0)).toBe(true);
    expect(await a.admins.find(person)).toMatchObject({
      userId: person,
      addedBy: "UBOOT",
      addedAt: t0,
    });
    // And one removed loses admin rights at once, though the "yes" was cached.
    expect(await b.admins.remove(person)).toBe(true);
    expect(await a.admins.find(person)).toBeNull();
  });

  it("reads MongoDB again when Redis has lost the cache", async () => {
    const pair = await newPair();
    await a.milestones.add(pair.id, draft("Mentor an intern"));
    expect(await a.milestones.list(pair.id)).toHaveLength(1);
    const redis = new Redis(testRedisUrl());
    try {
      const keys = await redis.keys(`${prefix}:reads:*`);
      expect(keys.length).toBeGreaterThan(0);
      await redis.del(...keys);
    } finally {
      await redis.quit();
    }
    await outside.milestones.add(pair.id, draft("Run a retro"));
    expect((await a.milestones.list(pair.id)).map((m) => m.title)).toEqual([
      "Mentor an intern",
      "Run a retro",
    ]);
  });

  it("once a scope's token has expired, reads go to MongoDB and its old entries are deleted", async () => {
    const scope = uniqueName("scope");
    const cache = cacheOf(prefix);
    let stored = "first";
    const load = async () => stored;
    expect(await cache.read({ scope }, "k1", load)).toBe("first");
    expect(await cache.read({ scope }, "k2", load)).toBe("first");
    stored = "second"; // changed behind the cache's back
    expect(await cache.read({ scope }, "k1", load)).toBe("first");
    const redis = new Redis(testRedisUrl());
    try {
      // What Redis does when the token's lifetime is over.
      await redis.del(`${prefix}:reads:${scope}:token`);
      expect(await cache.read({ scope }, "k1", load)).toBe("second");
      expect(await redis.hkeys(`${prefix}:reads:${scope}:entries`)).toEqual(["k1"]);
      expect(await redis.pttl(`${prefix}:reads:${scope}:token`)).toBeGreaterThan(0);
    } finally {
      await redis.quit();
    }
  });

  it("a write that knows its change revises the entry: the next read is served the revised value", async () => {
    const scope = uniqueName("scope");
    const where = { scope, part: "pair1" };
    const cache = cacheOf(prefix);
    let stored = ["a"];
    const load = async () => stored;
    expect(await cache.read(where, "list", load)).toEqual(["a"]);
    const peeked = await cache.peek<string[]>(where, "list");
    expect(peeked?.value).toEqual(["a"]);
    stored = ["a", "b"]; // the write
    await cache.revised(where, "list", peeked as NonNullable<typeof peeked>, ["a", "b"]);
    stored = ["from MongoDB"]; // so a read that went there would show
    expect(await cache.read(where, "list", load)).toEqual(["a", "b"]);
    // A revision keeps what was left of the entry's lifetime: it never outlives its first read.
    const redis = new Redis(testRedisUrl());
    try {
      const left = await redis.pttl(`${prefix}:reads:${scope}/pair1:token`);
      expect(left).toBeGreaterThan(0);
      expect(left).toBeLessThanOrEqual(READ_CACHE_LIFETIME_MS);
    } finally {
      await redis.quit();
    }
  });

  it("a revision after another write dropped the entry since the peek drops it instead", async () => {
    const scope = uniqueName("scope");
    const where = { scope, part: "pair1" };
    const cache = cacheOf(prefix);
    let stored = "v1";
    const load = async () => stored;
    expect(await cache.read(where, "k", load)).toBe("v1");
    const peeked = await cache.peek<string>(where, "k");
    // Another write (whose change the peeked entry lacks) finishes first: its drop wins.
    stored = "v2";
    await cacheOf(prefix).changed({ scope });
    await cache.revised(where, "k", peeked as NonNullable<typeof peeked>, "v1 + mine");
    stored = "v2 + mine";
    expect(await cache.read(where, "k", load)).toBe("v2 + mine");
    // Nothing cached, nothing to peek: the writer then drops.
    expect(await cache.peek(where, "missing")).toBeNull();
  });

  it("a revision right after this replica's own revises on from it, unless another write came between", async () => {
    const where = { scope: uniqueName("scope"), part: "pair1" };
    const cache = cacheOf(prefix);
    let stored = "v1";
    const load = async () => stored;
    expect(await cache.read(where, "k", load)).toBe("v1");
    const revise = async (change: (before: string) => string) => {
      const peeked = await cache.peek<string>(where, "k");
      stored = change(stored); // the write
      if (peeked) await cache.revised(where, "k", peeked, change(peeked.value));
      else await cache.changed(where);
    };
    await revise((v) => `${v} a`);
    await revise((v) => `${v} b`);
    stored = "from MongoDB";
    expect(await cache.read(where, "k", load)).toBe("v1 a b");

    // Another replica's write drops the entry, and a read stores it again, after this replica's
    // last revision: what that revision left is out of date, and the next one must not use it.
    stored = "v2";
    await cacheOf(prefix).changed(where);
    expect(await cacheOf(prefix).read(where, "k", load)).toBe("v2");
    await revise((v) => `${v} c`);
    expect(await cache.read(where, "k", load)).toBe("v2 c");
  });

  it("a read that a revision overtook does not push out the revised entry", async () => {
    const where = { scope: uniqueName("scope"), part: "pair1" };
    const cache = cacheOf(prefix);
    // A read misses and goes to MongoDB, slowly...
    let finishSlowRead: (value: string) => void = () => {};
    const slowRead = cache.read(
      where,
      "k",
      () => new Promise<string>((resolve) => (finishSlowRead = resolve)),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    // ...another replica's read stores the entry, and a write revises it...
    expect(await cacheOf(prefix).read(where, "k", async () => "v1")).toBe("v1");
    const peeked = await cache.peek<string>(where, "k");
    await cache.revised(where, "k", peeked as NonNullable<typeof peeked>, "v2");
    // ...then the slow read comes back with what it read before the write.
    finishSlowRead("v0");
    expect(await slowRead).toBe("v0");
    expect(await cache.read(where, "k", async () => "from MongoDB")).toBe("v2");
  });

  it("a revising write revises what it can tell, and drops the entry when it failed or cannot tell", async () => {
    const scope = uniqueName("scope");
    let stored = ["a"];
    const repository = {
      list: async (_pair: string) => stored,
      append: async (_pair: string, item: string) => {
        if (item === "boom") throw new Error("the write failed");
        stored = [...stored, item];
        return item !== "unsure";
      },
    };
    const cached = withCachedReads(repository, cacheOf(prefix), {
      scope,
      cached: { list: (pair: string) => pair },
      uncached: [],
      parts: { reads: { list: (pair: string) => pair }, writes: {} },
      revisions: {
        append: {
          reads: ([pair]: [string]) => [{ method: "list" as const, args: [pair] }],
          revise: (entry: string[], [, item]: [string, string], sure: boolean) =>
            sure ? [...entry, item] : undefined,
        },
      },
    });
    const behindTheBack = (list: string[]) => {
      stored = list;
    };
    expect(await cached.list("p1")).toEqual(["a"]);
    await cached.append("p1", "b");
    behindTheBack(["from MongoDB"]);
    expect(await cached.list("p1")).toEqual(["a", "b"]);

    await expect(cached.append("p1", "boom")).rejects.toThrow("the write failed");
    expect(await cached.list("p1")).toEqual(["from MongoDB"]);

    await cached.append("p1", "unsure");
    behindTheBack(["read again"]);
    expect(await cached.list("p1")).toEqual(["read again"]);
  });

  it("reads that miss at once make one load; a read that began after a drop makes its own", async () => {
    const where = { scope: uniqueName("scope"), part: "pair1" };
    const cache = cacheOf(prefix);
    const loads: Array<(value: { titles: string[] }) => void> = [];
    const load = () => new Promise<{ titles: string[] }>((resolve) => loads.push(resolve));
    const atOnce = Array.from({ length: 10 }, () => cache.read(where, "k", load));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(loads).toHaveLength(1);
    // A write finishes: a read from now on must not get what the first load reads.
    await cache.changed(where);
    const after = cache.read(where, "k", load);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(loads).toHaveLength(2);
    loads[0]?.({ titles: ["before the write"] });
    loads[1]?.({ titles: ["after the write"] });
    const results = await Promise.all(atOnce);
    expect(results).toEqual(results.map(() => ({ titles: ["before the write"] })));
    // Each reader has its own copy to do with as it likes.
    expect(new Set(results).size).toBe(10);
    expect(await after).toEqual({ titles: ["after the write"] });
  });

  it("reads MongoDB, and says so, when Redis cannot be reached", async () => {
    const pair = await newPair();
    await outside.milestones.add(pair.id, draft("Pair on a bug"));
    const down = new Redis("redis://127.0.0.1:1", {
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      lazyConnect: true,
    });
    down.on("error", () => {}); // the refusals are the point; the cache reports them
    const problems: string[] = [];
    const cache = new RedisReadCache(down, prefix, (_err, what) => problems.push(what));
    try {
      const milestones = withCachedReads(outside.milestones, cache, {
        scope: "milestones",
        cached: { list: (id: string) => id },
        uncached: [],
      });
      expect((await milestones.list(pair.id)).map((m) => m.title)).toEqual(["Pair on a bug"]);
      await milestones.add(pair.id, draft("Review a design"));
      expect(await outside.milestones.list(pair.id)).toHaveLength(2);
      expect(problems).toEqual(["read milestones", "drop milestones"]);
    } finally {
      down.disconnect();
    }
  });

  it("counts a repository method nobody listed as a write, so it drops the cache", async () => {
    const pair = await newPair();
    const milestones = withCachedReads(outside.milestones, cacheOf(prefix), {
      scope: "milestones",
      cached: { list: (id: string) => id },
      uncached: [],
    });
    expect(await milestones.list(pair.id)).toEqual([]);
    // findById is not listed as a read here: calling it drops the scope like a write would.
    await outside.milestones.add(pair.id, draft("Unlisted"));
    expect(await milestones.list(pair.id)).toEqual([]);
    await milestones.findById(pair.id);
    expect((await milestones.list(pair.id)).map((m) => m.title)).toEqual(["Unlisted"]);
  });
});

function goal(aspiration: string) {
  return { aspiration, targetDate: null, updatedAt: t0, updatedBy: "UMENTEE1" };
}

function cacheOf(keyPrefix: string): RedisReadCache {
  const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 });
  opened.push({ close: () => redis.quit() });
  return new RedisReadCache(redis, keyPrefix, (err) => {
    throw err;
  });
}
