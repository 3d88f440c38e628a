/**
 * Slack's view `hash`, as the stand-ins for Slack keep it: the playground's Web API
 * (slack-web-api.ts) and the tests' Slack double (test/support/slack-double.ts). Every open,
 * push, update or publish gives the view a new hash; views.update naming an older one is
 * refused with `hash_conflict`, so of two updates made from one copy of a view only the
 * first lands.
 */
import { randomBytes } from "node:crypto";

/** A fresh hash, in Slack's shape (`<seconds>.<random>`): new on every write of the view. */
export function newViewHash(now: Date): string {
  return `${Math.floor(now.getTime() / 1000)}.${randomBytes(6).toString("hex")}`;
}

/**
 * Whether views.update's `hash` names a version of the view before its latest. No hash given,
 * or none known for the view (a view stored before hashes were kept), is not stale.
 */
export function isStaleViewHash(given: unknown, current: string | null | undefined): boolean {
  return typeof given === "string" && given !== "" && Boolean(current) && given !== current;
}
