import type { Cadence } from "./cadence.js";
import type { RelationshipSettings } from "./celebration.js";
import type { HeldBuckets } from "./due-walk.js";
import type { Reflection } from "./ending.js";
import type { Goal, NumberedOpenMilestone } from "./roadmap.js";

export type RelationshipStatus = "pending" | "active" | "paused" | "ended";

export interface Relationship {
  id: string;
  mentorId: string;
  menteeId: string;
  status: RelationshipStatus;
  createdBy: string;
  /** For a pending request: who asked, and who must answer. */
  requestedBy: string | null;
  awaitingUserId: string | null;
  endReason: string | null;
  /** The mentee's career aspiration, once set. */
  goal: Goal | null;
  /** Check-in rhythm; null means the default (weekly, Monday 10:00 mentee time). */
  cadence: Cadence | null;
  /** The source of truth for scheduling: when the next check-in is due (null: not yet planned). */
  nextCheckinAt: Date | null;
  checkinsPaused: boolean;
  skipNextCheckin: boolean;
  /** The pair's own choices (celebration channel, public or private shout-outs). */
  settings: RelationshipSettings;
  /** Looking back, once the pair has ended: at most one per person. */
  reflections: Reflection[];
  createdAt: Date;
  updatedAt: Date;
  activatedAt: Date | null;
  endedAt: Date | null;
  /**
   * Who of the two has left the Slack workspace (a deactivated account), kept by the directory
   * before the person's own record flips (see PresenceMarks), so a check-in to someone not in it
   * reads no person. One in it is read before anything is withheld (a mark two writes of the
   * same moment left behind would stop their check-ins). Undefined on a pair written before it
   * was kept: read the person then.
   */
  leftWorkspace?: readonly string[];
  /**
   * Who mentored the pair before an admin's reassignment, so forgetting one of them still finds
   * what they wrote in it. Undefined on a pair never reassigned since it was kept.
   */
  formerMentorIds?: readonly string[];
  /** How many changes its roadmap has seen (see RoadmapPreviews); 0 when unknown. */
  roadmapRev?: number;
  /**
   * The open milestones a check-in shows, kept on the pair by its roadmap's changes and given
   * only while no change came after they were read (see RoadmapPreviews): a check-in then reads
   * no milestone. Only findById's is fresh (cached reads are not dropped when it changes).
   */
  openMilestones?: readonly NumberedOpenMilestone[];
}

/** A pair to create: active at once (an admin paired them) or pending the invitee's answer. */
export interface NewRelationship {
  mentorId: string;
  menteeId: string;
  status: "pending" | "active";
  createdBy: string;
  requestedBy: string | null;
  awaitingUserId: string | null;
  now: Date;
}

/**
 * Port: marks a person's pairs when their account is deactivated (left) or reactivated, before
 * the cached person flips: a crash in between is marked again at the next look, never lost.
 */
export interface PresenceMarks {
  markLeft(userId: string, left: boolean): Promise<void>;
}

/**
 * Port: the open milestones a check-in shows, kept on the pair. Every roadmap change that can
 * alter them counts one on the pair once it landed (`roadmapChanged`, which returns the new
 * count); the milestones are then read and saved with that count, and shown only while the
 * count stays the same. So a preview saved under count r saw every change up to r, and any later
 * change makes it unused; the writes need no condition (FerretDB's are not atomic anyway): an
 * older preview saved late carries an older count and is ignored. They are written by roadmap
 * changes only, never by a check-in, whose job runs while the sweep writes the same pair (on
 * FerretDB two updates of one document at once can lose one). A crash between a milestone write
 * and its count leaves the preview one change behind until the pair's next roadmap change.
 */
export interface RoadmapPreviews {
  roadmapChanged(relationshipId: string): Promise<number | null>;
  saveOpenMilestones(
    relationshipId: string,
    rev: number,
    open: readonly NumberedOpenMilestone[],
  ): Promise<void>;
}

/** Port: what pairing needs of storage. */
export interface PairingStore {
  /** Inserts a pair; throws `already_paired` if the two people already have an open one. */
  create(input: NewRelationship): Promise<Relationship>;
  findById(id: string): Promise<Relationship | null>;
  /** The open (pending, active or paused) pair of these two people, either way round. */
  findOpenBetween(a: string, b: string): Promise<Relationship | null>;
  /** pending → active, once: only one of two racing clicks wins. */
  activate(id: string, now: Date): Promise<Relationship | null>;
  end(id: string, from: "pending", reason: string, now: Date): Promise<Relationship | null>;
  /** Requests the person is in, either side, that still wait for an answer; oldest first. */
  pendingFor(userId: string): Promise<Relationship[]>;
  /** Requests `requesterId` made that still wait for an answer. */
  countPendingRequestedBy(requesterId: string): Promise<number>;
  /** Whether `otherId` declined a request from `requesterId` since `since`. */
  declinedSince(requesterId: string, otherId: string, since: Date): Promise<boolean>;
}

