import dayjs from "./dayjs.js";
import type { CalendarDate } from "./roadmap.js";
import { localDate } from "./zoned-time.js";

export const DATE_FORMAT = "YYYY-MM-DD";

/**
 * Today's date where the person is. Read with a cached Intl formatter: dayjs's tz() builds
 * one each call, which was 5% of the web process's time under the P1 load of `roadmap`.
 */
export function todayIn(timeZone: string, now: Date): CalendarDate {
  return localDate(now, timeZone);
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * Whether someone's zone can decide if any of these dates is past: only a date within a day of
 * today in UTC can be (every zone's today is within a day of UTC's). Further off, every zone
 * agrees, so UTC's today answers without reading the person's profile.
 */
export function zoneDecidesOverdue(dueDates: readonly CalendarDate[], now: Date): boolean {
  const from = todayIn("UTC", new Date(now.getTime() - DAY_MS));
  const to = todayIn("UTC", new Date(now.getTime() + DAY_MS));
  return dueDates.some((date) => date >= from && date <= to);
}

/** A real calendar date in strict YYYY-MM-DD form, or null (2027-02-30 is not one). */
export function parseCalendarDate(text: string): CalendarDate | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return null;
  const parsed = dayjs(text, DATE_FORMAT, true);
  return parsed.isValid() ? parsed.format(DATE_FORMAT) : null;
}

/** The date `days` after `date`, counted on the calendar (no zone, no clock change). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function addYears(date: CalendarDate, years: number): CalendarDate {
  return dayjs(date, DATE_FORMAT, true).add(years, "year").format(DATE_FORMAT);
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/**
 * "Mon 30 Jun 2027": how dates read in messages. Built by hand, not with dayjs's parse and
 * format: a 20-milestone roadmap formats ten dates, and dayjs took 8% of the bot's time per
 * `/mentor roadmap` under the P1 load.
 */
export function formatCalendarDate(date: CalendarDate): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return `${WEEKDAYS[weekday]} ${day} ${MONTHS[month - 1]} ${year}`;
}

export function isBefore(a: CalendarDate, b: CalendarDate): boolean {
  return a < b; // ISO dates sort as strings.
}
