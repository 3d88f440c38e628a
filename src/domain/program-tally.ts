import type { AnswerKind } from "./checkin.js";
import { type ActivityCounts, REPORT_WINDOW_DAYS } from "./program.js";

/**
 * The program's numbers, kept as things happen.
 *
 * The report cannot count from the history itself: the check-ins alone grow
 * by one a pair a week, and FerretDB 1.x scans a whole collection for any
 * filter but `_id` (9 s for 12,834 check-ins here). So each pair keeps a small
 * tally, one document whose `_id` is the relationship's: what happened on each
 * day, its running totals, its missed streak and when it was last active. The
 * report reads one tally a pair, whatever the age of the program.
 *
 * Each event is counted once: the store first inserts a mark whose `_id` is
 * the event's kind and source, so a retried job or a second press counts
 * nothing. A rebuild from the history (`TallyBuilder`) gives the same numbers,
 * for an upgrade and for data written outside the app.
 */

export type TallyEventKind =
  | "checkin_sent"
  | "checkin_answered"
  | "checkin_missed"
  | "milestone_reached"
  | "feedback_asked"
  | "feedback_given"
  | "introduction_made"
  | "introduction_requested"
  | "progress_logged";

export interface TallyEvent {
  kind: TallyEventKind;
  /** The record the event is about (a check-in, milestone, request...): counted once per kind. */
  sourceId: string;
  relationshipId: string;
  /** When it happened: the pair's last activity, and the order of answers and misses. */
  at: Date;
  /**
   * The day it counts on, when not the day of `at`: an answer counts on the
   * day its check-in was sent, so the answer rate is of the check-ins sent.
   */
  countsOn?: Date;
  answerKind?: AnswerKind;
}

/** One day of one pair (or of the program): every field is a count. */
export type DayTally = Partial<Record<keyof ActivityCounts, number>>;

/** `YYYY-MM-DD` in UTC: tallies are kept by UTC day. */
export type TallyDay = string;

export interface PairTally {
  relationshipId: string;
  days: Record<TallyDay, DayTally>;
  checkinsSent: number;
  checkinsAnswered: number;
  lastAnswerKind: AnswerKind | null;
  /** Check-ins missed since the last answer. */
  missedStreak: number;
  /** The last answer, note, milestone, feedback or introduction. */
  lastActivityAt: Date | null;
}

/** The port the services call as things happen. */
export interface ProgramTally {
  /** Counts the event once: its mark (kind and source) is inserted first. */
  record(event: TallyEvent): Promise<void>;
  /**
   * Counts an event whose caller already holds the proof that it is the one to count it (the
   * delivery ledger said its send is the record): no mark, one write less on a hot path. The
   * store may write it together with counts that come at the same moment.
   */
  recordFirst(event: TallyEvent): Promise<void>;
}

/** The port the report reads: every pair's tally, streamed. */
export interface TallyReader {
  all(): AsyncIterable<PairTally>;
}

export const dayOf = (at: Date): TallyDay => at.toISOString().slice(0, 10);

const DAY_MS = 24 * 3600 * 1000;

/** The report compares two windows: days older than both are no use to keep. */
export const TALLY_DAYS_KEPT = 2 * REPORT_WINDOW_DAYS;

/** The first day still kept on `now`. */
export const firstKeptDay = (now: Date): TallyDay =>
  dayOf(new Date(now.getTime() - (TALLY_DAYS_KEPT - 1) * DAY_MS));

/**
 * The days a write on `day` drops: as many again before the kept ones. A pair
 * with any event every two months keeps no day it does not need; a quieter
 * one keeps at most one stale day per quiet spell, which the report ignores.
 */
export function staleDays(day: TallyDay): TallyDay[] {
  const time = Date.parse(`${day}T00:00:00Z`);
  return Array.from({ length: TALLY_DAYS_KEPT }, (_, k) =>
    dayOf(new Date(time - (TALLY_DAYS_KEPT + k) * DAY_MS)),
  );
}

/** Which activity counter an event adds one to, if any. */
function activityCounters(event: TallyEvent): Array<keyof ActivityCounts> {
  switch (event.kind) {
    case "checkin_sent":
      return ["checkinsSent"];
    case "checkin_answered":
      if (event.answerKind === "on_track") return ["checkinsAnswered", "onTrack"];
      if (event.answerKind === "need_help") return ["checkinsAnswered", "needHelp"];
      return ["checkinsAnswered"];
    case "milestone_reached":
      return ["milestonesReached"];
    case "feedback_asked":
      return ["feedbackAsked"];
    case "feedback_given":
      return ["feedbackGiven"];
    case "introduction_made":
      return ["introductionsMade"];
    default:
      return [];
  }
}

