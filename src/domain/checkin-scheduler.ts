import type { Clock } from "../clock.js";
import { type Cadence, DEFAULT_CADENCE, nextOccurrence, periodMs } from "./cadence.js";
import type { CalendarSource, PersonCalendar } from "./calendars.js";
import { type Checkin, type CheckinStore, MISSED_STREAK } from "./checkin.js";
import type { JobEnqueuer } from "./jobs.js";
import type { ProgramTally } from "./program-tally.js";
import type { Relationship, ScheduleStore } from "./relationship.js";
import type { Sweeper } from "./sweeper.js";
import { defaultCalendar, isWorkingTime, nextTimeIn } from "./working-hours.js";

export interface SweepResult {
  scheduled: number;
  created: number;
  skipped: number;
  caughtUp: number;
  resent: number;
  reminders: number;
  missed: number;
  /** Held back until the mentee is working and not away (working hours, holidays, time off). */
  deferred: number;
}

const BATCH = 500;
const PARALLEL = 8;
const DAY_MS = 24 * 3600 * 1000;

const fallbackCalendar = (userId: string): PersonCalendar => ({
  ...defaultCalendar("UTC"),
  userId,
  ownHours: null,
  away: null,
});

/** Delivered more than half a period after its slot, a check-in would crowd the next one. */
function tooLateForSlot(slot: Date, deliverAt: Date, cadence: Cadence): boolean {
  return deliverAt.getTime() - slot.getTime() > periodMs(cadence) / 2;
}

/**
 * The heart of check-ins. MongoDB holds every pair's next check-in time; a
 * sweep turns what is due into jobs. Running it twice, on two replicas at
 * once, or after Redis lost everything, sends nothing twice and loses nothing:
 * the check-in of a slot is unique, the schedule advances by compare-and-set,
 * and job ids are deterministic.
 */
export class CheckinScheduler implements Sweeper<SweepResult> {
  constructor(
    private readonly deps: {
      relationships: Pick<ScheduleStore, "findById" | "listDueForCheckin" | "advanceCheckin">;
      checkins: Pick<CheckinStore, "createForSlot" | "transition" | "recent" | "listByStatusDue">;
      calendars: CalendarSource;
      jobs: JobEnqueuer;
      clock: Clock;
      tally: ProgramTally;
    },
  ) {}

  async sweep(): Promise<SweepResult> {
    const now = this.deps.clock.now();
    const result: SweepResult = {
      scheduled: 0,
      created: 0,
      skipped: 0,
      caughtUp: 0,
      resent: 0,
      reminders: 0,
      missed: 0,
      deferred: 0,
    };
    // Pairs are independent: a few at a time keeps the sweep latency-bound, not serial.
    const due = await this.deps.relationships.listDueForCheckin(now, BATCH);
    const calendars = await this.deps.calendars.ofMany(due.map((r) => r.menteeId));
    for (let i = 0; i < due.length; i += PARALLEL) {
      await Promise.all(
        due
          .slice(i, i + PARALLEL)
          .map((r) => this.handleDue(r, this.calendarOf(calendars, r.menteeId), now, result)),
      );
    }
    // Due to go out: a deferred one whose time came, or one never sent (a crash, or Redis
    // lost the job). Enqueue it (the id dedupes) if the mentee can be reached now.
    const toSend = await this.deps.checkins.listByStatusDue("scheduled", "scheduledFor", now);
    const reminders = await this.deps.checkins.listByStatusDue("sent", "remindAt", now);
    const misses = await this.deps.checkins.listByStatusDue("sent", "missAt", now);
    const people = await this.deps.calendars.ofMany(
      [...toSend, ...reminders, ...misses].map((c) => c.menteeId),
    );
    for (const checkin of toSend) {
      const calendar = this.calendarOf(people, checkin.menteeId);
      // One asked for with `checkin now` goes at once: someone asked for it now.
      if (checkin.slot.startsWith("now:") || isWorkingTime(calendar, now)) {
        await this.deps.jobs.enqueue("checkins.send", { checkinId: checkin.id });
        result.resent++;
      } else {
        await this.deferAgain(checkin, calendar, now, result);
      }
    }
    for (const checkin of reminders) {
      const calendar = this.calendarOf(people, checkin.menteeId);
      if (!isWorkingTime(calendar, now)) {
        // Reminders wait for working hours, and for the mentee to be back.
        const remindAt = nextTimeIn(calendar, now);
        if (remindAt)
          await this.deps.checkins.transition(checkin.id, ["sent"], "sent", { remindAt });
        continue;
      }
      await this.deps.jobs.enqueue("checkins.remind", {
        checkinId: checkin.id,
        remindAt: checkin.remindAt?.toISOString() ?? "",
      });
      result.reminders++;
    }
    for (const checkin of misses) {
      const calendar = this.calendarOf(people, checkin.menteeId);
      if (calendar.away) {
        // Away is not missing: the mentee has a working day after they are back to answer.
        const back = nextTimeIn(calendar, now) ?? now;
        const missAt = new Date(back.getTime() + DAY_MS);
        await this.deps.checkins.transition(checkin.id, ["sent"], "sent", { missAt });
        await this.tellAway(checkin.relationshipId, calendar);
        continue;
      }
      if (await this.deps.checkins.transition(checkin.id, ["sent"], "missed")) {
        result.missed++;
        await this.deps.tally.record({
          kind: "checkin_missed",
          sourceId: checkin.id,
          relationshipId: checkin.relationshipId,
          // Misses are ordered by their slot, as in the rebuild from history.
          at: checkin.scheduledFor,
        });
        await this.checkMissedStreak(checkin);
      }
    }
    return result;
  }