/** Port: the Slack side of pairing. Each message is sent once per pair (and person). */
export interface PairingNotifier {
  /** A pair became active (or a request was accepted): introduces `userId` to the other person. */
  introduce(relationship: Relationship, userId: string): Promise<void>;
  /** One person asked the other: the invitee gets Accept / Decline. */
  askInvitee(relationship: Relationship, inviteeId: string): Promise<void>;
  /** The invitee declined: the requester hears it, kindly. */
  tellDeclined(relationship: Relationship, requesterId: string): Promise<void>;
}

/** Port: a pair's check-in schedule, kept on the relationship (MongoDB is the source of truth). */
export interface ScheduleStore {
  findById(id: string): Promise<Relationship | null>;
  updateSchedule(
    id: string,
    changes: Partial<
      Pick<Relationship, "cadence" | "nextCheckinAt" | "checkinsPaused" | "skipNextCheckin">
    >,
    now: Date,
  ): Promise<Relationship | null>;
  /**
   * The pairs in one bucket of the due index (due-index.ts), by equality; with `dueBy` (the
   * current hour) only the active, unpaused ones due by then.
   */
  listInBucket(bucket: number, limit: number, dueBy?: Date): Promise<DueRelationship[]>;
  /** The hour buckets of the due index from `from` to `to` that hold a pair, in one query. */
  bucketsHeld: HeldBuckets;
  /**
   * Moves each schedule on only if it still says `expected` and is still in the bucket it was
   * read `from`: of two racing sweeps, one advances it (on MongoDB; FerretDB can let both match).
   * Advances that set the same thing are written together. Returns how many this call moved.
   * Then a change a person made to one of these pairs since its `lastChange` is written again.
   */
  advanceMany(advances: readonly ScheduleAdvance[]): Promise<number>;
}

/** A pair the sweep found due, with the number of its last check-in when the pair knows it. */
export interface DueRelationship extends Relationship {
  /**
   * The highest check-in sequence the sweep gave this pair (0: none yet), or null when unknown
   * (a pair from before it was kept). Only a hint: `checkin now` does not move it, and the unique
   * (relationship, sequence) index refuses a number already taken.
   */
  checkinSequence: number | null;
  /** Where the due index has it (due-index.ts). */
  dueBucket: number;
  /** The last recorded change a person made that this read of the pair shows (null: none). */
  lastChange: string | null;
}

/** One schedule to move on: from `expected` to `next`, compare-and-set, and its due bucket. */
export interface ScheduleAdvance {
  id: string;
  /** The due bucket the sweep read the pair from: a pair moved since is left alone. */
  from: number;
  /**
   * The pair's `lastChange` as the sweep read it: a change a person made after it is written
   * again once the advance is (on FerretDB the advance may have undone it).
   */
  lastChange: string | null;
  expected: Date | null;
  next: Date | null;
  dueBucket: number;
  /** Set when the advance spends the pair's one skipped slot. */
  clearSkip?: boolean;
  /** The sequence of the check-in this advance follows, kept as the next one's hint. */
  checkinSequence?: number;
}

/** Port: the pair's aspiration (roadmap.ts), kept on the relationship. */
export interface GoalStore {
  setGoal(id: string, goal: Goal): Promise<Relationship | null>;
}

/** Port: the pair's celebration choices (celebration.ts), kept on the relationship. */
export interface SettingsStore {
  findById(id: string): Promise<Relationship | null>;
  updateSettings(
    id: string,
    changes: RelationshipSettings,
    now: Date,
  ): Promise<Relationship | null>;
}

/**
 * One key per pair of people, whichever way round, while the pair is open
 * (pending, active or paused): a second pair of the same two is refused.
 * A unique index on it makes "a second active pair" impossible even when two
 * commands race, without partial indexes (which FerretDB lacks).
 */
export function openPairKey(a: string, b: string): string {
  return [a, b].sort().join(":");
}

export function otherPerson(relationship: Relationship, userId: string): string {
  return relationship.mentorId === userId ? relationship.menteeId : relationship.mentorId;
}

export function isMember(relationship: Relationship, userId: string): boolean {
  return relationship.mentorId === userId || relationship.menteeId === userId;
}
