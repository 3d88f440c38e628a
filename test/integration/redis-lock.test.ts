// The sweep's lock on a real Redis: one holder across replicas, owner-checked release, expiry.
import { Redis } from "ioredis";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RedisLock } from "../../src/cache/redis-lock.js";
import { testRedisUrl, uniqueName } from "../support/isolation.js";

let redis: Redis;
let key: string;
beforeEach(() => {
  redis = new Redis(testRedisUrl());
  key = uniqueName("lock");
});
afterEach(async () => {
  await redis.del(key);
  await redis.quit();
});

const gate = () => {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
};

describe("RedisLock", () => {
  it("lets one of two replicas sweep; the other skips; the next sweep runs again", async () => {
    const a = new RedisLock(redis, key);
    const b = new RedisLock(redis, key);
    const sweep = gate();
    let sweeps = 0;
    const first = a.tryRun(async () => {
      sweeps++;
      await sweep.opened;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(await b.tryRun(async () => sweeps++)).toBe(false);
    sweep.open();
    expect(await first).toBe(true);
    expect(await b.tryRun(async () => sweeps++)).toBe(true);
    expect(sweeps).toBe(2);
  });

  it("never releases a lock someone else holds now", async () => {
    const lock = new RedisLock(redis, key);
    await lock.tryRun(async () => {
      // Our lease ran out and another worker took the lock.
      await redis.set(key, "someone-else");
    });
    expect(await redis.get(key)).toBe("someone-else");
  });

  it("expires when its holder dies, and a waiting caller gets it then", async () => {
    // A holder that died: its key stays until the expiry.
    await redis.set(key, "dead-holder", "PX", 300);
    const lock = new RedisLock(redis, key);
    expect(await lock.tryRun(async () => {})).toBe(false);
    expect(await lock.run(async () => "swept", 5_000)).toBe("swept");
  });
});
