import type { Clock } from "../clock.js";
import type { Auditor } from "./audit-trail.js";
import {
  type Cadence,
  DEFAULT_CADENCE,
  type Frequency,
  nextOccurrence,
  periodMs,
  type Weekday,
} from "./cadence.js";
import type { CalendarSource } from "./calendars.js";
import type { Checkin, CheckinStore, CheckinWithholder } from "./checkin.js";
import type { JobEnqueuer } from "./jobs.js";
import { followingSlot, type NextCheckin, nextCheckin } from "./next-checkin.js";
import type { Relationship, ScheduleStore } from "./relationship.js";
import type { RelationshipAccess, Target } from "./relationship-access.js";
import type { TimeZones } from "./time-zones.js";
import { localDate, localTime, localToInstant } from "./zoned-time.js";

export interface Schedule {
  relationship: Relationship;
  cadence: Cadence;
  /** The mentee's zone: check-ins follow their clock. */
  zone: string;
  nextCheckinAt: Date | null;
  /**
   * When the next check-in reaches the mentee, if their working hours or time off hold it back
   * past `nextCheckinAt` (a check-in the sweep already holds back has its own time as `nextCheckinAt`).
   */
  arrivesAt: Date | null;
}

export interface CheckinScheduleDeps {
  access: RelationshipAccess;
  relationships: Pick<ScheduleStore, "findById" | "updateSchedule">;
  checkins: Pick<CheckinStore, "createForSlot" | "recent" | "parkSentOf" | "transition">;
  /** Keeps a held check-in from ever being sent (for `skip`). */
  withholder: CheckinWithholder;
  zones: TimeZones;
  calendars: Pick<CalendarSource, "of">;
  jobs: JobEnqueuer;
  audit: Auditor;
  clock: Clock;
}

/** A pair's check-in rhythm: show it, set it, pause, resume, skip one, or check in now. */
export class CheckinScheduleService {
  constructor(private readonly deps: CheckinScheduleDeps) {}

  /** Someone's time zone: replies show times in the reader's own. */
  zoneOf(userId: string): Promise<string> {
    return this.deps.zones.of(userId);
  }

  async schedule(actorId: string, target: Target): Promise<Schedule> {
    return this.describe(await this.resolve(actorId, target));
  }

  async setCadence(
    actorId: string,
    target: Target,
    change: { frequency: Frequency; weekday?: Weekday; time?: string },
  ): Promise<Schedule> {
    const relationship = await this.resolve(actorId, target);
    const current = relationship.cadence ?? DEFAULT_CADENCE;
    const zone = await this.deps.zones.of(relationship.menteeId);
    const now = this.deps.clock.now();
    const draft: Cadence = {
      frequency: change.frequency,
      weekday: change.weekday ?? current.weekday,
      time: change.time ?? current.time,
      // Only the time changed: every other week stays the weeks it was.
      anchorDate:
        change.frequency === current.frequency &&
        (change.weekday ?? current.weekday) === current.weekday
          ? (current.anchorDate ?? null)
          : null,
    };
    const next = nextOccurrence(draft, zone, await this.earliestNext(relationship.id, draft, now));
    // Biweekly counts from its first check-in: a new rhythm starts at the next one, and a new
    // time alone keeps the weeks it had.
    const cadence: Cadence = {
      ...draft,
      anchorDate:
        draft.frequency === "biweekly"
          ? (draft.anchorDate ?? next.toLocaleDateString("en-CA", { timeZone: zone }))
          : null,
    };
    const updated = await this.deps.relationships.updateSchedule(
      relationship.id,
      { cadence, nextCheckinAt: relationship.checkinsPaused ? null : next, skipNextCheckin: false },
      now,
    );
    await this.deps.audit.record(actorId, "checkin.cadence_set", relationship.id, { ...cadence });
    return this.describe(updated ?? relationship);
  }