  private calendarOf(calendars: Map<string, PersonCalendar>, userId: string): PersonCalendar {
    // ofMany answers for every id it is given; this only satisfies the type.
    return calendars.get(userId) ?? fallbackCalendar(userId);
  }

  /** A due check-in whose mentee is off now: later, or folded into the next slot if too late. */
  private async deferAgain(
    checkin: Checkin,
    calendar: PersonCalendar,
    now: Date,
    result: SweepResult,
  ): Promise<void> {
    const relationship = await this.deps.relationships.findById(checkin.relationshipId);
    const cadence = relationship?.cadence ?? DEFAULT_CADENCE;
    const deliverAt = nextTimeIn(calendar, now);
    if (!deliverAt || tooLateForSlot(new Date(checkin.slot), deliverAt, cadence)) {
      await this.deps.checkins.transition(checkin.id, ["scheduled"], "skipped");
    } else {
      await this.deps.checkins.transition(checkin.id, ["scheduled"], "scheduled", {
        scheduledFor: deliverAt,
      });
    }
    result.deferred++;
    await this.tellAway(checkin.relationshipId, calendar);
  }

  /** The other person hears once that check-ins wait (the job's delivery key makes it once). */
  private async tellAway(relationshipId: string, calendar: PersonCalendar): Promise<void> {
    if (!calendar.away) return;
    await this.deps.jobs.enqueue("availability.away-notice", {
      relationshipId,
      userId: calendar.userId,
      until: calendar.away.until ?? "",
    });
  }

  private async handleDue(
    relationship: Relationship,
    calendar: PersonCalendar,
    now: Date,
    result: SweepResult,
  ): Promise<void> {
    const { zone } = calendar;
    const cadence = relationship.cadence ?? DEFAULT_CADENCE;
    const slot = relationship.nextCheckinAt;
    // Never sends more than one check-in for one sweep, however late it is; and never two
    // in one period: after a move west, the new zone's same-day slot is still ahead.
    let next = nextOccurrence(cadence, zone, now);
    if (slot && next.getTime() - slot.getTime() < periodMs(cadence) / 2) {
      next = nextOccurrence(cadence, zone, next);
    }
    if (!slot) {
      if (await this.deps.relationships.advanceCheckin(relationship.id, null, next))
        result.scheduled++;
      return;
    }
    if (relationship.skipNextCheckin) {
      if (
        await this.deps.relationships.advanceCheckin(relationship.id, slot, next, {
          skipNextCheckin: false,
        })
      ) {
        result.skipped++;
      }
      return;
    }
    if (now.getTime() - slot.getTime() > periodMs(cadence)) {
      // Down for more than a whole period: that slot is history; start afresh at the next.
      if (await this.deps.relationships.advanceCheckin(relationship.id, slot, next))
        result.caughtUp++;
      return;
    }
    // Delivered inside the mentee's working hours, on a day they work and are not away.
    const deliverAt = isWorkingTime(calendar, now) ? now : nextTimeIn(calendar, now);
    const { checkin, created } = await this.deps.checkins.createForSlot({
      relationshipId: relationship.id,
      mentorId: relationship.mentorId,
      menteeId: relationship.menteeId,
      slot: slot.toISOString(),
      // The slot itself when it can go now (late or not), else when the mentee can be reached.
      scheduledFor: deliverAt && deliverAt > now ? deliverAt : slot,
      now,
    });
    if (created) result.created++;
    if (checkin.status === "scheduled" && checkin.scheduledFor.getTime() <= now.getTime()) {
      await this.deps.jobs.enqueue("checkins.send", { checkinId: checkin.id });
    } else if (checkin.status === "scheduled") {
      // Deferred; so long a wait that the next slot comes first means this one is folded into it.
      if (!deliverAt || tooLateForSlot(slot, deliverAt, cadence)) {
        await this.deps.checkins.transition(checkin.id, ["scheduled"], "skipped");
      }
      if (created) result.deferred++;
      await this.tellAway(relationship.id, calendar);
    }
    await this.deps.relationships.advanceCheckin(relationship.id, slot, next);
  }

  private async checkMissedStreak(checkin: Pick<Checkin, "relationshipId">): Promise<void> {
    // Told once, when the run of misses reaches the streak: a fourth miss in a row says nothing new.
    const recent = await this.deps.checkins.recent(checkin.relationshipId, MISSED_STREAK + 1);
    const run = recent.slice(0, MISSED_STREAK);
    const streak =
      run.length === MISSED_STREAK &&
      run.every((c) => c.status === "missed") &&
      recent[MISSED_STREAK]?.status !== "missed";
    // Keyed on the newest of the run, whichever of them was marked last (a snoozed
    // one can be missed after a later one): the job id makes it once.
    const newest = run[0];
    if (streak && newest) {
      await this.deps.jobs.enqueue("checkins.missed-streak", { checkinId: newest.id });
    }
  }
}
