import { localDate, localToInstant } from "./zoned-time.js";

export type Frequency = "weekly" | "biweekly" | "monthly";

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const WEEKDAY_NAMES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
/** Full day names, for reading what people type ("Wednesday", "tues"). */
export const WEEKDAY_LABELS = [
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
  "Sunday",
];

export interface Cadence {
  frequency: Frequency;
  weekday: Weekday;
  /** Local wall-clock time "HH:MM" in the mentee's time zone. */
  time: string;
  /** Biweekly only: a date (YYYY-MM-DD) in an "on" week, so the rhythm never drifts. */
  anchorDate: string | null;
}

export const DEFAULT_CADENCE: Cadence = {
  frequency: "weekly",
  weekday: 1,
  time: "10:00",
  anchorDate: null,
};

/** "mon", "tues", "Wednesday": at least three letters of a day's name; "monkey" is no day. */
export function weekdayFromName(name: string): Weekday | null {
  const word = name.toLowerCase();
  if (word.length < 3) return null;
  const index = WEEKDAY_LABELS.findIndex((label) => label.toLowerCase().startsWith(word));
  return index === -1 ? null : ((index + 1) as Weekday);
}

export function parseTime(text: string): string | null {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text);
  return match ? `${match[1]?.padStart(2, "0")}:${match[2]}` : null;
}

/** A wall-clock time on a local date, as an instant. In a DST gap, the clock-forward time. */
const DAY_MS = 24 * 3600 * 1000;

/**
 * The first check-in strictly after `after`, at the cadence's local wall-clock
 * time in `zone`. Computed on local calendar dates, then converted, so a
 * daylight-saving change moves the UTC instant and never the local time.
 * Calendar days are walked as plain UTC dates (no zone rules involved); only
 * a matching day is converted, which keeps this fast enough for big sweeps.
 */
export function nextOccurrence(cadence: Cadence, zone: string, after: Date): Date {
  const firstDay = Date.parse(`${localDate(after, zone)}T00:00:00Z`);
  const anchor = cadence.anchorDate ? Date.parse(`${cadence.anchorDate}T00:00:00Z`) : null;
  // Nine weeks covers any biweekly or monthly gap with room to spare.
  for (let offset = 0; offset < 62; offset++) {
    const day = firstDay + offset * DAY_MS;
    if (!matchesDay(cadence, day, anchor)) continue;
    const at = localToInstant(new Date(day).toISOString().slice(0, 10), cadence.time, zone);
    if (at.getTime() > after.getTime()) return at;
  }
  throw new Error(`No occurrence of ${JSON.stringify(cadence)} found after ${after.toISOString()}`);
}

/** How long one period of this cadence is, roughly: "more than one period late" means skip. */
export function periodMs(cadence: Cadence): number {
  const day = 24 * 3600 * 1000;
  return cadence.frequency === "weekly"
    ? 7 * day
    : cadence.frequency === "biweekly"
      ? 14 * day
      : 28 * day;
}

/** Whether a calendar day (UTC midnight of that local date) is one of the cadence's days. */
function matchesDay(cadence: Cadence, day: number, anchor: number | null): boolean {
  const date = new Date(day);
  const isoWeekday = ((date.getUTCDay() + 6) % 7) + 1;
  if (isoWeekday !== cadence.weekday) return false;
  switch (cadence.frequency) {
    case "weekly":
      return true;
    case "biweekly":
      // Weeks from the anchor, to the nearest: an anchor a day off the cadence's weekday (a
      // slot that a daylight-saving gap pushed past midnight) still names its own week.
      return anchor === null || Math.abs(Math.round((day - anchor) / DAY_MS / 7)) % 2 === 0;
    case "monthly":
      return date.getUTCDate() <= 7;
  }
}
