/** Entries held at most; past it the longest unused is forgotten (each holds a cached value). */
const REMEMBERED = 256;

/** A value as this process last read or wrote it, and the tokens it is valid under. */
export interface KnownEntry {
  tokens: Buffer;
  value: unknown;
}

/**
 * The values of entries this process last read, stored or revised, decoded and frozen, each with
 * the tokens it was valid under. A read sends those tokens: while they are still current, Redis
 * answers with the tokens alone and the value held here is used. Same guarantee as the entry in
 * Redis (a value valid under the current tokens), without moving or decoding it again: the hot
 * reads (a pair's milestones, a person's pairs) are read by every command, and a note's revision
 * leaves its own value here.
 *
 * Frozen, since every reader now shares the one value: a caller that changed what it read would
 * have changed it for the next (and now throws instead).
 */
export class KnownEntries {
  private readonly entries = new Map<string, KnownEntry>();

  constructor(private readonly remembered = REMEMBERED) {}

  keep(keys: readonly string[], field: string, tokens: Buffer, value: unknown): void {
    const at = where(keys, field);
    this.entries.delete(at);
    if (this.entries.size >= this.remembered) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(at, { tokens, value: deepFreeze(value) });
  }

  get(keys: readonly string[], field: string): KnownEntry | undefined {
    const at = where(keys, field);
    const entry = this.entries.get(at);
    if (entry) {
      // Most recently used last, so the longest unused goes first.
      this.entries.delete(at);
      this.entries.set(at, entry);
    }
    return entry;
  }
}

const where = (keys: readonly string[], field: string) => `${keys.join("\n")}\n${field}`;

/** Freezes plain objects and arrays all the way down (a Date stays as it is). */
function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== "object" || Object.isFrozen(value)) return value;
  if (!Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype) return value;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
  return value;
}
