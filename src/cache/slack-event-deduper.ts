import type { Redis } from "ioredis";

/** Slack retries for up to about an hour; keep ids well past that. */
const REMEMBER_SECONDS = 24 * 3600;

/**
 * Slack redelivers an event it thinks was missed (X-Slack-Retry-Num). The
 * first replica to see an event id claims it in Redis with SET NX; every
 * other delivery of that id, on any replica, is dropped.
 */
export class SlackEventDeduper {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async firstDelivery(eventId: string): Promise<boolean> {
    const key = `${this.prefix}:slack-event:${eventId}`;
    return (await this.redis.set(key, "1", "EX", REMEMBER_SECONDS, "NX")) === "OK";
  }
}
