import type { Clock } from "../clock.js";
import { type Cadence, DEFAULT_CADENCE, nextOccurrence, periodMs } from "./cadence.js";
import type { CalendarSource, PersonCalendar } from "./calendars.js";
import { type Checkin, type CheckinStore, MISSED_STREAK } from "./checkin.js";
import { bucketForNext, type DueMarks, PARKED } from "./due-index.js";
import { type DuePage, DueWalk } from "./due-walk.js";
import type { JobEnqueuer, JobRequest } from "./jobs.js";
import type { ProgramTally } from "./program-tally.js";
import type { DueRelationship, ScheduleAdvance, ScheduleStore } from "./relationship.js";
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
      relationships: Pick<ScheduleStore, "findById" | "listInBucket" | "advanceMany">;
      marks: DueMarks;
      checkins: Pick<CheckinStore, "createForSlots" | "transition" | "recent" | "listByStatusDue">;
      calendars: CalendarSource;
      jobs: JobEnqueuer;
      clock: Clock;
      tally: ProgramTally;
    },
  ) {
    this.walk = new DueWalk({
      marks: deps.marks,
      name: "checkins",
      read: (bucket, limit, dueBy) => deps.relationships.listInBucket(bucket, limit, dueBy),
    });
  }

  private readonly walk: DueWalk<DueRelationship>;

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
    const jobs: JobRequest[] = [];
    const enqueued = await this.sweepPairs(now, result, jobs);
    await this.flush(jobs);
    // Due to go out: a deferred one whose time came, or one never sent (a crash, or Redis
    // lost the job). Enqueue it (the id dedupes) if the mentee can be reached now. What the
    // pass above just enqueued is left out: it would only cost a second round trip.
    const toSend = (
      await this.deps.checkins.listByStatusDue("scheduled", "scheduledFor", now)
    ).filter((checkin) => !enqueued.has(checkin.id));
    const reminders = await this.deps.checkins.listByStatusDue("sent", "remindAt", now);
    const misses = await this.deps.checkins.listByStatusDue("sent", "missAt", now);
    const people = await this.deps.calendars.ofMany(
      [...toSend, ...reminders, ...misses].map((c) => c.menteeId),
    );
    for (const checkin of toSend) {
      const calendar = this.calendarOf(people, checkin.menteeId);
      // One asked for with `checkin now` goes at once: someone asked for it now.
      if (checkin.slot.startsWith("now:") || isWorkingTime(calendar, now)) {
        jobs.push({ name: "checkins.send", payload: { checkinId: checkin.id } });
        result.resent++;
      } else {
        await this.deferAgain(checkin, calendar, now, result, jobs);
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
      jobs.push({
        name: "checkins.remind",
        payload: { checkinId: checkin.id, remindAt: checkin.remindAt?.toISOString() ?? "" },
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
        tellAway(checkin.relationshipId, calendar, jobs);
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
        await this.checkMissedStreak(checkin, jobs);
      }
    }
    await this.flush(jobs);
    return result;
  }

  /**
   * A page of due pairs in a handful of commands, whatever its size: one query, the calendars
   * at once, one insert for the check-ins, the schedules advanced 25 to a command, the jobs in
   * one call per queue. Returns the ids of the check-ins it enqueued.
   */
  private async sweepPairs(
    now: Date,
    result: SweepResult,
    jobs: JobRequest[],
  ): Promise<Set<string>> {
    const page = await this.walk.page(now, BATCH);
    const { due, moves, stayedIn } = sortOut(page, now);
    // Parked, or moved up to their own hour: pairs a writer left for the sweep to place.
    if (moves.length > 0) await this.deps.relationships.advanceMany(moves);
    const calendars = await this.deps.calendars.ofMany(due.map((r) => r.menteeId));
    const plans = due.map((r) =>
      planFor(r, this.calendarOf(calendars, r.menteeId), now, page.mark),
    );
    // Without a check-in: planned for the first time, a skipped slot, or history after downtime.
    for (const kind of ["scheduled", "skipped", "caughtUp"] as const) {
      const advances = plans.flatMap((p) => (p.kind === kind ? [p.advance] : []));
      if (advances.length > 0) result[kind] += await this.deps.relationships.advanceMany(advances);
    }
    const slots = plans.flatMap((p) => (p.kind === "slot" ? [p] : []));
    const made = await this.deps.checkins.createForSlots(
      slots.map(({ relationship, slot, deliverAt }) => ({
        relationshipId: relationship.id,
        mentorId: relationship.mentorId,
        menteeId: relationship.menteeId,
        slot: slot.toISOString(),
        // The slot itself when it can go now (late or not), else when the mentee can be reached.
        scheduledFor: deliverAt && deliverAt > now ? deliverAt : slot,
        now,
        lastSequence: relationship.checkinSequence,
      })),
    );
    const enqueued = new Set<string>();
    const folded: string[] = [];
    slots.forEach((plan, i) => {
      const { checkin, created } = made[i] ?? {};
      if (!checkin) return;
      if (created) result.created++;
      if (checkin.status === "scheduled" && checkin.scheduledFor.getTime() <= now.getTime()) {
        jobs.push({ name: "checkins.send", payload: { checkinId: checkin.id } });
        enqueued.add(checkin.id);
      } else if (checkin.status === "scheduled") {
        // Deferred; so long a wait that the next slot comes first means this one is folded into it.
        const cadence = plan.relationship.cadence ?? DEFAULT_CADENCE;
        if (!plan.deliverAt || tooLateForSlot(plan.slot, plan.deliverAt, cadence)) {
          folded.push(checkin.id);
        }
        if (created) result.deferred++;
        tellAway(plan.relationship.id, plan.calendar, jobs);
      }
    });
    for (const id of folded) await this.deps.checkins.transition(id, ["scheduled"], "skipped");
    // The jobs go before the schedules move on: a crash in between leaves the slot due, and
    // the next sweep finds its check-in already there.
    await this.flush(jobs);
    await this.deps.relationships.advanceMany(
      slots.map((plan, i) => ({
        id: plan.relationship.id,
        expected: plan.slot,
        next: plan.next,
        dueBucket: bucketForNext(plan.next, page.mark),
        checkinSequence: Math.max(
          plan.relationship.checkinSequence ?? 0,
          made[i]?.checkin.sequence ?? 0,
        ),
      })),
    );
    await this.walk.settle(page, stayedIn);
    return enqueued;
  }

  /** Sends the jobs gathered so far, and empties the list. */
  private async flush(jobs: JobRequest[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.deps.jobs.enqueueMany(jobs.splice(0));
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
    jobs: JobRequest[],
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
    tellAway(checkin.relationshipId, calendar, jobs);
  }

  private async checkMissedStreak(
    checkin: Pick<Checkin, "relationshipId">,
    jobs: JobRequest[],
  ): Promise<void> {
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
      jobs.push({ name: "checkins.missed-streak", payload: { checkinId: newest.id } });
    }
  }
}

