import { type Cadence, periodMs } from "./cadence.js";
import type { PersonCalendar } from "./calendars.js";
import type { JobRequest } from "./jobs.js";
import { defaultCalendar } from "./working-hours.js";

/** Rules both halves of the check-in sweep share: planning slots, and following them up. */

/** Delivered more than half a period after its slot, a check-in would crowd the next one. */
export function tooLateForSlot(slot: Date, deliverAt: Date, cadence: Cadence): boolean {
  return deliverAt.getTime() - slot.getTime() > periodMs(cadence) / 2;
}

/** A person's calendar from a batch `ofMany` read. */
export function calendarIn(calendars: Map<string, PersonCalendar>, userId: string): PersonCalendar {
  // ofMany answers for every id it is given; the fallback only satisfies the type.
  return calendars.get(userId) ?? { ...defaultCalendar("UTC"), userId, ownHours: null, away: null };
}

/** The other person hears once per absence that check-ins wait (see AvailabilityService.announceAway). */
export function tellAway(
  relationshipId: string,
  calendar: PersonCalendar,
  jobs: JobRequest[],
): void {
  if (!calendar.away) return;
  jobs.push({
    name: "availability.away-notice",
    payload: { relationshipId, userId: calendar.userId, until: calendar.away.until ?? "" },
  });
}
