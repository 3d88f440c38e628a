import type { Clock } from "../clock.js";
import {
  type Availability,
  type AvailabilityStore,
  type Holidays,
  statusSaysAway,
} from "./availability.js";
import type { Person, UserDirectory } from "./people.js";
import type { CalendarDate } from "./roadmap.js";
import { DEFAULT_WORKING_HOURS, type WorkCalendar } from "./working-hours.js";
import { localDate } from "./zoned-time.js";

/** Why someone is away right now. */
export type Away =
  | { source: "command"; until: CalendarDate; note: string }
  /** A Slack status that says so; `until` is when Slack clears it, if it will. */
  | { source: "slack_status"; until: CalendarDate | null; note: string };

/** One person's calendar, resolved now: zone, working hours, holidays and time off. */
export interface PersonCalendar extends WorkCalendar {
  userId: string;
  /** Their own hours, or null for the default. */
  ownHours: Availability["hours"];
  away: Away | null;
  /**
   * They left the workspace (a deactivated account), as the profile the calendar was read from
   * says: the check-in sweep skips their slots, as it would an away mentee's.
   */
  left?: boolean;
}

/** What schedulers read: many calendars in one round trip per store. */
export interface CalendarSource {
  of(userId: string): Promise<PersonCalendar>;
  ofMany(userIds: readonly string[]): Promise<Map<string, PersonCalendar>>;
}

/**
 * For one person asking (`/mentor hours`), a status is read again after this long: people set
 * "vacationing" the evening before. Sweeps trust a profile for a day (the directory's own
 * limit), refreshed in bulk: `user_change` events bring a new status at once in between.
 */
export const STATUS_MAX_AGE_MS = 10 * 60_000;

export interface CalendarsDeps {
  directory: UserDirectory;
  availability: AvailabilityStore;
  holidays: Holidays;
  defaultZone: string;
  clock: Clock;
}

/** Resolves people's calendars from Slack profiles (zone, status), their own settings and holidays. */
export class Calendars implements CalendarSource {
  constructor(private readonly deps: CalendarsDeps) {}

  async of(userId: string): Promise<PersonCalendar> {
    const [person, availability] = await Promise.all([
      this.deps.directory.lookup(userId, { maxAgeMs: STATUS_MAX_AGE_MS }).catch(() => null),
      this.deps.availability.find(userId),
    ]);
    return this.resolve(userId, person, availability);
  }

  async ofMany(userIds: readonly string[]): Promise<Map<string, PersonCalendar>> {
    const unique = [...new Set(userIds)];
    if (unique.length === 0) return new Map();
    const { directory } = this.deps;
    const [people, settings] = await Promise.all([
      directory.lookupMany
        ? directory.lookupMany(unique).catch(() => new Map<string, Person | null>())
        : Promise.all(
            unique.map(async (id) => [id, await directory.lookup(id).catch(() => null)] as const),
          ).then((entries) => new Map(entries)),
      this.deps.availability.findMany(unique),
    ]);
    const byUser = new Map(settings.map((a) => [a.userId, a]));
    return new Map(
      unique.map((id) => [id, this.resolve(id, people.get(id) ?? null, byUser.get(id) ?? null)]),
    );
  }

  private resolve(
    userId: string,
    person: Person | null,
    availability: Availability | null,
  ): PersonCalendar {
    const now = this.deps.clock.now();
    const zone = person?.timezone || this.deps.defaultZone;
    const today = localDate(now, zone);
    const away = awayNow(person, availability, now, zone, today);
    const { holidays } = this.deps;
    return {
      userId,
      zone,
      hours: availability?.hours ?? DEFAULT_WORKING_HOURS,
      ownHours: availability?.hours ?? null,
      away,
      left: person?.deleted === true,
      isDayOff: (date) => holidays.has(date) || isAwayOn(away, today, date),
    };
  }
}

function awayNow(
  person: Person | null,
  availability: Availability | null,
  now: Date,
  zone: string,
  today: CalendarDate,
): Away | null {
  const timeOff = availability?.away;
  if (timeOff && timeOff.until >= today) return { source: "command", ...timeOff };
  const status = person?.status;
  if (status && statusSaysAway(status, now)) {
    // The last day away: a status that ends at midnight leaves the next day free.
    const until = status.expiresAt
      ? localDate(new Date(status.expiresAt.getTime() - 1), zone)
      : null;
    return { source: "slack_status", until, note: status.text };
  }
  return null;
}

/** Off from today through `until`; a status with no end is checked again tomorrow. */
function isAwayOn(away: Away | null, today: CalendarDate, date: CalendarDate): boolean {
  if (!away || date < today) return false;
  return away.until === null ? date === today : date <= away.until;
}
