/**
 * Port: a shared cache of reads, grouped in scopes: a collection, or one part of it
 * (`{ scope, part }`, a pair's milestones). `changed` drops every entry of the scope (or of
 * the part) for every replica; an entry is never older than the last `changed` (or `revised`)
 * of its scope or part that finished before its read began. MongoDB stays the truth: the cache
 * only saves round trips.
 */
export interface ReadCache {
  read<T>(where: ScopePart, key: string, load: () => Promise<T>): Promise<T>;
  changed(where: ScopePart): Promise<void>;
  /**
   * The entry as it stands now, if any: what a write that knows its change will revise. It may be
   * the entry as this replica's own last revision of it left it (no round trip): `revised` then
   * checks, as for any peek, that nothing changed it since.
   */
  peek<T>(where: ScopePart, key: string): Promise<Peeked<T> | null>;
  /**
   * After a write whose change to `peeked` gives `value`: the entry becomes `value`, provided
   * nothing dropped or revised the scope or part since the peek (a write whose own change was not
   * in the peeked entry may have finished meanwhile); otherwise this is `changed(where)`.
   */
  revised<T>(where: ScopePart, key: string, peeked: Peeked<T>, value: T): Promise<void>;
}

/** An entry read by `peek`, with what it was valid under (opaque to its users). */
export interface Peeked<T> {
  value: T;
  version: Buffer;
}

/** A collection's scope, and optionally one part of it; no part means the whole scope. */
export interface ScopePart {
  scope: string;
  part?: string;
}

/** A cached read: the method and its arguments. */
export interface ReadOf<T> {
  method: keyof T;
  args: unknown[];
}

/**
 * A write that knows what it changed in some cached reads' entries: it revises them rather than
 * drop them, so the next reads still come from the cache. `reads` names them by the write's
 * arguments, before it runs; `revise` gives an entry after the write, from the entry before it
 * (undefined: it cannot tell, and the entry is dropped).
 */
export interface Revision<T> {
  reads: (args: never) => Array<ReadOf<T>>;
  revise: (entry: never, args: never, result: never) => unknown;
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
  /** Writes that revise entries instead of dropping them; a failed one drops their parts. */
  revisions?: { [K in keyof T]?: Revision<T> };
}

type Loose = (...args: unknown[]) => unknown;

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
  /** Where a cached read's entry lives, and its key there. */
  const entryOf = ({ method, args }: ReadOf<T>) => {
    const keyOf = reads.cached[method] as Loose;
    const partOf = reads.parts?.reads[method] as Loose | undefined;
    const where: ScopePart = {
      scope: reads.scope,
      ...(partOf ? { part: String(partOf(...args)) } : {}),
    };
    return { where, key: `${String(method)}:${String(keyOf(...args))}` };
  };
  return new Proxy(repository, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      // Bound to the repository itself, so its own internal calls are not counted again.
      const method = value.bind(target) as (...args: unknown[]) => Promise<unknown>;
      if (reads.cached[property as keyof T]) {
        return (...args: unknown[]) => {
          const { where, key } = entryOf({ method: property as keyof T, args });
          return cache.read(where, key, () => method(...args));
        };
      }
      if (uncached.has(property)) return method;
      const revision = reads.revisions?.[property as keyof T];
      if (revision) return revising(method, revision);
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

  function revising(method: (...args: unknown[]) => Promise<unknown>, revision: Revision<T>) {
    const revise = revision.revise as (entry: unknown, args: unknown[], result: unknown) => unknown;
    return async (...args: unknown[]) => {
      const entries = (revision.reads as (args: unknown[]) => Array<ReadOf<T>>)(args).map(entryOf);
      // Peeked before the write: an entry stored later might hold the write already.
      const peeked = await Promise.all(entries.map(({ where, key }) => cache.peek(where, key)));
      let written: { result: unknown } | undefined;
      try {
        written = { result: await method(...args) };
        return written.result;
      } finally {
        await Promise.all(
          entries.map(({ where, key }, i) => {
            const before = peeked[i];
            if (!written || !before) return cache.changed(where);
            let after: unknown;
            try {
              after = revise(before.value, args, written.result);
            } catch {
              after = undefined;
            }
            return after === undefined
              ? cache.changed(where)
              : cache.revised(where, key, before, after);
          }),
        );
      }
    };
  }
}
