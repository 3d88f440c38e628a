import type { Clock } from "../clock.js";
import { DEFAULT_CADENCE, periodMs } from "./cadence.js";
import type { PersonCalendar } from "./calendars.js";
import type { CheckinStore } from "./checkin.js";
import { CheckinFollowUps, type FollowUpCounts, type FollowUpDeps } from "./checkin-follow-ups.js";
import { calendarIn, foldedIntoNext, slotAfter, tellAway } from "./checkin-sweep-rules.js";
import { bucketForNext, PARKED } from "./due-index.js";
import { type DuePage, DueWalk } from "./due-walk.js";
import type { JobEnqueuer, JobRequest } from "./jobs.js";
import type { DueRelationship, ScheduleAdvance, ScheduleStore } from "./relationship.js";
import type { Sweeper } from "./sweeper.js";
import { isWorkingTime, nextTimeIn } from "./working-hours.js";

export interface SweepResult extends FollowUpCounts {
  scheduled: number;
  created: number;
  skipped: number;
  caughtUp: number;
}

/**
 * Due pairs read a page: memory stays bounded by a page. A page also pays once for what does not
 * grow with it: the profiles' read (on FerretDB 1.x an `$in` scans the whole people collection),
 * the `users.list` walk that refreshes them when the periodic walk (slack/profile-refresh.ts) has
 * not, and the listing's read and write. Pages of 1,000
 * instead of 500 took the sweep from 4.2–5.4 to 3.1–3.3 ms a pair in the bench (2,000 pairs),
 * with the P4 worker's peak RSS at 175 MB (2,000 pairs a sweep).
 */
export const CHECKIN_SWEEP_PAGE_SIZE = 1000;

/**
 * How much one sweep takes. It goes on while its pages of due pairs come back full, up to
 * `pagesPerSweep` (CHECKIN_SWEEP_PAGES, 2): 2,000 pairs due at one hour get their check-ins in
 * one sweep, more than Slack lets out in a minute, so Slack paces them rather than the sweep
 * (500 a sweep interval made the last of 5,000 ten minutes late). More pages a sweep gain
 * nothing Slack would send sooner, and each page's profile refresh walks `users.list`: at 5,000
 * pairs a sweep the worker's peak RSS rose from 151 to 166–213 MB at P4. The follow-ups take one
 * page a sweep: what they hand to a job stays in its bucket until the job has run, so a second
 * page at once would mostly read the first again.
 */
export interface SweepPaging {
  pageSize: number;
  pagesPerSweep: number;
}

const DEFAULT_PAGING: SweepPaging = { pageSize: CHECKIN_SWEEP_PAGE_SIZE, pagesPerSweep: 2 };

/**
 * The heart of check-ins. MongoDB holds every pair's next check-in time; a
 * sweep turns what is due into jobs. Running it twice, on two replicas at
 * once, or after Redis lost everything, sends nothing twice and loses nothing:
 * the check-in of a slot is unique, the schedule advances by compare-and-set,
 * and job ids are deterministic. First the due pairs get their slot's check-in; then
 * `CheckinFollowUps` sees to the check-ins whose next step is due.
 */
export class CheckinScheduler implements Sweeper<SweepResult> {
  constructor(
    // What the follow-ups need, and what planning and creating the check-ins adds.
    private readonly deps: FollowUpDeps & {
      relationships: Pick<ScheduleStore, "listInBucket" | "bucketsHeld" | "advanceMany">;
      checkins: Pick<CheckinStore, "createForSlots">;
      jobs: JobEnqueuer;
      clock: Clock;
    },
    paging: Partial<SweepPaging> = {},
  ) {
    this.paging = { ...DEFAULT_PAGING, ...paging };
    this.followUps = new CheckinFollowUps(deps);
    this.walk = new DueWalk({
      marks: deps.marks,
      name: "checkins",
      read: (bucket, limit, dueBy) => deps.relationships.listInBucket(bucket, limit, dueBy),
      held: (from, to) => deps.relationships.bucketsHeld(from, to),
    });
  }

