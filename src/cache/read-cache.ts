import { randomBytes } from "node:crypto";
import { deserialize, serialize } from "node:v8";
import type { Redis } from "ioredis";
import type { Peeked, ReadCache, ScopePart } from "../db/cached-reads.js";
import { OwnRevisions } from "./own-revisions.js";

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

/**
 * Stores an entry only while the tokens it was read under are still current: a read that a drop
 * or a revision overtook stores nothing (its entry could never be used, and it would push out a
 * revised one). KEYS: the token keys, then the hash; ARGV: the tokens, field, entry, lifetime.
 */
const STORE_SCRIPT = `
local hash = KEYS[#KEYS]
local tokens = {}
for i = 1, #KEYS - 1 do
  tokens[i] = redis.call('GET', KEYS[i])
  if not tokens[i] then return 0 end
end
if table.concat(tokens, '|') ~= ARGV[1] then return 0 end
redis.call('HSET', hash, ARGV[2], ARGV[3])
redis.call('PEXPIRE', hash, ARGV[4])
return 1
`;

/** The current tokens (nil if one is missing: nothing is cached) and one entry. */
const PEEK_SCRIPT = `
local tokens = {}
for i = 1, #KEYS - 1 do
  tokens[i] = redis.call('GET', KEYS[i])
  if not tokens[i] then return nil end
end
return {table.concat(tokens, '|'), redis.call('HGET', KEYS[#KEYS], ARGV[1])}
`;

/**
 * A revision: if the tokens are still those of the peek, the last (the most specific) gets a new
 * value with what was left of its lifetime (so an entry is never older than a lifetime since its
 * read from MongoDB, however often it is revised), and the field holds the revised entry alone.
 * Otherwise a drop, as in changed. KEYS: the token keys, then the hash; ARGV: the peeked
 * tokens, field, new token, revised value, lifetime of a drop's token.
 */
const REVISE_SCRIPT = `
local hash = KEYS[#KEYS]
local own = KEYS[#KEYS - 1]
local tokens = {}
for i = 1, #KEYS - 1 do tokens[i] = redis.call('GET', KEYS[i]) or '' end
local left = redis.call('PTTL', own)
redis.call('DEL', hash)
if table.concat(tokens, '|') ~= ARGV[1] or left <= 0 then
  redis.call('SET', own, ARGV[3], 'PX', ARGV[5])
  return 0
end
redis.call('SET', own, ARGV[3], 'PX', left)
tokens[#tokens] = ARGV[3]
redis.call('HSET', hash, ARGV[2], table.concat(tokens, '|') .. ARGV[4])
redis.call('PEXPIRE', hash, left)
return 1
`;

type Args = Array<string | number | Buffer>;

interface ReadScript {
  cachedReadBuffer(numberOfKeys: number, ...keysThenArgs: Args): Promise<[Buffer, Buffer | null]>;
  cachedStore(numberOfKeys: number, ...keysThenArgs: Args): Promise<number>;
  cachedPeekBuffer(numberOfKeys: number, ...keysThenArgs: Args): Promise<[Buffer, Buffer | null]>;
  cachedRevise(numberOfKeys: number, ...keysThenArgs: Args): Promise<number>;
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
  /** Loads under way in this process, by entry and the tokens they began under. */
  private readonly loading = new Map<string, Promise<unknown>>();
  /** What this process's last revisions left: the next write's peek (own-revisions.ts). */
  private readonly ownRevisions = new OwnRevisions();

  constructor(
    redis: Redis,
    private readonly prefix: string,
    private readonly onError: (err: unknown, what: string) => void,
    private readonly lifetimeMs: number = READ_CACHE_LIFETIME_MS,
  ) {
    if (!("cachedReadBuffer" in redis)) {
      redis.defineCommand("cachedRead", { lua: READ_SCRIPT });
      redis.defineCommand("cachedStore", { lua: STORE_SCRIPT });
      redis.defineCommand("cachedPeek", { lua: PEEK_SCRIPT });
      redis.defineCommand("cachedRevise", { lua: REVISE_SCRIPT });
    }
    this.redis = redis as Redis & ReadScript;
  }

