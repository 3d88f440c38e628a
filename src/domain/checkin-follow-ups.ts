import { DEFAULT_CADENCE, nextOccurrence } from "./cadence.js";
import type { CalendarSource, PersonCalendar } from "./calendars.js";
import { type Checkin, type CheckinStore, MISSED_STREAK } from "./checkin.js";
import {
  ANNOUNCE_GIVE_UP_AFTER_MS,
  type DueCheckin,
  FOLLOW_UP_MARK,
  type FollowUpMove,
  followUpBucket,
  nextFollowUpAt,
} from "./checkin-follow-up-index.js";
import { calendarIn, foldedIntoNext, tellAway } from "./checkin-sweep-rules.js";
import { bucketOf, type DueMarks, PARKED } from "./due-index.js";
import { type DuePage, DueWalk } from "./due-walk.js";
import type { JobEnqueuer, JobRequest } from "./jobs.js";
import type { ProgramTally } from "./program-tally.js";
import type { ScheduleStore } from "./relationship.js";
import { afterWorkingTime, isWorkingTime, nextTimeIn, workingDayMs } from "./working-hours.js";

/** What following up the check-ins found, counted into the sweep's result. */
export interface FollowUpCounts {
  resent: number;
  reminders: number;
  missed: number;
  /** Held back until the mentee is working and not away (working hours, holidays, time off). */
  deferred: number;
  /** Answers whose announcement to the mentor was enqueued again (its first job did not record it). */
  reannounced: number;
}

const DAY_MS = 24 * 3600 * 1000;

/** Check-ins read a pass: memory stays bounded by a page, whatever the backlog. */
const PAGE = 500;

/**
 * Hours a check-in waiting on its job may hold the mark back. One whose job cannot finish (it
 * failed for good, or its pair is paused) is then moved up to the current hour, so every pass
 * reads a day of buckets at most, not up to two weeks.
 */
const HOLD_MARK_HOURS = 24;

/**
 * The second half of the check-in sweep: check-ins already made whose time has come. One that
 * was deferred or never sent goes out (or waits for the mentee's hours again), a reminder is
 * due, an unanswered one counts as missed, or an answer not yet announced to the mentor is
 * announced again. Jobs are gathered for the caller to send together.
 */
export interface FollowUpDeps {
  relationships: Pick<ScheduleStore, "findById">;
  checkins: Pick<
    CheckinStore,
    | "transition"
    | "restoreAnswer"
    | "recent"
    | "listFollowUps"
    | "followUpBucketsHeld"
    | "moveFollowUps"
    | "markStreakChecked"
  >;
  marks: DueMarks;
  calendars: CalendarSource;
  tally: ProgramTally;
  jobs: Pick<JobEnqueuer, "alreadyQueued">;
}

export class CheckinFollowUps {
  constructor(private readonly deps: FollowUpDeps) {
    this.walk = new DueWalk({
      marks: deps.marks,
      name: FOLLOW_UP_MARK,
      read: (bucket, limit, dueBy) => deps.checkins.listFollowUps(bucket, limit, dueBy),
      held: (from, to) => deps.checkins.followUpBucketsHeld(from, to),
    });
  }

  private readonly walk: DueWalk<DueCheckin>;

  /**
   * Check-ins due to go whose send job the queue still holds wait for it (into `waiting`):
   * enqueueing it again would add nothing (the job id is the same), and reading their mentees'
   * calendars would cost the pass three reads. That happens when passes run back to back (a
   * page's jobs are enqueued after its schedule advance) or behind a backlog. After Redis lost
   * its jobs none is held, and all go again.
   */
  private async notQueued(toSend: DueCheckin[], waiting: DueCheckin[]): Promise<DueCheckin[]> {
    if (toSend.length === 0) return toSend;
    const held = await this.deps.jobs.alreadyQueued(
      toSend.map((c) => ({ name: "checkins.send", payload: { checkinId: c.id } })),
    );
    waiting.push(...toSend.filter((_, i) => held[i]));
    return toSend.filter((_, i) => !held[i]);
  }

