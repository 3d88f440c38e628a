import type { Relationship } from "./relationship.js";
import type { CalendarDate, Roadmap } from "./roadmap.js";

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

/** A reassignment as the audit trail recorded it; `at` (epoch ms) is its notices' job's. */
export interface RecordedReassignment {
  fromMentorId: string;
  toMentorId: string;
  at: string;
}

/** The latest reassignment recorded for a pair, so a retry can finish one whose notices were not queued. */
export interface ReassignmentRecords {
  latestReassignment(relationshipId: string): Promise<RecordedReassignment | null>;
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
  /** Today where the new mentor is, as far as their roadmap's "overdue" needs it. */
  mentorToday: CalendarDate;
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
