import type { Redis } from "ioredis";
import { type Clock, systemClock } from "../clock.js";
import { duplicateAsSubscriber } from "./redis-connections.js";

/** The Redis key (and pub/sub channel) holding the playground clock's offset in milliseconds. */
export const sharedClockKey = (prefix: string) => `${prefix}:playground:clock-offset`;

/**
 * The playground's clock: real time plus an offset kept in Redis, so every process of the bot
 * (web and worker replicas) and the playground agree on "now". Moving it publishes the new
 * offset; each bot process applies it and may react (workers sweep at once, so check-ins that
 * became due are delivered in seconds rather than at the next periodic sweep).
 * Only started when config.playground is set; production uses the system clock.
 */
export class SharedClock implements Clock {
  private offsetMs = 0;
  private readonly listeners: Array<() => void> = [];

  private constructor(private readonly subscriber: Redis) {}

  static async connect(redis: Redis, prefix: string): Promise<SharedClock> {
    const subscriber = duplicateAsSubscriber(redis);
    const clock = new SharedClock(subscriber);
    const key = sharedClockKey(prefix);
    subscriber.on("message", (channel: string, message: string) => {
      if (channel !== key) return;
      clock.apply(message);
      for (const listener of clock.listeners) listener();
    });
    // Subscribe first, then read: an offset moved in between still reaches us.
    await subscriber.subscribe(key);
    clock.apply(await redis.get(key));
    return clock;
  }

  now(): Date {
    return new Date(systemClock.now().getTime() + this.offsetMs);
  }

  /** Called after every move of the shared clock, once the new offset is in effect. */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {
    await this.subscriber.quit().catch(() => this.subscriber.disconnect());
  }

  private apply(raw: string | null): void {
    const offset = Number(raw ?? 0);
    if (Number.isFinite(offset)) this.offsetMs = offset;
  }
}

/** Sets the shared offset and tells every bot process; returns the clock's new time. */
export async function moveSharedClock(
  redis: Redis,
  prefix: string,
  offsetMs: number,
): Promise<Date> {
  const key = sharedClockKey(prefix);
  await redis.set(key, String(offsetMs));
  await redis.publish(key, String(offsetMs));
  return new Date(systemClock.now().getTime() + offsetMs);
}

/** The shared offset as stored (0 when never moved). */
export async function sharedClockOffset(redis: Redis, prefix: string): Promise<number> {
  const offset = Number((await redis.get(sharedClockKey(prefix))) ?? 0);
  return Number.isFinite(offset) ? offset : 0;
}
