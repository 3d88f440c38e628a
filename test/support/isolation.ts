// Helpers that keep tests isolated on the shared real servers started by
// services.global-setup.ts: every test file gets its own database / key prefix.
import { randomBytes } from "node:crypto";
import { inject } from "vitest";

/**
 * Short random name such as `t_svc_k3x9q0ab`: lowercase alnum plus `_`, so it is a valid
 * MongoDB database name (well under the 63-byte limit) and a readable Redis key prefix.
 */
export function uniqueName(prefix: string): string {
  const safe = prefix
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")
    .slice(0, 20);
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  const rand = Array.from(randomBytes(8), (b) => alphabet[b % alphabet.length]).join("");
  return `t_${safe}_${rand}`;
}

/** `<mongodbUri>/<dbName>`, keeping any `?options` of the base URI after the database. */
export function testMongoUri(dbName: string): string {
  const base = inject("mongodbUri");
  const q = base.indexOf("?");
  const host = (q === -1 ? base : base.slice(0, q)).replace(/\/+$/, "");
  const query = q === -1 ? "" : base.slice(q);
  return `${host}/${dbName}${query}`;
}

/** URL of the run's Redis server; isolate keys with a uniqueName() prefix. */
export function testRedisUrl(): string {
  return inject("redisUrl");
}
