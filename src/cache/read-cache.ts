import { randomBytes } from "node:crypto";
import { deserialize, serialize } from "node:v8";
import type { Redis } from "ioredis";
import type { ReadCache, ScopePart } from "../db/cached-reads.js";

/**
 * How long a scope's entries live at most. It bounds how stale a read can be when a write was
 * made without dropping the scope: a process that died between its write and the drop, Redis
 * unreachable at that moment, or a hand-made change in the database.
 */
export const READ_CACHE_LIFETIME_MS = 5 * 60_000;

const TOKEN_BYTES = 8;

/**
 * The current tokens of a scope (and of its part), each made when missing, and one entry of the
 * entries' hash. An entry is the tokens it was read under followed by the value, so a value read
 * before a drop never passes for one read after it. Tokens are not refreshed by reads: each lives
 * READ_CACHE_LIFETIME_MS, and the entries of an expired one go with it (else the hash would keep
 * every old entry). KEYS: the token keys, then the hash; ARGV: a new token, lifetime, field.
 */
const READ_SCRIPT = `
local hash = KEYS[#KEYS]
local tokens = {}
local fresh = false
for i = 1, #KEYS - 1 do
  local token = redis.call('GET', KEYS[i])
  if not token then
    token = ARGV[1] .. i
    redis.call('SET', KEYS[i], token, 'PX', ARGV[2])
    fresh = true
  end
  tokens[i] = token
end
if fresh then redis.call('DEL', hash) end
return {table.concat(tokens, '|'), redis.call('HGET', hash, ARGV[3])}
`;

interface ReadScript {
  cachedReadBuffer(
    numberOfKeys: number,
    ...keysThenArgs: Array<string | number>
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
      redis.defineCommand("cachedRead", { lua: READ_SCRIPT });
    }
    this.redis = redis as Redis & ReadScript;
  }

  async read<T>(where: ScopePart, key: string, load: () => Promise<T>): Promise<T> {
    const tokenKeys = [this.tokenKey({ scope: where.scope })];
    if (where.part !== undefined) tokenKeys.push(this.tokenKey(where));
    const entries = this.entriesKey(where);
    let token: Buffer;
    try {
      const [current, entry] = await this.redis.cachedReadBuffer(
        tokenKeys.length + 1,
        ...tokenKeys,
        entries,
        randomBytes(TOKEN_BYTES).toString("hex"),
        this.lifetimeMs,
        key,
      );
      token = current;
      if (entry?.subarray(0, token.length).equals(token)) {
        return deserialize(entry.subarray(token.length)) as T;
      }
    } catch (err) {
      this.onError(err, `read ${where.scope}`);
      return load();
    }
    const value = await load();
    try {
      await this.redis
        .multi()
        .hset(entries, key, Buffer.concat([token, serialize(value)]))
        .pexpire(entries, this.lifetimeMs)
        .exec();
    } catch (err) {
      this.onError(err, `store ${where.scope}`);
    }
    return value;
  }

  async changed(where: ScopePart): Promise<void> {
    try {
      await this.redis
        .multi()
        .set(this.tokenKey(where), randomBytes(TOKEN_BYTES).toString("hex"), "PX", this.lifetimeMs)
        .del(this.entriesKey(where))
        .exec();
    } catch (err) {
      // The write itself is done: failing it now would only invite a second one.
      this.onError(err, `drop ${where.scope}`);
    }
  }

  /** `<prefix>:reads:milestones` for a scope, `<prefix>:reads:milestones/<part>` for a part. */
  private base({ scope, part }: ScopePart): string {
    return `${this.prefix}:reads:${scope}${part === undefined ? "" : `/${part}`}`;
  }

  private tokenKey(where: ScopePart): string {
    return `${this.base(where)}:token`;
  }

  private entriesKey(where: ScopePart): string {
    return `${this.base(where)}:entries`;
  }
}
