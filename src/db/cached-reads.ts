/**
 * Port: a shared cache of reads, grouped in scopes. `changed(scope)` drops every entry of the
 * scope for every replica; an entry is never older than the last `changed` that finished
 * before its read began. MongoDB stays the truth: the cache only saves round trips.
 */
export interface ReadCache {
  read<T>(scope: string, key: string, load: () => Promise<T>): Promise<T>;
  changed(scope: string): Promise<void>;
}

/** The methods of a repository: which reads are cached (and under which key), which are not. */
export interface CachedReads<T> {
  /** The scope every write of this repository drops: its collection. */
  scope: string;
  /** Reads served from the cache, each with the key its arguments make. */
  cached: { [K in keyof T]?: (...args: never[]) => string };
  /** Reads that go to MongoDB every time (fresh data for jobs and sweeps). */
  uncached: ReadonlyArray<keyof T>;
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
        return (...args: unknown[]) =>
          cache.read(reads.scope, `${String(property)}:${keyOf(...args)}`, () => method(...args));
      }
      if (uncached.has(property)) return method;
      return async (...args: unknown[]) => {
        try {
          return await method(...args);
        } finally {
          await cache.changed(reads.scope);
        }
      };
    },
  });
}