  /**
   * Where a new cadence's first check-in may fall: not within half a period of the last one
   * (a check-in at 09:00 and a move to 10:00 the same morning would otherwise send a second
   * that day). One read of the pair's latest check-in.
   */
  private async earliestNext(relationshipId: string, cadence: Cadence, now: Date): Promise<Date> {
    const [last] = await this.deps.checkins.recent(relationshipId, 1);
    const earliest = last ? last.scheduledFor.getTime() + periodMs(cadence) / 2 : 0;
    return new Date(Math.max(now.getTime(), earliest));
  }

  async pause(actorId: string, target: Target): Promise<Schedule> {
    const relationship = await this.resolve(actorId, target);
    const updated = await this.deps.relationships.updateSchedule(
      relationship.id,
      { checkinsPaused: true, nextCheckinAt: null },
      this.deps.clock.now(),
    );
    // The check-in already sent is not reminded nor missed either: a pause after two misses
    // would otherwise end in the three-in-a-row alarm to both people and the admins.
    await this.deps.checkins.parkSentOf(relationship.id);
    await this.deps.audit.record(actorId, "checkin.paused", relationship.id, {});
    return this.describe(updated ?? relationship);
  }

  /**
   * Starts paused check-ins again. Check-ins that aren't paused are left as they are
   * (`wasPaused` false): planning the next one afresh would undo a `skip`.
   */
  async resume(
    actorId: string,
    target: Target,
  ): Promise<{ wasPaused: boolean; schedule: Schedule }> {
    const relationship = await this.resolve(actorId, target);
    if (!relationship.checkinsPaused) {
      return { wasPaused: false, schedule: await this.describe(relationship) };
    }
    const zone = await this.deps.zones.of(relationship.menteeId);
    const now = this.deps.clock.now();
    const cadence = relationship.cadence ?? DEFAULT_CADENCE;
    // Not within half a period of the last check-in, as for a new cadence.
    const next = nextOccurrence(
      cadence,
      zone,
      await this.earliestNext(relationship.id, cadence, now),
    );
    const updated = await this.deps.relationships.updateSchedule(
      relationship.id,
      { checkinsPaused: false, nextCheckinAt: next },
      now,
    );
    await this.deps.audit.record(actorId, "checkin.resumed", relationship.id, {});
    return { wasPaused: true, schedule: await this.describe(updated ?? relationship) };
  }

  /**
   * Skips the check-in that will really come next, only; returns the schedule with the one after
   * it. One the sweep holds back for the mentee is withheld (the delivery ledger decides against
   * a send of the same moment) and closed; one already on its way is not, and the slot after it
   * is skipped instead.
   */
  async skipNext(
    actorId: string,
    target: Target,
  ): Promise<{ skipped: Date | null; schedule: Schedule }> {
    const relationship = await this.resolve(actorId, target);
    const { schedule: before, next, fromSlot } = await this.upcoming(relationship);
    if (!next || !fromSlot) return { skipped: null, schedule: before };
    const now = this.deps.clock.now();
    let updated: Relationship | null = null;
    let skipped: Date;
    if (next.held && (await this.deps.withholder.withhold(next.held))) {
      await this.deps.checkins.transition(next.held.id, ["scheduled"], "skipped");
      skipped = next.arrivesAt;
    } else {
      // The slot's check-in; or, the held one already going out, the one that comes after it.
      const { slot } = next.held ? fromSlot : next;
      updated = await this.deps.relationships.updateSchedule(
        relationship.id,
        { nextCheckinAt: followingSlot(slot, before.zone, before.cadence), skipNextCheckin: false },
        now,
      );
      skipped = slot;
    }
    await this.deps.audit.record(actorId, "checkin.skipped", relationship.id, {
      skipped,
      ...(next.held ? { checkinId: next.held.id } : {}),
    });
    return { skipped, schedule: await this.describe(updated ?? relationship) };
  }