  async read<T>(where: ScopePart, key: string, load: () => Promise<T>): Promise<T> {
    const keys = this.keysOf(where);
    let token: Buffer;
    try {
      const [current, entry] = await this.redis.cachedReadBuffer(
        keys.length,
        ...keys,
        randomBytes(TOKEN_BYTES).toString("hex"),
        this.lifetimeMs,
        key,
      );
      token = current;
      const value = entryValue<T>(token, entry);
      if (value) return value.value;
    } catch (err) {
      this.onError(err, `read ${where.scope}`);
      return load();
    }
    // Many reads that miss at once (after a drop) make one load, not one each: a read that finds
    // a load begun under the tokens current when it began itself gets what that load reads. Any
    // write that finished before this read began had replaced those tokens unless it finished
    // before the load read them, and so before it read MongoDB. Each gets its own copy.
    const flight = `${keys.at(-1)}\n${key}\n${token.toString("hex")}`;
    const joined = this.loading.get(flight) as Promise<T> | undefined;
    if (joined) return structuredClone(await joined);
    const loading = load();
    this.loading.set(flight, loading);
    let value: T;
    try {
      value = await loading;
    } finally {
      this.loading.delete(flight);
    }
    try {
      const entry = Buffer.concat([token, serialize(value)]);
      await this.redis.cachedStore(keys.length, ...keys, token, key, entry, this.lifetimeMs);
    } catch (err) {
      this.onError(err, `store ${where.scope}`);
    }
    return value;
  }

  async peek<T>(where: ScopePart, key: string): Promise<Peeked<T> | null> {
    const keys = this.keysOf(where);
    const own = this.ownRevisions.take(keys, key);
    if (own) return own as Peeked<T>;
    try {
      const found = await this.redis.cachedPeekBuffer(keys.length, ...keys, key);
      if (!found) return null;
      const [version, entry] = found;
      const value = entryValue<T>(version, entry);
      return value ? { value: value.value, version } : null;
    } catch (err) {
      // Nothing peeked: the write that follows drops the entry instead of revising it.
      this.onError(err, `peek ${where.scope}`);
      return null;
    }
  }

  async revised<T>(where: ScopePart, key: string, peeked: Peeked<T>, value: T): Promise<void> {
    const keys = this.keysOf(where);
    const token = randomBytes(TOKEN_BYTES).toString("hex");
    try {
      const done = await this.redis.cachedRevise(
        keys.length,
        ...keys,
        peeked.version,
        key,
        token,
        serialize(value),
        this.lifetimeMs,
      );
      if (Number(done) === 1)
        this.ownRevisions.keep(keys, key, { value, version: withLastToken(peeked.version, token) });
    } catch (err) {
      this.onError(err, `revise ${where.scope}`);
    }
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

  /** The scope's token key, the part's (if any), then the entries' hash: a script's KEYS. */
  private keysOf(where: ScopePart): string[] {
    const keys = [this.tokenKey({ scope: where.scope })];
    if (where.part !== undefined) keys.push(this.tokenKey(where));
    return [...keys, this.entriesKey(where)];
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

/** The value an entry holds if it was stored under `tokens`, else undefined. */
function entryValue<T>(tokens: Buffer, entry: Buffer | null): { value: T } | undefined {
  if (!entry?.subarray(0, tokens.length).equals(tokens)) return undefined;
  return { value: deserialize(entry.subarray(tokens.length)) as T };
}

/** A revision's tokens: those it was peeked under, the last (the scope's or part's own) new. */
function withLastToken(version: Buffer, token: string): Buffer {
  const tokens = version.toString("latin1").split("|");
  tokens[tokens.length - 1] = token;
  return Buffer.from(tokens.join("|"), "latin1");
}
