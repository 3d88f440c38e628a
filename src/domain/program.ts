import type { RelationshipStatus } from "./relationship.js";
import type { CalendarDate } from "./roadmap.js";

/**
 * The program as its admins see it: how many pairs in each state, what
 * happened lately, and which pairs need a person's attention.
 */

export type StatusCounts = Record<RelationshipStatus, number>;

/** What happened in one window of time, across every pair. */
export interface ActivityCounts {
  checkinsSent: number;
  /** Of the check-ins sent in the window, those answered (any answer). */
  checkinsAnswered: number;
  onTrack: number;
  needHelp: number;
  milestonesReached: number;
  feedbackAsked: number;
  feedbackGiven: number;
  introductionsMade: number;
}

/** A pair that is not ended, with just what the report needs. */
export interface OpenPair {
  relationshipId: string;
  mentorId: string;
  menteeId: string;
  status: Exclude<RelationshipStatus, "ended">;
  createdAt: Date;
  activatedAt: Date | null;
}

/** Why a pair needs attention; `rank` orders them, most urgent first. */
export type AttentionReason =
  | { kind: "member_left"; userIds: string[] }
  | { kind: "missed_streak"; count: number }
  | { kind: "milestones_overdue"; count: number }
  | { kind: "no_activity"; days: number }
  | { kind: "stale_request"; days: number };

export interface AttentionItem {
  pair: OpenPair;
  /** Most urgent first. */
  reasons: AttentionReason[];
}

export interface ProgramReport {
  at: Date;
  counts: StatusCounts;
  /** The last 30 days, and the 30 days before them. */
  current: ActivityCounts;
  previous: ActivityCounts;
  /** Most urgent first. */
  attention: AttentionItem[];
}

export const REPORT_WINDOW_DAYS = 30;
/** Two unanswered check-ins in a row are worth a look (three already tell the pair). */
export const ATTENTION_MISSED_STREAK = 2;
export const STALE_REQUEST_DAYS = 7;
export const QUIET_DAYS = 30;

/** A not-done milestone due on one of the days where the mentee's zone decides "overdue". */
export interface NearMilestone {
  relationshipId: string;
  dueDate: CalendarDate;
}

/**
 * The counting port for what is not in the pairs' tallies (program-tally.ts):
 * each method reads one collection that grows with the program's size, not
 * its age, so it runs on MongoDB and on FerretDB (no `$lookup`, no `$facet`).
 */
export interface ProgramStats {
  statusCounts(): Promise<StatusCounts>;
  /** Every pending, active or paused pair. */
  openPairs(): Promise<OpenPair[]>;
  /**
   * Not-done milestones: per pair, how many are due before `before`; and each one due from
   * `before` to `through`, for the mentee's zone to judge.
   */
  overdueMilestones(
    before: CalendarDate,
    through: CalendarDate,
  ): Promise<{ before: Map<string, number>; near: NearMilestone[] }>;
  /** Of these people, those whose Slack account is deactivated. */
  departed(userIds: readonly string[]): Promise<Set<string>>;
}

const RANK: Record<AttentionReason["kind"], number> = {
  member_left: 5,
  missed_streak: 4,
  milestones_overdue: 3,
  no_activity: 2,
  stale_request: 1,
};

function weight(reason: AttentionReason): number {
  switch (reason.kind) {
    case "member_left":
      return reason.userIds.length;
    case "missed_streak":
    case "milestones_overdue":
      return reason.count;
    default:
      return reason.days;
  }
}

/** Orders reasons, then items: the worst reason first, a bigger number first, older pairs first. */
export function rankAttention(items: AttentionItem[]): AttentionItem[] {
  const byUrgency = (a: AttentionReason, b: AttentionReason) =>
    RANK[b.kind] - RANK[a.kind] || weight(b) - weight(a);
  for (const item of items) item.reasons.sort(byUrgency);
  return items.sort((a, b) => {
    const [ra, rb] = [a.reasons[0], b.reasons[0]];
    const first = ra && rb ? byUrgency(ra, rb) : 0;
    return (
      first ||
      b.reasons.length - a.reasons.length ||
      a.pair.createdAt.getTime() - b.pair.createdAt.getTime()
    );
  });
}
