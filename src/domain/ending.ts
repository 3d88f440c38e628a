import type { Relationship, RelationshipStatus } from "./relationship.js";

/** What one person of an ended pair wrote looking back: stored with the pair. */
export interface Reflection {
  authorId: string;
  whatWorked: string;
  nextSteps: string;
  at: Date;
}

/** What ending a mentorship needs of the relationships collection. */
export interface EndingStore {
  findById(id: string): Promise<Relationship | null>;
  /** `from` → ended, only if still `from`; frees the pair key so the two may pair again. */
  end(
    id: string,
    from: RelationshipStatus,
    reason: string,
    now: Date,
  ): Promise<Relationship | null>;
  /** One reflection per author: writing again replaces theirs. */
  saveReflection(id: string, reflection: Reflection): Promise<Relationship | null>;
}

/**
 * Work still open for a pair that ends: its check-ins, feedback requests and
 * kickoff are closed, so no sweep picks them up again (and the kickoff's time
 * is free for both people's other kickoffs). (The job handlers also reload
 * the pair and refuse an ended one, for jobs already queued.)
 */
export interface OpenWorkCloser {
  closeOpenFor(relationshipId: string, now: Date): Promise<number>;
}

/** The Slack side of an ending; once-only per person (delivery ledger). */
export interface EndingNotifier {
  /** Thanks one person of the pair and invites a short reflection. */
  sendClosing(relationship: Relationship, userId: string): Promise<void>;
}
