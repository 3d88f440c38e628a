import { randomBytes } from "node:crypto";
import { deserialize, serialize } from "node:v8";
import type { Redis } from "ioredis";
import type { ReadCache } from "../db/cached-reads.js";

/**
 * How long a scope's entries live at most. It bounds how stale a read can be when a write was
 * made without dropping the scope: a process that died between its write and the drop, Redis
 * unreachable at that moment, or a hand-made change in the database.
 */
export const READ_CACHE_LIFETIME_MS = 5 * 60_000;

const TOKEN_BYTES = 8;

/**
 * The current token of a scope, made when missing, and one entry of its hash. An entry is the
 * token it was read under followed by the value, so a value read before a drop never passes for
 * one read after it. The token is not refreshed by reads: it lives READ_CACHE_LIFETIME_MS, and
 * the entries of an expired one go with it (else the hash would keep every old entry).
 */
const READ_SCRIPT = `
local token = redis.call('GET', KEYS[1])
if not token then
  token = ARGV[1]
  redis.call('SET', KEYS[1], token, 'PX', ARGV[2])
  redis.call('DEL', KEYS[2])
end
return {token, redis.call('HGET', KEYS[2], ARGV[3])}
`;

interface ReadScript {
  cachedReadBuffer(
    tokenKey: string,
    entriesKey: string,
    newToken: string,
    lifetimeMs: number,
    field: string,
  ): Promise<[Buffer, Buffer | null]>;
}

/**
 * Reads shared by every replica through Redis, in scopes: one token per scope, and one hash of
 * entries per scope. A drop replaces the token and deletes the hash in one step, so every replica
 * misses next time. The token is read before the database, so an entry is never older than the
 * last drop that finished before its read began. Only a cache: if Redis loses it, the next reads
 * go to MongoDB; if Redis fails, reads go to MongoDB and the failure is reported.
 */
export class RedisReadCache implements ReadCache {
  private readonly redis: Redis & ReadScript;

  constructor(
    redis: Redis,
    private readonly prefix: string,
    private readonly onError: (err: unknown, what: string) => void,
    private readonly lifetimeMs: number = READ_CACHE_LIFETIME_MS,
  ) {
    if (!("cachedReadBuffer" in redis)) {
      redis.defineCommand("cachedRead", { numberOfKeys: 2, lua: READ_SCRIPT });
    }
    this.redis = redis as Redis & ReadScript;
  }

  async read<T>(scope: string, key: string, load: () => Promise<T>): Promise<T> {
    let token: Buffer;
    try {
      const [current, entry] = await this.redis.cachedReadBuffer(
        this.tokenKey(scope),
        this.entriesKey(scope),
        randomBytes(TOKEN_BYTES).toString("hex"),
        this.lifetimeMs,
        key,
      );
      token = current;
      if (entry?.subarray(0, token.length).equals(token)) {
        return deserialize(entry.subarray(token.length)) as T;
      }
    } catch (err) {
      this.onError(err, `read ${scope}`);
      return load();
    }
    const value = await load();
    try {
      await this.redis
        .multi()
        .hset(this.entriesKey(scope), key, Buffer.concat([token, serialize(value)]))
        .pexpire(this.entriesKey(scope), this.lifetimeMs)
        .exec();
    } catch (err) {
      this.onError(err, `store ${scope}`);
    }
    return value;
  }

  async changed(scope: string): Promise<void> {
    try {
      await this.redis
        .multi()
        .set(this.tokenKey(scope), randomBytes(TOKEN_BYTES).toString("hex"), "PX", this.lifetimeMs)
        .del(this.entriesKey(scope))
        .exec();
    } catch (err) {
      // The write itself is done: failing it now would only invite a second one.
      this.onError(err, `drop ${scope}`);
    }
  }

  private tokenKey(scope: string): string {
    return `${this.prefix}:reads:${scope}:token`;
  }

  private entriesKey(scope: string): string {
    return `${this.prefix}:reads:${scope}:entries`;
  }
}
