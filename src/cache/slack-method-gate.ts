import type { Redis } from "ioredis";

/**
 * Slack's Retry-After, remembered in Redis for every replica: a 429 holds
 * one key (see PacedWebClient), and calls under that key wait it out while
 * every other Slack method keeps going.
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

  private redisKey(key: string): string {
    return `${this.prefix}:slack-wait:${key}`;
  }
}
