/**
 * A record that moves through statuses (a check-in, a feedback request). Each change is a
 * conditional update, so of two racing callers exactly one moves it.
 */
export interface StatusChanges<R extends { id: string; status: string }> {
  /** Moves it from one of `from` to `to`, once: null if it was not in `from`. */
  transition(
    id: string,
    from: readonly R["status"][],
    to: R["status"],
    set?: Partial<Omit<R, "id" | "status">>,
  ): Promise<R | null>;
}

/** Those in `status` whose `field` is at or before `now`, oldest first, a page at a time. */
export type ListDue<R extends { status: string }, Field extends keyof R> = (
  status: R["status"],
  field: Field,
  now: Date,
  limit?: number,
) => Promise<R[]>;
