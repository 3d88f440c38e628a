import { addYears, isBefore, parseCalendarDate, todayIn } from "./calendar-date.js";
import { DomainError, type InputPlace, type TextWhat } from "./errors.js";
import type { CalendarDate } from "./roadmap.js";

/** Limits people see in error messages; keep them in one place. */
export const LIMITS = {
  title: 150,
  aspiration: 300,
  note: 2_000,
  description: 2_000,
  reason: 500,
  dueDateYears: 10,
} as const;

// `{"$gt": ""}` and friends: never meant as a title, and a sign of someone probing.
const QUERY_OPERATOR = /[{[]\s*["']?\$[a-z]+["']?\s*:/i;

/** Trims and checks a piece of free text against its limit. */
export function requireText(raw: string, what: TextWhat, input: InputPlace): string {
  const text = raw.trim();
  const limit = LIMITS[what];
  if (!text) throw new DomainError("text_missing", { what, input, field: what });
  if (text.length > limit) {
    throw new DomainError("text_too_long", { what, length: text.length, limit, field: what });
  }
  if (QUERY_OPERATOR.test(text)) {
    throw new DomainError("text_looks_like_code", { what, field: what });
  }
  return text;
}

/** A due or target date: a real date, not in the past, within 10 years, where the person is. */
export function requireFutureDate(raw: string, timeZone: string, now: Date): CalendarDate {
  const date = parseCalendarDate(raw.trim());
  const field = "dueDate";
  if (!date) throw new DomainError("date_invalid", { text: raw, field });
  const today = todayIn(timeZone, now);
  if (isBefore(date, today)) throw new DomainError("date_past", { date, field });
  if (isBefore(addYears(today, LIMITS.dueDateYears), date)) {
    throw new DomainError("date_too_far", { date, years: LIMITS.dueDateYears, field });
  }
  return date;
}

/** A milestone number as typed: a positive whole number. */
export function requireMilestoneNumber(raw: string | undefined, input: InputPlace): number {
  if (!raw || !/^\d{1,4}$/.test(raw) || Number(raw) < 1) {
    throw new DomainError("milestone_number_missing", { input, field: "milestone" });
  }
  return Number(raw);
}
