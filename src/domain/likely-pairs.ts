import { RecentMap } from "./recent-map.js";
import type { Target } from "./relationship-access.js";

/** People whose last pair is remembered at most; past it the longest unseen is forgotten. */
const REMEMBERED = 10_000;

/**
 * Which pair a person's last request about a roadmap turned out to be, for the same target: a
 * guess that lets the pair's milestones be read while the access check finds the pair again,
 * one round trip of waiting instead of two in a row. Only ever a guess: what was read for it is
 * used when the check finds that same pair, and that read began after the request came in, as
 * a read after the check would have (so it is no older). A wrong guess costs one read more.
 */
export class LikelyPairs {
  private readonly last: RecentMap<string, string>;

  constructor(remembered = REMEMBERED) {
    this.last = new RecentMap(remembered);
  }

  /** The pair to read ahead: the one a button or form names, else the person's last. */
  guess(actorId: string, target: Target): string | undefined {
    if ("relationshipId" in target) return target.relationshipId;
    return this.last.get(keyOf(actorId, target.otherId));
  }

  /** The pair the check found for this target. */
  found(actorId: string, target: Target, relationshipId: string): void {
    if ("relationshipId" in target) return;
    const key = keyOf(actorId, target.otherId);
    if (this.last.get(key) !== relationshipId) this.last.set(key, relationshipId);
  }
}

const keyOf = (actorId: string, otherId: string | undefined) => `${actorId}>${otherId ?? ""}`;