/** What the sweep does with one due pair. */
type Plan =
  | { kind: "scheduled" | "skipped" | "caughtUp"; advance: ScheduleAdvance }
  | {
      kind: "slot";
      relationship: DueRelationship;
      calendar: PersonCalendar;
      slot: Date;
      next: Date;
      /** When the mentee can be reached: now, later, or never within the horizon (null). */
      deliverAt: Date | null;
    };

/** A page's pairs: those to handle now, and those to park or move up to their own hour. */
function sortOut(page: DuePage<DueRelationship>, now: Date) {
  const due: DueRelationship[] = [];
  const moves: ScheduleAdvance[] = [];
  const stayedIn = new Set<number>();
  for (const r of page.items) {
    const at = r.nextCheckinAt;
    if (r.status !== "active" || r.checkinsPaused) {
      moves.push({ id: r.id, expected: at, next: at, dueBucket: PARKED });
    } else if (at && at.getTime() > now.getTime()) {
      const dueBucket = bucketForNext(at, page.mark);
      if (dueBucket === r.dueBucket) stayedIn.add(dueBucket);
      else moves.push({ id: r.id, expected: at, next: at, dueBucket });
    } else {
      due.push(r);
    }
  }
  return { due, moves, stayedIn };
}

function planFor(
  relationship: DueRelationship,
  calendar: PersonCalendar,
  now: Date,
  mark: number,
): Plan {
  const bucket = (time: Date) => bucketForNext(time, mark);
  const cadence = relationship.cadence ?? DEFAULT_CADENCE;
  const slot = relationship.nextCheckinAt;
  const { id } = relationship;
  // Never sends more than one check-in for one sweep, however late it is; and never two
  // in one period: after a move west, the new zone's same-day slot is still ahead.
  let next = nextOccurrence(cadence, calendar.zone, now);
  if (slot && next.getTime() - slot.getTime() < periodMs(cadence) / 2) {
    next = nextOccurrence(cadence, calendar.zone, next);
  }
  const dueBucket = bucket(next);
  if (!slot) return { kind: "scheduled", advance: { id, expected: null, next, dueBucket } };
  if (relationship.skipNextCheckin) {
    return {
      kind: "skipped",
      advance: { id, expected: slot, next, dueBucket, clearSkip: true },
    };
  }
  if (now.getTime() - slot.getTime() > periodMs(cadence)) {
    // Down for more than a whole period: that slot is history; start afresh at the next.
    return { kind: "caughtUp", advance: { id, expected: slot, next, dueBucket } };
  }
  // Delivered inside the mentee's working hours, on a day they work and are not away.
  const deliverAt = isWorkingTime(calendar, now) ? now : nextTimeIn(calendar, now);
  return { kind: "slot", relationship, calendar, slot, next, deliverAt };
}

/** The other person hears once that check-ins wait (the job's delivery key makes it once). */
function tellAway(relationshipId: string, calendar: PersonCalendar, jobs: JobRequest[]): void {
  if (!calendar.away) return;
  jobs.push({
    name: "availability.away-notice",
    payload: { relationshipId, userId: calendar.userId, until: calendar.away.until ?? "" },
  });
}
