/**
 * `/mentor forget`: a person's right to be forgotten. What they wrote and
 * their profile are deleted; records the other person keeps show them as
 * FORMER_MEMBER ("a former member"); the audit trail keeps ids and actions,
 * never free text.
 */

/** Stands in for a forgotten person's Slack id in records kept for others. */
export const FORMER_MEMBER = "former-member";

/** Replaces a topic the forgotten person wrote, in feedback someone else gave them. */
export const FORGOTTEN_TOPIC = "(topic removed)";

/**
 * One collection's share of forgetting someone. `relationshipIds` are every
 * mentorship they were ever in (already ended), so each store can work
 * through indexed lookups. Returns how many records it changed or deleted.
 */
export interface PersonalDataHolder {
  forgetPerson(userId: string, relationshipIds: readonly string[]): Promise<number>;
}

/**
 * A forgetting under way, written before its first change: once the pairs name a former member
 * they no longer lead to the person, so a retry after a failure part-way (or a deploy) finishes
 * from here. Deleted when the forgetting is done.
 */
export interface ForgettingRecord {
  userId: string;
  /** Every pair to forget them in: theirs, and those they mentored until a reassignment. */
  relationshipIds: string[];
  /** Their pairs still open when it began: ended by it, each partner thanked once. */
  openIds: string[];
  /** Feedback requests asked of them it cancels; each mentee is told once. */
  requestIds: string[];
  startedAt: Date;
}

/** Port: the pairs someone mentored until a reassignment (not theirs now, but named in them). */
export interface FormerPairs {
  of(userId: string): Promise<string[]>;
}

/** Port: forgettings under way, one a person. */
export interface ForgettingRecords {
  find(userId: string): Promise<ForgettingRecord | null>;
  /** The forgettings unfinished: the sweep finishes them. */
  listUnfinished(): Promise<Array<Pick<ForgettingRecord, "userId" | "startedAt">>>;
  save(record: ForgettingRecord): Promise<void>;
  remove(userId: string): Promise<void>;
}
