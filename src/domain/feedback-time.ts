import { parseTime } from "./cadence.js";
import { addDays, parseCalendarDate } from "./calendar-date.js";
import { DomainError } from "./errors.js";
import { localDate, localToInstant } from "./zoned-time.js";

/** When to ask for feedback, as typed: `at YYYY-MM-DD HH:MM`, `in 2h`, `in 30m`, `tomorrow`, or now. */
export type FeedbackWhen =
  | { kind: "now" }
  | { kind: "at"; date: string; time: string }
  | { kind: "in"; amount: string; unit: "h" | "m" }
  | { kind: "tomorrow" };

const MAX_AHEAD_DAYS = 30;
const MAX_AHEAD_MS = MAX_AHEAD_DAYS * 24 * 3600 * 1000;
const field = "when";

/**
 * The instant the prompt goes out, read in the mentee's time zone.
 * "tomorrow" means tomorrow at 09:00, the start of their working day.
 */
export function resolveFeedbackTime(when: FeedbackWhen, zone: string, now: Date): Date {
  switch (when.kind) {
    case "now":
      return now;
    case "tomorrow":
      return localToInstant(addDays(localDate(now, zone), 1), "09:00", zone);
    case "in": {
      if (!/^\d{1,4}$/.test(when.amount) || Number(when.amount) < 1) {
        throw new DomainError("when_amount_invalid", { field });
      }
      const ms = Number(when.amount) * (when.unit === "h" ? 3600_000 : 60_000);
      if (ms > MAX_AHEAD_MS) throw new DomainError("when_too_far", { days: MAX_AHEAD_DAYS, field });
      return new Date(now.getTime() + ms);
    }
    case "at": {
      // Read as the person's wall clock, never through the machine's own zone.
      const date = parseCalendarDate(when.date);
      const time = parseTime(when.time);
      if (!date || !time) {
        throw new DomainError("when_invalid", { text: `${when.date} ${when.time}`, field });
      }
      const at = localToInstant(date, time, zone);
      if (at.getTime() <= now.getTime()) throw new DomainError("when_past", { field });
      if (at.getTime() - now.getTime() > MAX_AHEAD_MS)
        throw new DomainError("when_too_far", { days: MAX_AHEAD_DAYS, field });
      return at;
    }
  }
}