  /**
   * `justEnqueued`: check-ins the sweep sent to the queue a moment ago (no second round trip).
   * Answers the missed check-ins whose run of misses it checked and found no streak: once `jobs`
   * are in the queue, the caller marks them so (`streaksChecked`); a lost enqueue leaves them
   * to the next pass. One that completes a streak is marked by its alarm's job, once it ran.
   */
  async sweep(
    now: Date,
    result: FollowUpCounts,
    jobs: JobRequest[],
    justEnqueued: ReadonlySet<string>,
  ): Promise<string[]> {
    const page = await this.walk.page(now, PAGE);
    const sorted = sortOut(page, now, justEnqueued);
    const { reminders, misses, waiting, moves } = sorted;
    const checked: string[] = [];
    for (const checkin of await this.alarmNotQueued(sorted.unchecked, waiting)) {
      // A run of misses is marked checked by its job, after its DMs: until then it goes again.
      if (this.checkMissedStreak(jobs, await this.recentOf(checkin))) waiting.push(checkin);
      else checked.push(checkin.id);
    }
    for (const checkin of sorted.unannounced) {
      jobs.push({ name: "checkins.answered", payload: { checkinId: checkin.id } });
      waiting.push(checkin);
      result.reannounced++;
    }
    const toSend = await this.notQueued(sorted.toSend, waiting);
    const people = await this.deps.calendars.ofMany(
      [...toSend, ...reminders, ...misses].map((c) => c.menteeId),
    );
    for (const checkin of toSend) {
      const calendar = calendarIn(people, checkin.menteeId);
      if (calendar.left) {
        await this.closeForLeaver(checkin, ["scheduled"]);
        continue;
      }
      // One asked for with `checkin now` goes at once: someone asked for it now.
      if (checkin.slot.startsWith("now:") || isWorkingTime(calendar, now)) {
        jobs.push({ name: "checkins.send", payload: { checkinId: checkin.id } });
        waiting.push(checkin);
        result.resent++;
      } else {
        await this.deferAgain(checkin, calendar, now, result, jobs);
      }
    }
    for (const checkin of reminders) {
      const calendar = calendarIn(people, checkin.menteeId);
      if (calendar.left) {
        await this.closeForLeaver(checkin, ["sent"]);
        continue;
      }
      if (!isWorkingTime(calendar, now)) {
        // Reminders wait for working hours, and for the mentee to be back.
        const remindAt = nextTimeIn(calendar, now);
        if (remindAt) {
          await this.deps.checkins.transition(checkin.id, ["sent"], "sent", { remindAt });
        } else {
          waiting.push(checkin);
        }
        continue;
      }
      jobs.push({
        name: "checkins.remind",
        payload: { checkinId: checkin.id, remindAt: checkin.remindAt?.toISOString() ?? "" },
      });
      waiting.push(checkin);
      result.reminders++;
    }
    for (const checkin of misses) {
      const calendar = calendarIn(people, checkin.menteeId);
      if (calendar.left) {
        await this.closeForLeaver(checkin, ["sent"]);
        continue;
      }
      if (calendar.away) {
        // Away is not missing: the mentee has a working day after they are back to answer.
        const back = nextTimeIn(calendar, now) ?? now;
        const missAt = new Date(back.getTime() + DAY_MS);
        await this.deps.checkins.transition(checkin.id, ["sent"], "sent", { missAt });
        tellAway(checkin.relationshipId, calendar, jobs);
        continue;
      }
      // A working day to answer after the reminder, by the mentee's calendar: one reminded on
      // Friday afternoon is not missed on Saturday, nor on a holiday, but on Monday afternoon.
      const answerBy = workingDayAfter(calendar, checkin.remindedAt ?? checkin.sentAt ?? now);
      if (answerBy && answerBy.getTime() > now.getTime()) {
        await this.deps.checkins.transition(checkin.id, ["sent"], "sent", { missAt: answerBy });
        continue;
      }
      if (!(await this.deps.checkins.transition(checkin.id, ["sent"], "missed"))) continue;
      // Answered after all, its answer lost to a write of the same moment (FerretDB): the
      // answer's unique record says so after this write, and the answer is put back.
      if (await this.deps.checkins.restoreAnswer(checkin.id)) continue;
      result.missed++;
      await this.deps.tally.record({
        kind: "checkin_missed",
        sourceId: checkin.id,
        relationshipId: checkin.relationshipId,
        // Misses are ordered by their slot, as in the rebuild from history.
        at: checkin.scheduledFor,
      });
      if (!this.checkMissedStreak(jobs, await this.recentOf(checkin))) {
        checked.push(checkin.id);
      }
    }
    // What the pass changed is now where its new step is. What waits (on its job, or for a
    // time to remind) stays, and holds the mark back, for a day at most: then it moves up.
    const stayedIn = new Set<number>();
    for (const checkin of waiting) {
      const bucket = checkin.dueBucket;
      if (bucket >= page.mark && bucket >= bucketOf(now) - HOLD_MARK_HOURS) stayedIn.add(bucket);
      else moves.push({ read: checkin, bucket: Math.max(bucketOf(now), page.mark) });
    }
    await this.deps.checkins.moveFollowUps(moves);
    await this.walk.settle(page, stayedIn);
    return checked;
  }

  /**
   * Missed check-ins whose streak alarm the queue still holds wait for it (into `waiting`): it
   * marks them checked once it has run. After Redis lost its jobs none is held, and all go again.
   */
  private async alarmNotQueued(unchecked: DueCheckin[], waiting: DueCheckin[]) {
    if (unchecked.length === 0) return unchecked;
    const held = await this.deps.jobs.alreadyQueued(
      unchecked.map((c) => ({ name: "checkins.missed-streak", payload: { checkinId: c.id } })),
    );
    waiting.push(...unchecked.filter((_, i) => held[i]));
    return unchecked.filter((_, i) => !held[i]);
  }

  /** These missed check-ins complete no run of misses: no pass checks them again. */
  async streaksChecked(ids: readonly string[], now: Date): Promise<void> {
    if (ids.length > 0) await this.deps.checkins.markStreakChecked(ids, now);
  }

