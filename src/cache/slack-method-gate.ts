import type { Redis } from "ioredis";
import { type PostCeilingOptions, RedisPostCeiling } from "./slack-post-ceiling.js";

/**
 * One token bucket per Slack method, in Redis: it refills at the method's pace (Redis's own
 * clock, so every replica agrees) and a call takes a token. A method held by Slack's
 * Retry-After gives no tokens until the hold ends. Returns 0 (token taken) or the ms to wait.
 */
const TAKE = `
local held = redis.call('PTTL', KEYS[2])
if held > 0 then return held end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local perMs = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1]) or burst
local at = tonumber(b[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * perMs)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) / perMs) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / perMs) + 1000)
return wait
`;

/**
 * Slack's Retry-After, remembered in Redis for every replica: a 429 holds
 * one key (see PacedWebClient), and calls under that key wait it out while
 * every other Slack method keeps going. Methods with a known pace also share
 * a token bucket, so replicas together stay under Slack's limit before it says 429.
 */
export class RedisSlackMethodGate {
  private readonly postCeiling: RedisPostCeiling;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    postCeiling: PostCeilingOptions = {},
  ) {
    this.postCeiling = new RedisPostCeiling(redis, prefix, postCeiling);
  }

  /** Milliseconds still to wait before calling under `key`; 0 when it is free. */
  async waitMs(key: string): Promise<number> {
    return Math.max(await this.redis.pttl(this.redisKey(key)), 0);
  }

  /** Slack's latest Retry-After is the current truth, so it replaces any earlier one. */
  async hold(key: string, ms: number): Promise<void> {
    await this.redis.set(this.redisKey(key), "1", "PX", Math.max(1, Math.round(ms)));
  }

  /** Takes a turn at `method` (0), or says how long until one is free (also while held). */
  async take(method: string, pace: { perMinute: number; burst: number }): Promise<number> {
    const bucket = `${this.prefix}:slack-bucket:${method}`;
    const wait = await this.redis.eval(
      TAKE,
      2,
      bucket,
      this.redisKey(method),
      String(pace.perMinute / 60_000),
      String(pace.burst),
    );
    return Number(wait);
  }

  /** A turn for post `postId` in `channel`: 0, or the ms until the learnt pace has one. */
  takePost(channel: string, postId: string): Promise<number> {
    return this.postCeiling.take(channel, postId);
  }

  /** After a 429 for post `postId`: the workspace pace learnt (posts a second), or 0 if none. */
  learnPostCeiling(channel: string, postId: string): Promise<number> {
    return this.postCeiling.learn(channel, postId);
  }

  /** chat.postMessage's workspace pace in force (posts a second), or null while none is known. */
  postPace(): Promise<number | null> {
    return this.postCeiling.pace();
  }

  private redisKey(key: string): string {
    return `${this.prefix}:slack-wait:${key}`;
  }
}