/** Everything one event changes in its pair's tally, for a store to apply in one update. */
export interface TallyChange {
  day: TallyDay;
  /** Activity counters of that day, each plus one. */
  counters: Array<keyof ActivityCounts>;
  totals: Partial<Record<"checkinsSent" | "checkinsAnswered" | "missedStreak", 1>>;
  /** An answer resets the streak and is the latest answer. */
  answered?: { kind: AnswerKind };
  /** Moves `lastActivityAt` forward (never back). */
  activityAt?: Date;
}

/** What people do themselves counts as activity; what the bot sends or notes does not. */
const ACTIVITY: ReadonlySet<TallyEventKind> = new Set<TallyEventKind>([
  "checkin_answered",
  "milestone_reached",
  "feedback_given",
  "introduction_made",
  "introduction_requested",
  "progress_logged",
]);

export function tallyChange(event: TallyEvent): TallyChange {
  const change: TallyChange = {
    day: dayOf(event.countsOn ?? event.at),
    counters: activityCounters(event),
    totals: {},
  };
  if (event.kind === "checkin_sent") change.totals.checkinsSent = 1;
  if (event.kind === "checkin_missed") change.totals.missedStreak = 1;
  if (event.kind === "checkin_answered") {
    change.totals.checkinsAnswered = 1;
    change.answered = { kind: event.answerKind ?? "progress" };
  }
  if (ACTIVITY.has(event.kind)) change.activityAt = event.at;
  return change;
}

export function emptyTally(relationshipId: string): PairTally {
  return {
    relationshipId,
    days: {},
    checkinsSent: 0,
    checkinsAnswered: 0,
    lastAnswerKind: null,
    missedStreak: 0,
    lastActivityAt: null,
  };
}

/** Adds `days` to `into`, counting only days in [from, to] (inclusive `YYYY-MM-DD`s). */
export function addWindow(
  into: ActivityCounts,
  days: Record<TallyDay, DayTally>,
  from: TallyDay,
  to: TallyDay,
): void {
  for (const [day, counts] of Object.entries(days)) {
    if (day < from || day > to) continue;
    for (const [field, n] of Object.entries(counts) as Array<[keyof ActivityCounts, number]>) {
      if (field in into) into[field] += n;
    }
  }
}

export function zeroActivity(): ActivityCounts {
  return {
    checkinsSent: 0,
    checkinsAnswered: 0,
    onTrack: 0,
    needHelp: 0,
    milestonesReached: 0,
    feedbackAsked: 0,
    feedbackGiven: 0,
    introductionsMade: 0,
  };
}

/**
 * Tallies from a history replayed in any order: the same numbers `record`
 * would have kept had every event gone through it. The missed streak needs
 * order, so misses are kept until the end and counted after the last answer.
 */
export class TallyBuilder {
  /** `keepFrom`: days before it are counted in the totals but not kept (see staleDays). */
  constructor(private readonly keepFrom: TallyDay) {}

  private readonly pairs = new Map<
    string,
    { tally: PairTally; lastAnswerAt: number; misses: number[] }
  >();

  add(event: TallyEvent): void {
    const entry = this.entry(event.relationshipId);
    const { tally } = entry;
    const change = tallyChange(event);
    if (change.day >= this.keepFrom && change.counters.length > 0) {
      const day = tally.days[change.day] ?? {};
      tally.days[change.day] = day;
      for (const field of change.counters) day[field] = (day[field] ?? 0) + 1;
    }
    tally.checkinsSent += change.totals.checkinsSent ?? 0;
    tally.checkinsAnswered += change.totals.checkinsAnswered ?? 0;
    if (event.kind === "checkin_missed") entry.misses.push(event.at.getTime());
    if (change.answered && event.at.getTime() >= entry.lastAnswerAt) {
      entry.lastAnswerAt = event.at.getTime();
      tally.lastAnswerKind = change.answered.kind;
    }
    if (change.activityAt && change.activityAt > (tally.lastActivityAt ?? new Date(0))) {
      tally.lastActivityAt = change.activityAt;
    }
  }

  /** Every pair seen, streaks counted. */
  *tallies(): Generator<PairTally> {
    for (const { tally, lastAnswerAt, misses } of this.pairs.values()) {
      tally.missedStreak = misses.filter((at) => at > lastAnswerAt).length;
      yield tally;
    }
  }

  private entry(relationshipId: string) {
    let entry = this.pairs.get(relationshipId);
    if (!entry) {
      entry = { tally: emptyTally(relationshipId), lastAnswerAt: -1, misses: [] };
      this.pairs.set(relationshipId, entry);
    }
    return entry;
  }
}
