import type { Redis } from "ioredis";

/**
 * chat.postMessage's workspace ceiling, which Slack does not publish, learnt from its 429s and
 * shared by every replica through Redis. Every post is noted in a rolling window (score: Redis's
 * clock in microseconds, so notes of one millisecond keep their order, written with %.0f since
 * Lua would print 14 digits; member: channel|post id). Once a pace is known, a post goes when:
 * - the bucket at the pace has a token (capacity 2: posts are spread, not bunched, and a post
 *   whose poster woke late does not lose its turn for good), and
 * - fewer than `pace` posts were noted in the last second and a margin, as Slack counts them
 *   (by arrival, which the network shifts a little): right after a pace is learnt, the burst
 *   that met the ceiling is still in Slack's second.
 * A post that had to wait, a quiet while after the pace was learnt or raised, raises it by one:
 * a ceiling Slack lifted is found again, at the cost of one 429 when it was not.
 * KEYS: the window, the pace (hash: pace, since in µs, tokens, at). ARGV: channel, post id, the
 * quiet while, how long a pace is kept unused, the margin (ms). Returns 0 (go) or the ms to wait.
 */
const TAKE = `
local function n(x) return string.format('%.0f', x) end
local t = redis.call('TIME')
local us = tonumber(t[1]) * 1000000 + tonumber(t[2])
local now = math.floor(us / 1000)
local p = redis.call('HMGET', KEYS[2], 'pace', 'since', 'tokens', 'at')
local pace = tonumber(p[1])
if pace then
  local since = tonumber(p[2]) or us
  local at = tonumber(p[4]) or now
  local tokens = math.min(2, (tonumber(p[3]) or 1) + math.max(0, now - at) * pace / 1000)
  if tokens < 1 and us - since >= tonumber(ARGV[3]) * 1000 then
    pace = pace + 1
    redis.call('HSET', KEYS[2], 'pace', pace, 'since', n(us))
  end
  local wait = 0
  if tokens < 1 then wait = math.ceil((1 - tokens) * 1000 / pace) end
  local second = (1000 + tonumber(ARGV[5])) * 1000
  if redis.call('ZCOUNT', KEYS[1], '(' .. n(us - second), '+inf') >= pace then
    local oldest = redis.call('ZREVRANGE', KEYS[1], pace - 1, pace - 1, 'WITHSCORES')
    wait = math.max(wait, math.ceil((tonumber(oldest[2]) + second - us) / 1000))
  end
  if wait > 0 then return wait end
  redis.call('HSET', KEYS[2], 'tokens', tostring(tokens - 1), 'at', now)
  redis.call('PEXPIRE', KEYS[2], ARGV[4])
end
redis.call('ZADD', KEYS[1], n(us), ARGV[1] .. '|' .. ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', n(us - 2000000))
redis.call('PEXPIRE', KEYS[1], 2000)
return 0
`;

/**
 * After a 429 for a post (ARGV: channel, post id, the fewest posts a second that may be taken
 * for a ceiling, how long a pace is kept unused). The refused post leaves the window: Slack did
 * not count it. When the bot posted nothing else to that channel in the window, the channel's
 * own limit (about one a second, which RedisChannelPacer keeps) cannot explain the 429; the
 * workspace's ceiling did.
 * - The first such 429 sets the pace to the posts noted in the second before the refused one,
 *   which Slack accepted. That second is widened by the refused post's own round trip: on a busy
 *   process, posts reach Slack later than they were noted, and closer together.
 * - Later, each 429 of a post sent under the pace in force lowers it by one: one is what a late
 *   network hop costs, and a ceiling that really fell is met again within a few posts, each
 *   lowering it once more. A post sent before the pace was last set was not sent under it and
 *   says nothing of it (else every post in flight together would lower it once).
 * Returns the pace in force, or 0 when nothing was learnt.
 */
const LEARN = `
local function n(x) return string.format('%.0f', x) end
local member = ARGV[1] .. '|' .. ARGV[2]
local refusedAt = tonumber(redis.call('ZSCORE', KEYS[1], member))
redis.call('ZREM', KEYS[1], member)
if not refusedAt then return 0 end
local prefix = ARGV[1] .. '|'
for _, m in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  if string.sub(m, 1, #prefix) == prefix then return 0 end
end
local t = redis.call('TIME')
local us = tonumber(t[1]) * 1000000 + tonumber(t[2])
local from = refusedAt - 1000000 - (us - refusedAt)
local pace = redis.call('ZCOUNT', KEYS[1], '(' .. n(from), '(' .. n(refusedAt))
if pace < tonumber(ARGV[3]) then return 0 end
local p = redis.call('HMGET', KEYS[2], 'pace', 'since')
local old = tonumber(p[1])
if old then
  if refusedAt < tonumber(p[2]) then return old end
  pace = math.max(1, old - 1)
end
redis.call('HSET', KEYS[2], 'pace', pace, 'since', n(us))
redis.call('PEXPIRE', KEYS[2], ARGV[4])
return pace
`;

export interface PostCeilingOptions {
  /**
   * A pace held this long without a 429, while posts waited for it, goes up by one. Default 10 s:
   * while the bot posts at the ceiling, Slack is asked every 10 s whether it allows one more a
   * second (one post refused and retried when not), so a pace lowered by a late network hop
   * comes back soon.
   */
  quietMs?: number;
}

/** A 429 while the bot posted fewer a second than this says nothing of the ceiling (far higher). */
const FEWEST_POSTS_FOR_A_CEILING = 5;
/**
 * Slack counts a second by when posts arrive, the window by when they were sent: a post that
 * took longer on its way than the one `pace` places after it would otherwise fall in one second
 * with it and be refused.
 */
const SECOND_MARGIN_MS = 20;
/** A pace unused for a day is dropped: the next burst learns it again. */
const PACE_KEPT_MS = 86_400_000;

/** The workspace pace of chat.postMessage, learnt from 429s; see TAKE and LEARN above. */
export class RedisPostCeiling {
  private readonly quietMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    options: PostCeilingOptions = {},
  ) {
    this.quietMs = options.quietMs ?? 10_000;
  }

  /** A turn for post `postId` in `channel`: 0 (noted, go), or the ms until the pace has one. */
  async take(channel: string, postId: string): Promise<number> {
    const wait = await this.redis.eval(
      TAKE,
      2,
      ...this.keys(),
      channel,
      postId,
      String(this.quietMs),
      String(PACE_KEPT_MS),
      String(SECOND_MARGIN_MS),
    );
    return Number(wait);
  }

  /** After a 429 for post `postId`: the workspace pace learnt (posts a second), or 0 if none. */
  async learn(channel: string, postId: string): Promise<number> {
    const pace = await this.redis.eval(
      LEARN,
      2,
      ...this.keys(),
      channel,
      postId,
      String(FEWEST_POSTS_FOR_A_CEILING),
      String(PACE_KEPT_MS),
    );
    return Number(pace);
  }

  /** The pace in force (posts a second), or null while none was learnt. */
  async pace(): Promise<number | null> {
    const pace = await this.redis.hget(this.keys()[1], "pace");
    return pace === null ? null : Number(pace);
  }

  /** Not the old keys: a replica not yet updated keeps a string pace and an ms window there. */
  private keys(): [string, string] {
    return [`${this.prefix}:slack-post-notes`, `${this.prefix}:slack-post-ceiling`];
  }
}
