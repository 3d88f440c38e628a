import { addYears, isBefore, parseCalendarDate, todayIn } from "./calendar-date.js";
import { DomainError } from "./errors.js";
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

/** `field` names the form field at fault, so a modal can show the error beside it. */
const invalid = (message: string, field: string) =>
  new DomainError("invalid_input", { message, field });

// `{"$gt": ""}` and friends: never meant as a title, and a sign of someone probing.
const QUERY_OPERATOR = /[{[]\s*["']?\$[a-z]+["']?\s*:/i;

/** Trims and checks a piece of free text against its limit. */
export function requireText(
  raw: string,
  what: "title" | "aspiration" | "note" | "description" | "reason",
  example: string,
): string {
  const text = raw.trim();
  const limit = LIMITS[what];
  if (!text) {
    const article = /^[aeiou]/.test(what) ? "an" : "a";
    throw invalid(`Please add ${article} ${what}. For example: \`${example}\``, what);
  }
  if (text.length > limit) {
    throw invalid(
      `That ${what} is ${text.length} characters; the limit is ${limit}. Please shorten it.`,
      what,
    );
  }
  if (QUERY_OPERATOR.test(text)) {
    throw invalid(`That ${what} looks like code, not words. Please write it in plain text.`, what);
  }
  return text;
}

/** A due or target date: a real date, not in the past, within 10 years, where the person is. */
export function requireFutureDate(raw: string, timeZone: string, now: Date): CalendarDate {
  const date = parseCalendarDate(raw.trim());
  if (!date) {
    throw invalid(
      `\`${raw.slice(0, 30)}\` isn't a date I know. Dates look like 2027-06-30.`,
      "dueDate",
    );
  }
  const today = todayIn(timeZone, now);
  if (isBefore(date, today)) {
    throw invalid(`${date} is in the past. Pick today or a later date.`, "dueDate");
  }
  if (isBefore(addYears(today, LIMITS.dueDateYears), date)) {
    throw invalid(
      `${date} is more than ${LIMITS.dueDateYears} years away. Pick a nearer date.`,
      "dueDate",
    );
  }
  return date;
}

/** A milestone number as typed: a positive whole number. */
export function requireMilestoneNumber(raw: string | undefined, example: string): number {
  if (!raw || !/^\d{1,4}$/.test(raw) || Number(raw) < 1) {
    throw invalid(
      `Start with the milestone's number, as shown by \`/mentor roadmap\`. For example: \`${example}\``,
      "milestone",
    );
  }
  return Number(raw);
}