  /**
   * The mentee's time zone changed: the next check-in moves to the cadence's time on the
   * same local date in the new zone (or to now, if that has passed there), and the rest
   * follow from there. Run twice (a retried job), it moves nothing the second time.
   */
  async followZone(userId: string, from: string, to: string): Promise<number> {
    const now = this.deps.clock.now();
    let moved = 0;
    for (const relationship of await this.deps.access.mine(userId)) {
      const planned = relationship.nextCheckinAt;
      if (relationship.menteeId !== userId || relationship.checkinsPaused) continue;
      // Unplanned, or due now: the sweep plans it in the zone it reads.
      if (!planned || planned.getTime() <= now.getTime()) continue;
      const cadence = relationship.cadence ?? DEFAULT_CADENCE;
      if (localTime(planned, to) === cadence.time) continue;
      const sameDay = localToInstant(localDate(planned, from), cadence.time, to);
      // Moved east past the time on the day itself, before the old slot came: this week's
      // check-in is due now, not skipped for next week's.
      const next = new Date(Math.max(sameDay.getTime(), now.getTime()));
      await this.deps.relationships.updateSchedule(relationship.id, { nextCheckinAt: next }, now);
      await this.deps.audit.record(userId, "checkin.zone_followed", relationship.id, {
        from,
        to,
        next,
      });
      moved++;
    }
    return moved;
  }

  /** A check-in right away. Repeating the command within the same minute sends one. */
  async sendNow(actorId: string, target: Target): Promise<Checkin> {
    const relationship = await this.resolve(actorId, target);
    const now = this.deps.clock.now();
    const { checkin } = await this.deps.checkins.createForSlot({
      relationshipId: relationship.id,
      mentorId: relationship.mentorId,
      menteeId: relationship.menteeId,
      slot: `now:${now.toISOString().slice(0, 16)}`,
      scheduledFor: now,
      now,
    });
    await this.deps.jobs.enqueue("checkins.send", { checkinId: checkin.id });
    await this.deps.audit.record(actorId, "checkin.requested_now", relationship.id, {
      checkinId: checkin.id,
    });
    return checkin;
  }

  private resolve(actorId: string, target: Target): Promise<Relationship> {
    return this.deps.access.target(actorId, target);
  }

  private async describe(relationship: Relationship): Promise<Schedule> {
    return (await this.upcoming(relationship)).schedule;
  }

  /**
   * The schedule, with the check-in that will really come next (null when paused): one the sweep
   * holds back for the mentee is found among the pair's latest, in one read by the pair.
   */
  private async upcoming(
    relationship: Relationship,
  ): Promise<{ schedule: Schedule; next: NextCheckin | null; fromSlot: NextCheckin | null }> {
    const cadence = relationship.cadence ?? DEFAULT_CADENCE;
    const zone = await this.deps.zones.of(relationship.menteeId);
    if (relationship.checkinsPaused) {
      return {
        schedule: { relationship, cadence, zone, nextCheckinAt: null, arrivesAt: null },
        next: null,
        fromSlot: null,
      };
    }
    // Not planned yet (the sweep plans new pairs within a minute): show the slot it will pick.
    const slot = relationship.nextCheckinAt ?? nextOccurrence(cadence, zone, this.deps.clock.now());
    const [calendar, latest] = await Promise.all([
      this.deps.calendars.of(relationship.menteeId),
      this.deps.checkins.recent(relationship.id, HELD_AMONG_LATEST),
    ]);
    const next = nextCheckin(latest, slot, calendar, cadence);
    // What comes next once a held one is out of the way: the planned slot's.
    const fromSlot = next.held ? nextCheckin([], slot, calendar, cadence) : next;
    // A slot outside the mentee's hours or time off waits for them (a Wednesday slot, Monday for
    // someone working Monday and Tuesday): the reply says when it will really arrive.
    const nextCheckinAt = next.held ? next.arrivesAt : next.slot;
    const arrivesAt = next.arrivesAt.getTime() > nextCheckinAt.getTime() ? next.arrivesAt : null;
    return { schedule: { relationship, cadence, zone, nextCheckinAt, arrivesAt }, next, fromSlot };
  }
}

/**
 * The pair's latest check-ins read for a held one (newest first by time): a held one's time is
 * after every other's, so it is the first, or close to it.
 */
const HELD_AMONG_LATEST = 3;
