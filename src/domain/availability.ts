import { type Cadence, periodMs } from "./cadence.js";
import type { Relationship } from "./relationship.js";
import type { CalendarDate } from "./roadmap.js";
import type { WorkingHours } from "./working-hours.js";

/** `/mentor away until …`: away through `until` (inclusive), in the person's own zone. */
export interface TimeOff {
  until: CalendarDate;
  note: string;
}

/** What a person told the bot about their time: working hours and time off. */
export interface Availability {
  userId: string;
  /** null: the default, 09:00-18:00 Monday to Friday. */
  hours: WorkingHours | null;
  away: TimeOff | null;
  /** The "partner is away" notices given, by relationship id. */
  awayNotices: Record<string, AwayNotice>;
  updatedAt: Date;
}

/**
 * The partner of one pair was told of this absence. Kept with the person, not in the delivery
 * ledger, which forgets after 30 days while time off may last a year.
 */
export interface AwayNotice {
  /** The absence's last day, as told; "" when no end was known (a Slack status without one). */
  until: string;
  /** When a deferred check-in last asked for the notice. */
  seenAt: Date;
  /**
   * When this absence was first asked about: an open-ended one's delivery key, so that the next
   * open-ended absence (after a return) is told too. Absent in records from before it was kept.
   */
  since?: Date;
  /** When the partner was told; unset while the notice is still to be sent (or retried). */
  toldAt?: Date;
}

/**
 * Whether the notice told already is of this absence. A dated one is its date; an open-ended
 * one lasts while each slot of the pair asks again (every period), so a gap of two periods
 * means the person was back in between and this is a new absence.
 */
export function sameAbsence(
  told: AwayNotice | undefined,
  until: string,
  now: Date,
  cadence: Cadence,
): boolean {
  if (!told || told.until !== until) return false;
  return until !== "" || now.getTime() - told.seenAt.getTime() <= 2 * periodMs(cadence);
}

export interface AvailabilityStore {
  find(userId: string): Promise<Availability | null>;
  findMany(userIds: readonly string[]): Promise<Availability[]>;
  setHours(userId: string, hours: WorkingHours, now: Date): Promise<Availability>;
  setAway(userId: string, away: TimeOff | null, now: Date): Promise<Availability>;
  noteAwayNotice(userId: string, relationshipId: string, notice: AwayNotice): Promise<void>;
}

/** Work held back while someone was away; when they are back it is due again. */
export interface DeferredWork {
  bringForward(userId: string, now: Date): Promise<number>;
}

/** The Slack side of time off, as the domain needs it; each call sends at most once. */
export interface AvailabilityNotifier {
  /**
   * Tells the other person of a pair, kindly, that `awayId` is away (until a date, if known).
   * `since` (when the absence was first asked about) tells one open-ended absence from the next.
   */
  tellAway(
    relationship: Relationship,
    awayId: string,
    until: CalendarDate | null,
    note: string,
    since: Date,
  ): Promise<void>;
}

/** A Slack status as users.info gives it. */
export interface SlackStatus {
  emoji: string;
  text: string;
  /** When Slack clears it; null: it stays until changed. */
  expiresAt: Date | null;
}

const AWAY_EMOJI = new Set([
  ":palm_tree:",
  ":desert_island:",
  ":airplane:",
  ":beach_with_umbrella:",
]);
const AWAY_TEXT = /\b(vacation(ing)?|holidays?|out of (the )?office|ooo|on leave|pto|time off)\b/i;

/** A status that says the person is away: the palm tree, or words like "vacationing" or "OOO". */
export function statusSaysAway(status: SlackStatus | null | undefined, now: Date): boolean {
  if (!status) return false;
  if (status.expiresAt && status.expiresAt.getTime() <= now.getTime()) return false;
  return AWAY_EMOJI.has(status.emoji) || AWAY_TEXT.test(status.text);
}

/** Company holidays (from HOLIDAYS_FILE): local dates on which nothing is delivered. */
export interface Holidays {
  has(date: CalendarDate): boolean;
}

export const NO_HOLIDAYS: Holidays = { has: () => false };
