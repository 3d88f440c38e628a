/**
 * Port: a shared cache of reads, grouped in scopes: a collection, or one part of it
 * (`{ scope, part }`, a pair's milestones). `changed` drops every entry of the scope (or of
 * the part) for every replica; an entry is never older than the last `changed` of its scope or
 * part that finished before its read began. MongoDB stays the truth: the cache only saves
 * round trips.
 */
export interface ReadCache {
  read<T>(where: ScopePart, key: string, load: () => Promise<T>): Promise<T>;
  changed(where: ScopePart): Promise<void>;
}

/** A collection's scope, and optionally one part of it; no part means the whole scope. */
export interface ScopePart {
  scope: string;
  part?: string;
}

/** The methods of a repository: which reads are cached (and under which key), which are not. */
export interface CachedReads<T> {
  /** The scope every write of this repository drops: its collection. */
  scope: string;
  /** Reads served from the cache, each with the key its arguments make. */
  cached: { [K in keyof T]?: (...args: never[]) => string };
  /** Reads that go to MongoDB every time (fresh data for jobs and sweeps). */
  uncached: ReadonlyArray<keyof T>;
  /**
   * The part of the scope a cached read (by its arguments) or a write (by its arguments and
   * result) is about. A write whose part this cannot tell (null) drops the whole scope.
   */
  parts?: {
    reads: { [K in keyof T]?: (...args: never[]) => string };
    writes: { [K in keyof T]?: (args: never[], result: never) => string | null };
  };
}

/**
 * The repository with its listed reads cached, and every other method counted as a write: after
 * it settles (even when it failed, having maybe written part), the scope is dropped. A method
 * added later is therefore a write until someone lists it, so it can only cost a cache miss,
 * never a stale read.
 */
export function withCachedReads<T extends object>(
  repository: T,
  cache: ReadCache,
  reads: CachedReads<T>,
): T {
  const uncached = new Set<PropertyKey>(reads.uncached);
  return new Proxy(repository, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      // Bound to the repository itself, so its own internal calls are not counted again.
      const method = value.bind(target) as (...args: unknown[]) => Promise<unknown>;
      const keyOf = reads.cached[property as keyof T] as
        | ((...args: unknown[]) => string)
        | undefined;
      if (keyOf) {
        const partOf = reads.parts?.reads[property as keyof T] as
          | ((...args: unknown[]) => string)
          | undefined;
        return (...args: unknown[]) =>
          cache.read(
            { scope: reads.scope, ...(partOf ? { part: partOf(...args) } : {}) },
            `${String(property)}:${keyOf(...args)}`,
            () => method(...args),
          );
      }
      if (uncached.has(property)) return method;
      const partOf = reads.parts?.writes[property as keyof T] as
        | ((args: unknown[], result: unknown) => string | null)
        | undefined;
      return async (...args: unknown[]) => {
        let part: string | null = null;
        try {
          const result = await method(...args);
          part = partOf?.(args, result) ?? null;
          return result;
        } finally {
          // A failed write may have written part of itself: the whole scope goes.
          await cache.changed({ scope: reads.scope, ...(part === null ? {} : { part }) });
        }
      };
    },
  });
}
