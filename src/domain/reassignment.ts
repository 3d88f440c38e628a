import type { Relationship } from "./relationship.js";
import type { Roadmap } from "./roadmap.js";

/** What moving a mentee to a new mentor needs of storage. */
export interface ReassignmentStore {
  findById(id: string): Promise<Relationship | null>;
  listForUser(userId: string, statuses: readonly Relationship["status"][]): Promise<Relationship[]>;
  findOpenBetween(a: string, b: string): Promise<Relationship | null>;
  /**
   * Moves the pair to `toMentorId` if its mentor is still `current.mentorId`;
   * throws `already_paired` if the new two already have an open pair (unique key).
   */
  reassign(
    current: Pick<Relationship, "id" | "mentorId" | "menteeId" | "formerMentorIds">,
    toMentorId: string,
    now: Date,
  ): Promise<Relationship | null>;
}

/** Check-ins not yet answered follow the pair to its new mentor (who hears the answer). */
export interface OpenCheckinMover {
  moveOpenTo(relationshipId: string, mentorId: string): Promise<number>;
}

/** One reassignment, as its messages need it. `at` (epoch ms) keeps a later move back distinct. */
export interface Reassignment {
  relationship: Relationship;
  roadmap: Roadmap;
  fromMentorId: string;
  at: string;
}

/** The Slack side of a reassignment; each message once (delivery ledger). */
export interface ReassignmentNotifier {
  /** The old mentor, thanked kindly. */
  tellOldMentor(reassignment: Reassignment): Promise<void>;
  /** The new mentor: an introduction with the roadmap so far. */
  introduceNewMentor(reassignment: Reassignment): Promise<void>;
  /** The mentee: who their mentor is now. */
  tellMentee(reassignment: Reassignment): Promise<void>;
}
