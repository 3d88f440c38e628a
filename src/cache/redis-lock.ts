import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

/** Deletes or extends the lock only if it still holds our token: never someone else's. */
const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) end return 0`;
const EXTEND = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) end return 0`;
const POLL_MS = 100;

/**
 * One holder at a time across every replica: `SET NX PX` with a random token,
 * renewed while the work runs, released only by its owner. If the holder dies,
 * the lock expires after `ttlMs` and the next caller gets it.
 */
export class RedisLock {
  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly ttlMs = 60_000,
  ) {}

  /** Runs `work` if nobody holds the lock; otherwise does nothing and answers false. */
  async tryRun(work: () => Promise<unknown>): Promise<boolean> {
    const token = await this.acquire();
    if (!token) return false;
    await this.holding(token, work);
    return true;
  }

  /** Waits for the lock (up to `waitMs`), then runs `work` holding it. */
  async run<T>(work: () => Promise<T>, waitMs = 10 * 60_000): Promise<T> {
    for (let waited = 0; ; waited += POLL_MS) {
      const token = await this.acquire();
      if (token) return this.holding(token, work);
      if (waited >= waitMs) throw new Error(`lock ${this.key} still held after ${waitMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  private async acquire(): Promise<string | null> {
    const token = randomUUID();
    return (await this.redis.set(this.key, token, "PX", this.ttlMs, "NX")) === "OK" ? token : null;
  }

  private async holding<T>(token: string, work: () => Promise<T>): Promise<T> {
    const renew = setInterval(() => {
      this.redis.eval(EXTEND, 1, this.key, token, this.ttlMs).catch(() => {});
    }, this.ttlMs / 3);
    renew.unref();
    try {
      return await work();
    } finally {
      clearInterval(renew);
      await this.redis.eval(RELEASE, 1, this.key, token).catch(() => {});
    }
  }
}