  private readonly paging: SweepPaging;
  private readonly walk: DueWalk<DueRelationship>;
  private readonly followUps: CheckinFollowUps;

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
      reannounced: 0,
    };
    const jobs: JobRequest[] = [];
    // The check-ins this sweep enqueued: at most a sweep's pages of ids.
    const enqueued = new Set<string>();
    for (let page = 0; page < this.paging.pagesPerSweep; page++) {
      if (!(await this.sweepPairs(now, result, jobs, enqueued))) break;
    }
    const missesChecked = await this.followUps.sweep(now, result, jobs, enqueued);
    await this.flush(jobs);
    await this.followUps.streaksChecked(missesChecked, now);
    return result;
  }

  /**
   * A page of due pairs in a handful of commands, whatever its size: one query, the calendars
   * at once, one insert for the check-ins, the schedules' advance in four commands at once, the
   * jobs in one call per queue. Adds the check-ins it enqueued to `enqueued`. True when there may
   * be more: the page was full, and not only of pairs that stay where they are (the next page
   * reads those again).
   */
  private async sweepPairs(
    now: Date,
    result: SweepResult,
    jobs: JobRequest[],
    enqueued: Set<string>,
  ): Promise<boolean> {
    const page = await this.walk.page(now, this.paging.pageSize);
    const { due, moves, stayedIn } = sortOut(page, now);
    // Parked, or moved up to their own hour: pairs a writer left for the sweep to place.
    if (moves.length > 0) await this.deps.relationships.advanceMany(moves);
    const calendars = await this.deps.calendars.ofMany(due.map((r) => r.menteeId));
    const plans = due.map((r) => planFor(r, calendarIn(calendars, r.menteeId), now, page.mark));
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
    const folded: string[] = [];
    slots.forEach((plan, i) => {
      const { checkin, created } = made[i] ?? {};
      if (!checkin) return;
      if (created) result.created++;
      if (checkin.status === "scheduled" && checkin.scheduledFor.getTime() <= now.getTime()) {
        jobs.push({ name: "checkins.send", payload: { checkinId: checkin.id } });
        enqueued.add(checkin.id);
      } else if (checkin.status === "scheduled") {
        // Deferred; so long a wait that the next slot's would come close behind folds it in.
        const cadence = plan.relationship.cadence ?? DEFAULT_CADENCE;
        if (!plan.deliverAt || foldedIntoNext(plan.deliverAt, plan.next, plan.calendar, cadence)) {
          folded.push(checkin.id);
        }
        if (created) result.deferred++;
        tellAway(plan.relationship.id, plan.calendar, jobs);
      }
    });
    for (const id of folded) await this.deps.checkins.transition(id, ["scheduled"], "skipped");
    // The schedules move on before the jobs go: the advance writes again what a person changed
    // meanwhile (ended, paused), which on FerretDB the advance itself may have undone, so no
    // send job reads the pair in between. A crash before the jobs go leaves the check-ins
    // scheduled and due: the follow-up pass sends them.
    await this.deps.relationships.advanceMany(
      slots.map((plan, i) => ({
        id: plan.relationship.id,
        from: plan.relationship.dueBucket,
        lastChange: plan.relationship.lastChange,
        expected: plan.slot,
        next: plan.next,
        dueBucket: bucketForNext(plan.next, page.mark),
        checkinSequence: Math.max(
          plan.relationship.checkinSequence ?? 0,
          made[i]?.checkin.sequence ?? 0,
        ),
      })),
    );
    await this.flush(jobs);
    await this.walk.settle(page, stayedIn);
    return page.items.length >= this.paging.pageSize && due.length + moves.length > 0;
  }

  /** Sends the jobs gathered so far, and empties the list. */
  private async flush(jobs: JobRequest[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.deps.jobs.enqueueMany(jobs.splice(0));
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
    const read = { id: r.id, from: r.dueBucket, lastChange: r.lastChange };
    if (r.status !== "active" || r.checkinsPaused) {
      moves.push({ ...read, expected: at, next: at, dueBucket: PARKED });
    } else if (at && at.getTime() > now.getTime()) {
      const dueBucket = bucketForNext(at, page.mark);
      if (dueBucket === r.dueBucket) stayedIn.add(dueBucket);
      else moves.push({ ...read, expected: at, next: at, dueBucket });
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
  const { id, dueBucket: from, lastChange } = relationship;
  // Never sends more than one check-in for one sweep, however late it is; and never two
  // in one period: after a move west, the new zone's same-day slot is still ahead.
  const next = slotAfter(cadence, calendar.zone, now, slot);
  const dueBucket = bucket(next);
  const read = { id, from, lastChange };
  if (!slot) return { kind: "scheduled", advance: { ...read, expected: null, next, dueBucket } };
  if (relationship.skipNextCheckin) {
    return {
      kind: "skipped",
      advance: { ...read, expected: slot, next, dueBucket, clearSkip: true },
    };
  }
  if (calendar.left) {
    // The mentee left the workspace: nobody to ask, so nothing is sent, counted or missed.
    return { kind: "skipped", advance: { ...read, expected: slot, next, dueBucket } };
  }
  if (now.getTime() - slot.getTime() > periodMs(cadence)) {
    // Down for more than a whole period: that slot is history; start afresh at the next.
    return { kind: "caughtUp", advance: { ...read, expected: slot, next, dueBucket } };
  }
  // Delivered inside the mentee's working hours, on a day they work and are not away.
  const deliverAt = isWorkingTime(calendar, now) ? now : nextTimeIn(calendar, now);
  return { kind: "slot", relationship, calendar, slot, next, deliverAt };
}
