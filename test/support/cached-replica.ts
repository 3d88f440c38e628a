// A replica of the bot's database layer, as a test sees it: its own MongoDB and Redis
// connections to the shared servers and the shared read cache under `prefix`, so a write by one
// replica must be seen by the next read on another. A cache error fails the test.
import { Redis } from "ioredis";
import { RedisReadCache } from "../../src/cache/read-cache.js";
import { Database } from "../../src/db/database.js";
import { testRedisUrl } from "./isolation.js";

export async function cachedReplica(
  uri: string,
  prefix: string,
  opened: Array<{ close(): Promise<unknown> }>,
): Promise<Database> {
  const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: 1 });
  const cache = new RedisReadCache(redis, prefix, (err) => {
    throw err;
  });
  const db = await Database.connect(uri, undefined, cache);
  opened.push(db, { close: () => redis.quit() });
  return db;
}
