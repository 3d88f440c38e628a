import { Redis } from "ioredis";

/**
 * The client of everything a request waits on (the read cache, the rate limit, the event
 * de-duplicator, the queues' producers): while Redis is down its commands fail at once, so a
 * person is answered without Redis (reads from MongoDB, no rate limit) or told to try again,
 * never held until Redis returns, and nothing queued meanwhile runs late. BullMQ documents
 * enableOfflineQueue: false for producers that must fail fast; the timeout covers a Redis that
 * stops answering without closing the connection.
 */
const FAIL_FAST = { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 2_000 };

/** Opens the fail-fast client and waits for its first connection, so start-up never races it. */
export async function openFailFastRedis(
  url: string,
  onError: (err: Error) => void,
): Promise<Redis> {
  const redis = new Redis(url, FAIL_FAST);
  redis.on("error", onError);
  await new Promise<void>((resolve) => redis.once("ready", () => resolve()));
  return redis;
}

/**
 * BullMQ's workers wait in blocking commands, which must outlive a Redis restart: BullMQ needs
 * maxRetriesPerRequest: null on their connection, so they have one of their own.
 */
export function openWorkerRedis(url: string, onError: (err: Error) => void): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  redis.on("error", onError);
  return redis;
}

/** A subscriber keeps its subscriptions through a reconnect: it queues, and it has no timeout. */
export function duplicateAsSubscriber(redis: Redis): Redis {
  return redis.duplicate({
    enableOfflineQueue: true,
    maxRetriesPerRequest: null,
    commandTimeout: undefined,
  });
}
