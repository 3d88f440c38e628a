import type { Peeked } from "../db/cached-reads.js";
import { RecentMap } from "../domain/recent-map.js";

/** Entries remembered at most; past it the oldest is forgotten (each holds a cached value). */
const REMEMBERED = 64;

/**
 * The entries this process last revised, as its revision left them, each until the next peek of
 * it: a write that comes right after another on the same entry (the next batch of notes on a
 * pair) peeks without a round trip. It is a peek as of that revision, before the write begins, so
 * the revision that follows checks its tokens as it would a fresh peek's: if anything dropped or
 * revised the entry since, that revision drops it.
 */
export class OwnRevisions {
  private readonly entries: RecentMap<string, Peeked<unknown>>;

  constructor(remembered = REMEMBERED) {
    this.entries = new RecentMap(remembered);
  }

  keep(keys: readonly string[], field: string, entry: Peeked<unknown>): void {
    this.entries.set(where(keys, field), entry);
  }

  /** The entry as this process's last revision left it, once: the next peek goes to Redis. */
  take(keys: readonly string[], field: string): Peeked<unknown> | undefined {
    const at = where(keys, field);
    const entry = this.entries.get(at);
    this.entries.delete(at);
    return entry;
  }
}

const where = (keys: readonly string[], field: string) => `${keys.join("\n")}\n${field}`;
