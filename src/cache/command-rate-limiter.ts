import type { Redis } from "ioredis";
import type { Clock } from "../clock.js";

const MINUTE_MS = 60_000;

/**
 * Commands and clicks per person per minute, counted in Redis so every
 * replica shares one count: INCR on a key per person and clock minute,
 * which expires once its minute is over.
 */
export class RedisCommandRateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly perMinute: number,
    private readonly clock: Clock,
  ) {}

  async allow(userId: string): Promise<boolean> {
    const minute = Math.floor(this.clock.now().getTime() / MINUTE_MS);
    const key = `${this.prefix}:rate:${userId}:${minute}`;
    const results = await this.redis
      .multi()
      .incr(key)
      .pexpire(key, 2 * MINUTE_MS)
      .exec();
    const count = Number(results?.[0]?.[1] ?? 0);
    return count <= this.perMinute;
  }
}
