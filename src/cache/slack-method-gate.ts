import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

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
 * chat.postMessage's workspace ceiling, which Slack does not publish, learnt from its 429s.
 * Every post is noted (time and channel) in a rolling 2 s window; once a pace was learnt, a
 * post waits for its turn in a bucket at that pace (no burst, so any second holds no more).
 * KEYS: the window, the learnt pace, the bucket. ARGV: channel, a unique id. Returns 0 or the
 * ms to wait.
 */
const TAKE_POST = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local pace = tonumber(redis.call('GET', KEYS[2]))
if pace then
  local perMs = pace / 1000
  local b = redis.call('HMGET', KEYS[3], 'tokens', 'at')
  local tokens = tonumber(b[1]) or 1
  local at = tonumber(b[2]) or now
  tokens = math.min(1, tokens + math.max(0, now - at) * perMs)
  if tokens < 1 then return math.ceil((1 - tokens) / perMs) end
  redis.call('HSET', KEYS[3], 'tokens', tostring(tokens - 1), 'at', now)
  redis.call('PEXPIRE', KEYS[3], math.ceil(1 / perMs) + 1000)
end
redis.call('ZADD', KEYS[1], now, now .. '|' .. ARGV[1] .. '|' .. ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - 2000)
redis.call('PEXPIRE', KEYS[1], 2000)
return 0
`;

/**
 * After a 429 in a channel (ARGV[1]; ARGV[2] how long a pace is kept; ARGV[3] the fewest posts
 * a second that may be taken for a ceiling): when the bot posted nothing else there in the
 * window, the channel's own limit (about one a second, which RedisChannelPacer keeps) cannot
 * explain it; when the bot was also posting fast, the workspace's ceiling did. The pace becomes
 * one under the posts of the last second (the refused one among them), never raised by a later
 * 429 while it is kept. Returns the pace, or 0 when nothing was learnt.
 */
const LEARN_POST_CEILING = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local same = 0
for _, m in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], now - 2000, '+inf')) do
  if string.find(m, '|' .. ARGV[1] .. '|', 1, true) then same = same + 1 end
end
if same > 1 then return 0 end
local posted = redis.call('ZCOUNT', KEYS[1], now - 1000, '+inf')
if posted < tonumber(ARGV[3]) then return 0 end
local pace = math.max(1, posted - 2)
local old = tonumber(redis.call('GET', KEYS[2]))
if old and old < pace then pace = old end
redis.call('SET', KEYS[2], pace, 'PX', ARGV[2])
return pace
`;

/**
 * A learnt ceiling is kept this long, then posts go unpaced until Slack says 429 again: a
 * ceiling that was lowered for a while is found again within a minute, at the cost of a 429.
 */
const POST_CEILING_KEPT_MS = 60_000;
/**
 * A 429 while the bot posted fewer a second than this teaches nothing about a workspace ceiling
 * (Slack's is far higher): pacing every post that slowly would cost far more than one 429.
 */
const FEWEST_POSTS_FOR_A_CEILING = 5;

/**
 * Slack's Retry-After, remembered in Redis for every replica: a 429 holds
 * one key (see PacedWebClient), and calls under that key wait it out while
 * every other Slack method keeps going. Methods with a known pace also share
 * a token bucket, so replicas together stay under Slack's limit before it says 429.
 */
export class RedisSlackMethodGate {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

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

  /** A turn to post in `channel`: 0, or the ms until the learnt workspace pace has one. */
  async takePost(channel: string): Promise<number> {
    const wait = await this.redis.eval(TAKE_POST, 3, ...this.postKeys(), channel, randomUUID());
    return Number(wait);
  }

  /** After a 429 in `channel`: the workspace pace learnt (posts a second), or 0 if none. */
  async learnPostCeiling(channel: string): Promise<number> {
    const pace = await this.redis.eval(
      LEARN_POST_CEILING,
      2,
      ...this.postKeys().slice(0, 2),
      channel,
      String(POST_CEILING_KEPT_MS),
      String(FEWEST_POSTS_FOR_A_CEILING),
    );
    return Number(pace);
  }

  private postKeys(): [string, string, string] {
    return [
      `${this.prefix}:slack-posts`,
      `${this.prefix}:slack-post-pace`,
      `${this.prefix}:slack-post-bucket`,
    ];
  }

  private redisKey(key: string): string {
    return `${this.prefix}:slack-wait:${key}`;
  }
}
