import { type Cadence, nextOccurrence, periodMs } from "./cadence.js";
import type { PersonCalendar } from "./calendars.js";
import type { JobRequest } from "./jobs.js";
import { defaultCalendar, nextTimeIn, type WorkCalendar } from "./working-hours.js";

/** Rules both halves of the check-in sweep share: planning slots, and following them up. */

/**
 * The slot the schedule moves to after `after`, never within half a period of `previous` (the
 * slot just handled): after a move west, the new zone's same-day slot is still ahead.
 */
export function slotAfter(
  cadence: Cadence,
  zone: string,
  after: Date,
  previous: Date | null,
): Date {
  const next = nextOccurrence(cadence, zone, after);
  return previous && next.getTime() - previous.getTime() < periodMs(cadence) / 2
    ? nextOccurrence(cadence, zone, next)
    : next;
}

/**
 * A deferred check-in is folded into the next slot's when that one would reach the mentee
 * within half a period of it anyway (time off ending just before the next slot): two would
 * crowd. Not when the next one waits as long (hours that leave out the cadence's day: a
 * Wednesday slot for a mentee working Monday and Tuesday): folding then folds every slot into
 * the next, and none is ever sent. `next` is the slot after this one.
 */
export function foldedIntoNext(
  deliverAt: Date,
  next: Date,
  calendar: WorkCalendar,
  cadence: Cadence,
): boolean {
  const nextDelivery = nextTimeIn(calendar, next) ?? next;
  return nextDelivery.getTime() - deliverAt.getTime() < periodMs(cadence) / 2;
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
