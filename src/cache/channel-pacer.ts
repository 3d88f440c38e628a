import type { Redis } from "ioredis";

/** Slack allows about one message a second per channel; this keeps every replica under it. */
const SPACING_MS = 1_000;
const MAX_WAITS = 10;

/**
 * A turn per channel per second, shared through Redis: `SET NX PX` takes the
 * turn; whoever finds it taken waits out its remaining time and tries again.
 */
export class RedisChannelPacer {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async waitTurn(channel: string): Promise<void> {
    const key = `${this.prefix}:pace:${channel}`;
    for (let i = 0; i < MAX_WAITS; i++) {
      if ((await this.redis.set(key, "1", "PX", SPACING_MS, "NX")) === "OK") return;
      const wait = Math.max(await this.redis.pttl(key), 10);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
