import type { Clock } from "../clock.js";
import type { Auditor } from "./audit-trail.js";
import {
  type AvailabilityNotifier,
  type AvailabilityStore,
  type AwayNotice,
  type DeferredWork,
  sameAbsence,
  type TimeOff,
} from "./availability.js";
import { DEFAULT_CADENCE } from "./cadence.js";
import { addYears, parseCalendarDate } from "./calendar-date.js";
import type { CalendarSource, PersonCalendar } from "./calendars.js";
import { DomainError } from "./errors.js";
import type { JobEnqueuer } from "./jobs.js";
import { otherPerson } from "./relationship.js";
import type { RelationshipFinder } from "./relationship-access.js";
import { parseWorkdays, parseWorkingHours } from "./working-hours.js";
import { localDate } from "./zoned-time.js";

export interface AvailabilityDeps {
  store: AvailabilityStore;
  calendars: CalendarSource;
  relationships: RelationshipFinder;
  notifier: AvailabilityNotifier;
  /** Check-ins deferred while away: due again on `back`. */
  deferred: DeferredWork;
  jobs: JobEnqueuer;
  audit: Auditor;
  clock: Clock;
}

/** The note kept with time off is short: it is read in a DM. */
const NOTE_LIMIT = 300;

/** A person's own time: working hours, and time off (`away` / `back`). */
export class AvailabilityService {
  constructor(private readonly deps: AvailabilityDeps) {}

  /** The person's calendar as the bot sees it: zone, hours, and whether they are away. */
  calendar(userId: string): Promise<PersonCalendar> {
    return this.deps.calendars.of(userId);
  }

  /** `hours 08:30-17:00 mon-thu`: checked whole before anything is written. */
  async setHours(actorId: string, range: string, daysText?: string): Promise<PersonCalendar> {
    const days = daysText === undefined ? undefined : parseWorkdays(daysText);
    if (days === null) throw new DomainError("hours_unknown_days", { text: daysText ?? "" });
    const hours = parseWorkingHours(range, days);
    if ("problem" in hours) throw new DomainError(hours.problem, { text: range });
    await this.deps.store.setHours(actorId, hours, this.deps.clock.now());
    await this.deps.audit.record(actorId, "availability.hours_set", actorId, { ...hours });
    await this.refitKickoffs(actorId);
    return this.deps.calendars.of(actorId);
  }

  /**
   * `away until YYYY-MM-DD [note]`: from today through that date, in the person's zone.
   * `partnersTold`: how many mentoring partners a notice was queued for (none without a pair).
   */
  async goAway(
    actorId: string,
    untilText: string,
    note: string,
  ): Promise<{ calendar: PersonCalendar; partnersTold: number }> {
    const before = await this.deps.calendars.of(actorId);
    const until = parseCalendarDate(untilText);
    if (!until) throw new DomainError("away_date_invalid", { text: untilText });
    const today = localDate(this.deps.clock.now(), before.zone);
    if (until < today) throw new DomainError("away_date_past", { date: until, today });
    if (until > addYears(today, 1)) throw new DomainError("away_date_too_far", { date: until });
    const timeOff: TimeOff = { until, note: note.trim().slice(0, NOTE_LIMIT) };
    await this.deps.store.setAway(actorId, timeOff, this.deps.clock.now());
    await this.deps.audit.record(actorId, "availability.away", actorId, { ...timeOff });
    // Each mentoring partner hears once per absence, kindly (announceAway keeps the record).
    const active = await this.deps.relationships.listForUser(actorId, ["active"]);
    for (const relationship of active) {
      await this.deps.jobs.enqueue("availability.away-notice", {
        relationshipId: relationship.id,
        userId: actorId,
        until,
      });
    }
    await this.refitKickoffs(actorId);
    return { calendar: await this.deps.calendars.of(actorId), partnersTold: active.length };
  }

  /** `back`: time off ends now; a Slack status that says away still counts until it changes. */
  async back(actorId: string): Promise<PersonCalendar> {
    const now = this.deps.clock.now();
    await this.deps.store.setAway(actorId, null, now);
    await this.deps.deferred.bringForward(actorId, now);
    await this.deps.audit.record(actorId, "availability.back", actorId, {});
    return this.deps.calendars.of(actorId);
  }

  /** A kickoff planned in the old hours is planned again now (job `kickoff.refit`). */
  private refitKickoffs(userId: string): Promise<void> {
    const changedAt = this.deps.clock.now().toISOString();
    return this.deps.jobs.enqueue("kickoff.refit", { userId, changedAt });
  }

  /** Job: the other person of the pair hears that `userId` is away. */
  async announceAway(relationshipId: string, userId: string, until: string): Promise<void> {
    const relationship = await this.deps.relationships.findById(relationshipId);
    if (relationship?.status !== "active") return;
    if (otherPerson(relationship, userId) === userId) return;
    const calendar = await this.deps.calendars.of(userId);
    if (!calendar.away) return; // Back already: nothing to say.
    // Each deferred slot asks again: told once per absence, however long it lasts.
    const now = this.deps.clock.now();
    const told = (await this.deps.store.find(userId))?.awayNotices[relationship.id];
    const cadence = relationship.cadence ?? DEFAULT_CADENCE;
    let notice: AwayNotice & { since: Date };
    if (told && sameAbsence(told, until, now, cadence)) {
      // Records from before `since` was kept were written only once told.
      if (told.toldAt || !told.since) {
        await this.deps.store.noteAwayNotice(userId, relationship.id, { ...told, seenAt: now });
        return;
      }
      // A retry: the same key, so the delivery ledger keeps it to one message.
      notice = { ...told, since: told.since };
    } else {
      // Written before telling: a retry after a crash finds this `since` and reuses its key.
      notice = { until, since: now, seenAt: now };
      await this.deps.store.noteAwayNotice(userId, relationship.id, notice);
    }
    const { note } = calendar.away;
    await this.deps.notifier.tellAway(relationship, userId, until || null, note, notice.since);
    await this.deps.store.noteAwayNotice(userId, relationship.id, {
      ...notice,
      seenAt: now,
      toldAt: now,
    });
  }
}