  /**
   * The mentee left the workspace: their check-in is skipped, not sent, reminded or missed (a
   * run of misses would tell the mentor and every admin of a mentee who is simply gone). One
   * answered after all, its answer lost to a write of the same moment (FerretDB), gets it back.
   */
  private async closeForLeaver(checkin: Checkin, from: ["scheduled"] | ["sent"]): Promise<void> {
    if (!(await this.deps.checkins.transition(checkin.id, from, "skipped"))) return;
    if (from[0] === "sent") await this.deps.checkins.restoreAnswer(checkin.id);
  }

  /** A due check-in whose mentee is off now: later, or folded into the next slot if too late. */
  private async deferAgain(
    checkin: Checkin,
    calendar: PersonCalendar,
    now: Date,
    result: FollowUpCounts,
    jobs: JobRequest[],
  ): Promise<void> {
    const relationship = await this.deps.relationships.findById(checkin.relationshipId);
    const cadence = relationship?.cadence ?? DEFAULT_CADENCE;
    const deliverAt = nextTimeIn(calendar, now);
    // The pair's next slot; paused (none planned), the one the cadence would have.
    const next =
      relationship?.nextCheckinAt ??
      nextOccurrence(
        cadence,
        calendar.zone,
        new Date(Math.max(Date.parse(checkin.slot), now.getTime())),
      );
    if (!deliverAt || foldedIntoNext(deliverAt, next, calendar, cadence)) {
      await this.deps.checkins.transition(checkin.id, ["scheduled"], "skipped");
    } else {
      await this.deps.checkins.transition(checkin.id, ["scheduled"], "scheduled", {
        scheduledFor: deliverAt,
      });
    }
    result.deferred++;
    tellAway(checkin.relationshipId, calendar, jobs);
  }

  private recentOf(checkin: Pick<Checkin, "relationshipId">): Promise<Checkin[]> {
    return this.deps.checkins.recent(checkin.relationshipId, MISSED_STREAK + 1);
  }

  /** Whether the run of misses (newest first) reaches the streak; if so its alarm joins `jobs`. */
  private checkMissedStreak(jobs: JobRequest[], recent: readonly Checkin[]): boolean {
    // Told once, when the run of misses reaches the streak: a fourth miss in a row says nothing new.
    const run = recent.slice(0, MISSED_STREAK);
    const streak =
      run.length === MISSED_STREAK &&
      run.every((c) => c.status === "missed") &&
      recent[MISSED_STREAK]?.status !== "missed";
    // Keyed on the newest of the run, whichever of them was marked last (a snoozed
    // one can be missed after a later one): the job id makes it once.
    const newest = run[0];
    if (!streak || !newest) return false;
    jobs.push({ name: "checkins.missed-streak", payload: { checkinId: newest.id } });
    return true;
  }
}

/**
 * The page by its step, with the same status and time checks as a query by status and time.
 * Found early (a writer that could not tell, or one that moved it on since), or with nothing
 * left to do: moved to where its step is. What the sweep's first half just enqueued is left
 * out, waiting on its job: sending it again would only cost a second round trip.
 */
function sortOut(page: DuePage<DueCheckin>, now: Date, justEnqueued: ReadonlySet<string>) {
  const due = (time: Date | null) => time !== null && time.getTime() <= now.getTime();
  const toSend: DueCheckin[] = [];
  const reminders: DueCheckin[] = [];
  const misses: DueCheckin[] = [];
  const waiting: DueCheckin[] = [];
  const unannounced: DueCheckin[] = [];
  const unchecked: DueCheckin[] = [];
  const moves: FollowUpMove[] = [];
  for (const checkin of page.items) {
    const send = checkin.status === "scheduled" && due(checkin.scheduledFor);
    const remind = checkin.status === "sent" && !checkin.remindedAt && due(checkin.remindAt);
    const miss = checkin.status === "sent" && due(checkin.missAt);
    const announce = checkin.status === "answered" && due(nextFollowUpAt(checkin));
    const streak = checkin.status === "missed" && !checkin.streakCheckedAt;
    if (send && justEnqueued.has(checkin.id)) waiting.push(checkin);
    else if (send) toSend.push(checkin);
    if (remind) reminders.push(checkin);
    if (miss) misses.push(checkin);
    if (announce && givenUp(checkin, now)) moves.push({ read: checkin, bucket: PARKED });
    else if (announce) unannounced.push(checkin);
    if (streak) unchecked.push(checkin);
    if (!send && !remind && !miss && !announce && !streak) {
      moves.push({ read: checkin, bucket: followUpBucket(checkin, page.mark) });
    }
  }
  return { toSend, reminders, misses, unannounced, unchecked, waiting, moves };
}

/** An answer whose announcement Slack kept refusing for days: asking again would only repeat it. */
function givenUp(checkin: Checkin, now: Date): boolean {
  const answeredAt = checkin.answer?.at.getTime() ?? 0;
  return now.getTime() - answeredAt > ANNOUNCE_GIVE_UP_AFTER_MS;
}

/** When the mentee has had a whole working day of their own since `from`. */
function workingDayAfter(calendar: PersonCalendar, from: Date): Date | null {
  return afterWorkingTime(calendar, from, workingDayMs(calendar.hours));
}
