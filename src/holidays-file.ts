import { readFileSync } from "node:fs";
import ICAL from "ical.js";

/** Yearly holidays are expanded this far, which outlives any deployment of this bot. */
const LAST_YEAR = 2100;
/** A guard against a runaway rule (FREQ=DAILY with no end): no company has more holidays. */
const MAX_OCCURRENCES = 1_000;

/**
 * The company holidays in an iCalendar (.ics) file, as local dates ("2026-12-25"),
 * sorted. Whole-day events cover each day from start to end (exclusive, as
 * RFC 5545 says); a timed event covers its start date; yearly rules are expanded.
 * Throws with a readable reason when the file can't be read or isn't iCalendar.
 */
export function readHolidaysFile(path: string): string[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new Error(`can't be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  let calendar: ICAL.Component;
  try {
    calendar = new ICAL.Component(ICAL.parse(text));
  } catch (error) {
    throw new Error(`isn't an iCalendar file (${(error as Error).message.split("\n")[0]})`);
  }
  if (calendar.name !== "vcalendar") throw new Error("isn't an iCalendar file (no VCALENDAR)");
  const dates = new Set<string>();
  for (const component of calendar.getAllSubcomponents("vevent")) {
    const event = new ICAL.Event(component);
    if (!event.startDate) continue;
    if (event.isRecurring()) {
      const occurrences = event.iterator();
      for (let i = 0, next = occurrences.next(); next && i < MAX_OCCURRENCES; i++) {
        if (next.year > LAST_YEAR) break;
        const details = event.getOccurrenceDetails(next);
        addDays(dates, details.startDate, details.endDate);
        next = occurrences.next();
      }
    } else {
      addDays(dates, event.startDate, event.endDate);
    }
  }
  return [...dates].sort();
}

function addDays(dates: Set<string>, start: ICAL.Time, end: ICAL.Time | null): void {
  const first = dayOf(start);
  dates.add(first);
  if (!end || !start.isDate) return;
  // Whole-day events end the day after their last day.
  const last = dayOf(end);
  for (let day = nextDay(first); day < last; day = nextDay(day)) dates.add(day);
}

function dayOf(time: ICAL.Time): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${time.year}-${pad(time.month)}-${pad(time.day)}`;
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
