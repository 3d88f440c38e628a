import { parseTime, type Weekday, weekdayFromName } from "./cadence.js";
import { localDate, localToInstant } from "./zoned-time.js";

/** A person's working day, on their own wall clock. */
export interface WorkingHours {
  /** "HH:MM", local; always before `end` (no overnight shifts). */
  start: string;
  end: string;
  /** ISO weekdays (1 = Monday), ascending, at least one. */
  days: Weekday[];
}

export const DEFAULT_WORKING_HOURS: WorkingHours = {
  start: "09:00",
  end: "18:00",
  days: [1, 2, 3, 4, 5],
};

/** Local dates (YYYY-MM-DD) on which nothing is delivered: holidays, time off. */
export type DaysOff = (date: string) => boolean;
const noDaysOff: DaysOff = () => false;

/** Where and when one person can be reached. */
export interface WorkCalendar {
  zone: string;
  hours: WorkingHours;
  isDayOff: DaysOff;
}

export const defaultCalendar = (zone: string): WorkCalendar => ({
  zone,
  hours: DEFAULT_WORKING_HOURS,
  isDayOff: noDaysOff,
});

export type HoursProblem = "hours_not_a_range" | "hours_end_before_start" | "hours_no_days";

const DAY_MS = 24 * 3600 * 1000;
/** Time off is at most a year, so a working moment is always found within this. */
const SEARCH_DAYS = 400;

/** "08:30-17:00" and "mon-thu" (or "mon,wed,fri"; default Monday to Friday) → hours, or why not. */
export function parseWorkingHours(
  range: string,
  days?: readonly Weekday[],
): WorkingHours | { problem: HoursProblem } {
  const [from = "", to = "", ...rest] = range.split("-");
  const start = parseTime(padHour(from));
  const end = parseTime(padHour(to));
  if (!start || !end || rest.length > 0) return { problem: "hours_not_a_range" };
  if (end <= start) return { problem: "hours_end_before_start" };
  const chosen = days ?? DEFAULT_WORKING_HOURS.days;
  if (chosen.length === 0) return { problem: "hours_no_days" };
  return { start, end, days: [...new Set(chosen)].sort((a, b) => a - b) };
}

/**
 * "mon-thu", "mon,wed,fri", "fri-mon" (wrapping round the weekend) → weekdays;
 * "none" → no days (refused later, with a reason); null when a word is no day.
 */
export function parseWorkdays(text: string): Weekday[] | null {
  if (text.toLowerCase() === "none") return [];
  const days = new Set<Weekday>();
  for (const part of text.split(",").filter(Boolean)) {
    const [from = "", to, ...rest] = part.split("-");
    const first = weekdayFromName(from);
    const last = to === undefined ? first : weekdayFromName(to);
    if (!first || !last || rest.length > 0) return null;
    for (let day = first; ; day = ((day % 7) + 1) as Weekday) {
      days.add(day);
      if (day === last) break;
    }
  }
  return [...days].sort((a, b) => a - b);
}

/** "9" means 09:00: people type hours that way. */
function padHour(text: string): string {
  return /^\d{1,2}$/.test(text) ? `${text}:00` : text;
}

/** The working window of one local date as instants, or null on a day off. */
function windowOn(calendar: WorkCalendar, date: string): { open: Date; close: Date } | null {
  if (!calendar.hours.days.includes(isoWeekday(date))) return null;
  if (calendar.isDayOff(date)) return null;
  return {
    open: localToInstant(date, calendar.hours.start, calendar.zone),
    close: localToInstant(date, calendar.hours.end, calendar.zone),
  };
}

/** The working windows that end after `from`, day by day, for at most `days` local dates. */
function* windows(calendar: WorkCalendar, from: Date, days: number) {
  const first = Date.parse(`${localDate(from, calendar.zone)}T00:00:00Z`);
  for (let i = 0; i < days; i++) {
    const window = windowOn(calendar, new Date(first + i * DAY_MS).toISOString().slice(0, 10));
    if (window && window.close.getTime() > from.getTime()) yield window;
  }
}

/**
 * The first moment at or after `at` inside the person's working hours, in their
 * zone, on a day they work and are not off: reminders never buzz at night, on a
 * weekend, a holiday or during time off. Days are walked on the local calendar,
 * so daylight-saving changes move the instant and never the local time.
 */
export function nextWorkingTime(
  at: Date,
  zone: string,
  hours: WorkingHours = DEFAULT_WORKING_HOURS,
  isDayOff: DaysOff = noDaysOff,
): Date {
  return nextTimeIn({ zone, hours, isDayOff }, at) ?? at;
}

/** Like nextWorkingTime, or null when no working moment comes within the search horizon. */
export function nextTimeIn(calendar: WorkCalendar, at: Date): Date | null {
  for (const { open } of windows(calendar, at, SEARCH_DAYS)) {
    return open.getTime() > at.getTime() ? open : at;
  }
  return null;
}

/** How long the person's working day is ("09:00-18:00": nine hours). */
export function workingDayMs(hours: WorkingHours): number {
  const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
  return (minutes(hours.end) - minutes(hours.start)) * 60_000;
}

/**
 * The moment the person has had `ms` of working time since `from`, counting only their
 * working hours on days they work and are not off; null beyond the search horizon.
 */
export function afterWorkingTime(calendar: WorkCalendar, from: Date, ms: number): Date | null {
  let left = ms;
  for (const { open, close } of windows(calendar, from, SEARCH_DAYS)) {
    const start = Math.max(open.getTime(), from.getTime());
    if (close.getTime() - start >= left) return new Date(start + left);
    left -= close.getTime() - start;
  }
  return null;
}

export function isWorkingTime(calendar: WorkCalendar, at: Date): boolean {
  return nextTimeIn(calendar, at)?.getTime() === at.getTime();
}

/** How far ahead a shared slot is looked for before falling back to each person's own day. */
const OVERLAP_SEARCH_DAYS = 14;

/**
 * The first moment at or after `after` when both people are working, for at
 * least `minutes` (the overlap of their hours, each in their own zone), or
 * null if their hours never meet in the next two weeks.
 */
export function nextSharedTime(
  a: WorkCalendar,
  b: WorkCalendar,
  after: Date,
  minutes = 0,
): Date | null {
  const need = minutes * 60_000;
  const theirs = [...windows(b, after, OVERLAP_SEARCH_DAYS + 1)];
  for (const mine of windows(a, after, OVERLAP_SEARCH_DAYS + 1)) {
    for (const other of theirs) {
      const start = Math.max(mine.open.getTime(), other.open.getTime(), after.getTime());
      const end = Math.min(mine.close.getTime(), other.close.getTime());
      if (end - start >= need && end > start) return new Date(start);
    }
  }
  return null;
}

/**
 * When something meant for both people goes out: at one shared moment when their
 * hours overlap, otherwise at the start of each person's own next working day.
 */
export function timesForBoth(
  a: WorkCalendar,
  b: WorkCalendar,
  after: Date,
  minutes = 0,
): { shared: true; at: Date } | { shared: false; a: Date; b: Date } {
  const shared = nextSharedTime(a, b, after, minutes);
  if (shared) return { shared: true, at: shared };
  return { shared: false, a: startOfNextDay(a, after), b: startOfNextDay(b, after) };
}

/** The opening of the person's next working window that starts at or after `after`. */
function startOfNextDay(calendar: WorkCalendar, after: Date): Date {
  for (const { open } of windows(calendar, after, SEARCH_DAYS)) {
    if (open.getTime() >= after.getTime()) return open;
  }
  return after;
}

function isoWeekday(date: string): Weekday {
  return (((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1) as Weekday;
}
