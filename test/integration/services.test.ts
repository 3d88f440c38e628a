// Proves the harness talks to real servers (not fakes): Redis server INFO, and MongoDB-wire
// semantics that mocks commonly get wrong, such as unique index violations (E11000).
import { Redis } from "ioredis";
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testMongoUri, testRedisUrl, uniqueName } from "../support/isolation.js";

describe("real services", () => {
  const prefix = `${uniqueName("svc")}:`;
  const dbName = uniqueName("svc");
  let redis: Redis;
  let conn: mongoose.Connection;

  beforeAll(async () => {
    redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 });
    conn = await mongoose.createConnection(testMongoUri(dbName)).asPromise();
  });

  afterAll(async () => {
    await redis?.quit();
    await conn?.dropDatabase().catch(() => undefined);
    await conn?.close();
  });

  it("Redis is a real redis-server", async () => {
    await redis.set(`${prefix}greeting`, "hello");
    expect(await redis.get(`${prefix}greeting`)).toBe("hello");
    expect(await redis.info("server")).toContain("redis_version");
  });

  it("MongoDB-wire server stores documents and enforces unique indexes", async () => {
    const Pair = conn.model(
      "Pair",
      new mongoose.Schema({ slackId: { type: String, required: true, unique: true } }),
    );
    await Pair.init(); // waits for the unique index to be built
    await Pair.create({ slackId: "U123" });
    expect((await Pair.findOne({ slackId: "U123" }).lean())?.slackId).toBe("U123");
    await expect(Pair.create({ slackId: "U123" })).rejects.toMatchObject({ code: 11000 });
  });
});
