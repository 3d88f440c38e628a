import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisChannelPacer } from "../../src/cache/channel-pacer.js";
import { testRedisUrl, uniqueName } from "../support/isolation.js";

let redis: Redis;
beforeAll(() => {
  redis = new Redis(testRedisUrl());
});
afterAll(async () => {
  await redis.quit();
});

describe("RedisChannelPacer (about one message a second per channel)", () => {
  it("spaces turns on one channel about a second apart, across pacer instances", async () => {
    const prefix = uniqueName("pace");
    // Two instances stand for two worker replicas sharing Redis.
    const [a, b] = [new RedisChannelPacer(redis, prefix), new RedisChannelPacer(redis, prefix)];
    const start = Date.now();
    await a.waitTurn("D1");
    const first = Date.now() - start;
    await b.waitTurn("D1");
    const second = Date.now() - start;
    expect(first).toBeLessThan(200);
    expect(second).toBeGreaterThanOrEqual(900);
  });

  it("does not hold back a different channel", async () => {
    const pacer = new RedisChannelPacer(redis, uniqueName("pace"));
    const start = Date.now();
    await pacer.waitTurn("D1");
    await pacer.waitTurn("D2");
    await pacer.waitTurn("D3");
    expect(Date.now() - start).toBeLessThan(500);
  });
});
