import type { Clock } from "../clock.js";
import type { Auditor } from "./audit-trail.js";
import { parseTime } from "./cadence.js";
import { parseCalendarDate } from "./calendar-date.js";
import type { CalendarSource, PersonCalendar } from "./calendars.js";
import dayjs from "./dayjs.js";
import { DomainError } from "./errors.js";
import type { JobEnqueuer } from "./jobs.js";
import {
  clashWith,
  defaultKickoffPlan,
  fitsHours,
  freeSharedSlot,
  KICKOFF_MAX_AHEAD_DAYS,
  type Kickoff,
  type KickoffInvites,
  type KickoffNotifier,
  type KickoffPlan,
  type KickoffRole,
  type KickoffStore,
  laterDelivery,
  nextDue,
  type PendingWork,
  planAt,
  planFits,
  planFrom,
  slotsOf,
  startsAtFor,
} from "./kickoff.js";
import { isMember, type Relationship } from "./relationship.js";
import type { RelationshipAccess, RelationshipFinder, Target } from "./relationship-access.js";
import { localToInstant, wallClock } from "./zoned-time.js";

export interface KickoffScheduleDeps {
  access: RelationshipAccess;
  relationships: Pick<RelationshipFinder, "findById" | "listForUser">;
  kickoffs: KickoffStore;
  calendars: CalendarSource;
  notifier: KickoffNotifier;
  jobs: JobEnqueuer;
  audit: Auditor;
  clock: Clock;
}

/** A kickoff as one person sees it: with both people's calendars, for times in their own zone. */
export interface KickoffView {
  kickoff: Kickoff;
  viewerId: string;
  calendars: { mentor: PersonCalendar; mentee: PersonCalendar };
  /** When it was looked at: a kickoff already held is told in the past tense. */
  now: Date;
}

const BATCH = 500;
/** Plans tried whose half hour another pair claimed first, before one goes unclaimed. */
const CLAIM_TRIES = 10;
const DAY_MS = 24 * 3600_000;

/**
 * When a pair's kickoff happens: planned when the pair becomes active, moved by either person,
 * and its reminders and the roadmap confirmation found by a sweep of MongoDB (so they survive
 * Redis losing its jobs); job ids and delivery keys make each message once.
 */
export class KickoffScheduleService {
  constructor(private readonly deps: KickoffScheduleDeps) {}

  /** The pair became active: plan the kickoff; the sweep sends the invitations (job `kickoff.plan`). */
  async plan(relationshipId: string): Promise<void> {
    const relationship = await this.deps.relationships.findById(relationshipId);
    if (relationship?.status !== "active") return;
    await this.inviteIfDue(await this.ensure(relationship));
  }

  /** Invitations whose time has come go now: no need to wait for the next sweep. */
  private async inviteIfDue(kickoff: Kickoff): Promise<void> {
    const now = this.deps.clock.now().getTime();
    if (kickoff.mentorInviteAt && kickoff.mentorInviteAt.getTime() <= now) {
      await this.invite(kickoff.id, "mentor");
    }
    if (kickoff.menteeInviteAt && kickoff.menteeInviteAt.getTime() <= now) {
      await this.invite(kickoff.id, "mentee");
    }
  }

  /** One person's "Plan your kickoff", once its time came (the one due `at`, when given). */
  async invite(kickoffId: string, role: KickoffRole, at?: string): Promise<void> {
    const kickoff = await this.deps.kickoffs.findById(kickoffId);
    const inviteAt = role === "mentor" ? kickoff?.mentorInviteAt : kickoff?.menteeInviteAt;
    if (!kickoff || !inviteAt) return;
    // Planned again since the job was made: the sweep makes the job of the new time.
    if (at !== undefined && inviteAt.toISOString() !== at) return;
    if (!(await this.stillActive(kickoff))) return;
    const field = role === "mentor" ? "mentorInviteAt" : "menteeInviteAt";
    if (await this.waitsForWork(kickoff, personOf(kickoff, role), field, inviteAt)) return;
    await this.deps.notifier.invite(kickoff, role);
    await this.deps.kickoffs.clearInvite(kickoff.id, role, inviteAt);
  }

  /** `/mentor kickoff`: the pair's kickoff (planned now for a pair from before kickoffs). */
  async show(actorId: string, target: Target): Promise<KickoffView> {
    const relationship = await this.member(actorId, target);
    return this.view(await this.ensure(relationship), actorId);
  }

  /**
   * `/mentor kickoff at YYYY-MM-DD HH:MM`, in the caller's zone: a time in the future that fits
   * both people's working hours; otherwise a refusal naming whose hours, with the nearest slot.
   */
  async reschedule(actorId: string, target: Target, date: string, time: string) {
    const relationship = await this.member(actorId, target);
    const calendars = await this.calendarsOf(relationship);
    const mine = relationship.mentorId === actorId ? calendars.mentor : calendars.mentee;
    const theirs = relationship.mentorId === actorId ? calendars.mentee : calendars.mentor;
    const now = this.deps.clock.now();
    const at = parseLocal(date, time, mine.zone);
    if (at.getTime() <= now.getTime()) throw new DomainError("kickoff_time_past");
    if (at.getTime() - now.getTime() > KICKOFF_MAX_AHEAD_DAYS * DAY_MS) {
      throw new DomainError("kickoff_time_too_far", { days: String(KICKOFF_MAX_AHEAD_DAYS) });
    }
    const [heldMine, heldTheirs] = await Promise.all([
      this.deps.kickoffs.heldBy(mine.userId, relationship.id, now),
      this.deps.kickoffs.heldBy(theirs.userId, relationship.id, now),
    ]);
    const limit = new Date(now.getTime() + KICKOFF_MAX_AHEAD_DAYS * DAY_MS);
    const nearest = () => nearestFree(mine, theirs, at, [...heldMine, ...heldTheirs], limit);
    for (const calendar of [mine, theirs]) {
      if (fitsHours(calendar, at)) continue;
      throw new DomainError("kickoff_outside_hours", {
        userId: calendar.userId,
        self: calendar === mine ? "yes" : "",
        start: calendar.hours.start,
        end: calendar.hours.end,
        days: calendar.hours.days.join(","),
        zone: calendar.zone,
        ...nearest(),
      });
    }
    for (const [calendar, held] of [
      [mine, heldMine],
      [theirs, heldTheirs],
    ] as const) {
      if (!clashWith(at, held)) continue;
      throw new DomainError("kickoff_slot_taken", {
        userId: calendar.userId,
        self: calendar === mine ? "yes" : "",
        ...nearest(),
      });
    }
    const existing = await this.ensure(relationship);
    const plan = planAt(calendars.mentor, calendars.mentee, at);
    // Free as read, but another pair's kickoff may be taking it this moment: the claim decides.
    const taken = await this.deps.kickoffs.claim(relationship.id, slotsOf(relationship, plan));
    if (taken) {
      const held = [...heldMine, ...heldTheirs, at];
      throw new DomainError("kickoff_slot_taken", {
        userId: taken.userId,
        self: taken.userId === mine.userId ? "yes" : "",
        ...nearestFree(mine, theirs, at, held, limit),
      });
    }
    const moved = await this.movedTo(existing, plan, actorId, now);
    if (!moved) throw new DomainError("no_roadmap_found");
    await this.deps.audit.record(actorId, "kickoff.moved", moved.id, {
      relationshipId: relationship.id,
      at: at.toISOString(),
    });
    // Each move is its own job and message, even back to a time announced before.
    await this.deps.jobs.enqueue("kickoff.moved", {
      kickoffId: moved.id,
      at: at.toISOString(),
      by: actorId,
      move: moved.moves,
    });
    return this.viewWith(moved, actorId, calendars);
  }

  /**
   * The move written, or null when the kickoff is gone. A move that did not land gives back the
   * time it claimed (else the people's half hour stays blocked until the purge, a month on);
   * the kickoff's own time, read again, stays claimed.
   */
  private async movedTo(existing: Kickoff, plan: KickoffPlan, actorId: string, now: Date) {
    let moved: Kickoff | null;
    try {
      moved = await this.deps.kickoffs.reschedule(existing, plan, actorId, now);
    } catch (error) {
      // The move's own failure is what the caller hears; a failed give-back leaves it to the purge.
      await this.deps.kickoffs.keepOnlyHeld(existing.relationshipId).catch(() => undefined);
      throw error;
    }
    if (!moved) await this.deps.kickoffs.keepOnlyHeld(existing.relationshipId);
    return moved;
  }

  /** Finds due reminders and confirmations in MongoDB and enqueues them (ids dedupe). */
  async sweep(): Promise<number> {
    const now = this.deps.clock.now();
    let enqueued = 0;
    for (const kickoff of await this.deps.kickoffs.listDue(now, BATCH)) {
      // A dueAt left stale by two racing writers: nothing is due, so set it right and move on.
      const due = nextDue(kickoff);
      if (due?.getTime() !== kickoff.dueAt?.getTime()) {
        await this.deps.kickoffs.setDue(kickoff.id, due);
        if (!due || due.getTime() > now.getTime()) continue;
      }
      for (const role of ["mentor", "mentee"] as const) {
        const inviteAt = role === "mentor" ? kickoff.mentorInviteAt : kickoff.menteeInviteAt;
        if (inviteAt && inviteAt.getTime() <= now.getTime()) {
          await this.deps.jobs.enqueue("kickoff.invite", {
            kickoffId: kickoff.id,
            role,
            inviteAt: inviteAt.toISOString(),
          });
          enqueued++;
        }
        const remindAt = role === "mentor" ? kickoff.mentorRemindAt : kickoff.menteeRemindAt;
        if (!remindAt || remindAt.getTime() > now.getTime()) continue;
        const startsAt = startsAtFor(kickoff, role).toISOString();
        await this.deps.jobs.enqueue("kickoff.remind", {
          kickoffId: kickoff.id,
          role,
          startsAt,
          // A reminder postponed to the person's working time is a job of its own.
          remindAt: remindAt.getTime(),
        });
        enqueued++;
      }
      if (kickoff.confirmAt && kickoff.confirmAt.getTime() <= now.getTime()) {
        await this.deps.jobs.enqueue("kickoff.confirm", {
          kickoffId: kickoff.id,
          confirmAt: kickoff.confirmAt.toISOString(),
        });
        enqueued++;
      }
    }
    return enqueued;
  }

  /**
   * One person's reminder, if the kickoff still starts when the job was made for. A planned
   * kickoff whose time no longer fits the people's hours (changed hours, zone or time off) is
   * planned again first; its reminders follow the new time. One moved by hand keeps its time, and
   * a reminder outside its person's hours waits for them, or is left out once the kickoff began.
   */
  async remind(kickoffId: string, role: KickoffRole, startsAt: string): Promise<void> {
    const kickoff = await this.deps.kickoffs.findById(kickoffId);
    if (!kickoff) return;
    if (!(await this.stillActive(kickoff))) return;
    if (startsAtFor(kickoff, role).toISOString() !== startsAt) return;
    const calendars = await this.calendarsOf(kickoff);
    if (await this.replanIfUnfit(kickoff, calendars)) return;
    const remindAt = role === "mentor" ? kickoff.mentorRemindAt : kickoff.menteeRemindAt;
    const later = laterDelivery(calendars[role], this.deps.clock.now());
    if (remindAt && later) {
      if (later.getTime() < new Date(startsAt).getTime()) {
        const field = role === "mentor" ? "mentorRemindAt" : "menteeRemindAt";
        return this.deps.kickoffs.postpone(kickoff.id, field, remindAt, later);
      }
      // Not working before it starts: a reminder after the start only buzzes in their evening.
      await this.deps.kickoffs.clearReminder(kickoff.id, role, new Date(startsAt));
      return;
    }
    await this.deps.notifier.remind(kickoff, role);
    await this.deps.kickoffs.clearReminder(kickoff.id, role, new Date(startsAt));
  }

  /** After the kickoff: the mentee is asked to confirm the roadmap, once, in their hours. */
  async askToConfirm(kickoffId: string): Promise<void> {
    const kickoff = await this.deps.kickoffs.findById(kickoffId);
    if (!kickoff?.confirmAt) return;
    if (!(await this.stillActive(kickoff))) return;
    if (await this.waitsForWork(kickoff, kickoff.menteeId, "confirmAt", kickoff.confirmAt)) return;
    await this.deps.notifier.askToConfirm(kickoff);
    await this.deps.kickoffs.clearConfirm(kickoff.id, kickoff.confirmAt);
  }

  /**
   * Tells the other person the kickoff moved (job `kickoff.moved`), unless moved again since.
   * A job queued before moves were counted has no `move`: its time alone tells.
   */
  async announceMove(kickoffId: string, at: string, by: string, move?: number): Promise<void> {
    const kickoff = await this.deps.kickoffs.findById(kickoffId);
    if (kickoff?.at?.toISOString() !== at) return;
    if (move !== undefined && kickoff.moves !== move) return;
    if (!(await this.stillActive(kickoff))) return;
    await this.deps.notifier.moved(kickoff, by);
  }

  /**
   * Job `kickoff.refit` (and a zone change, with `newZone`): `userId`'s working hours, zone or
   * time off changed. Each of their kickoffs the bot planned that no longer fits is planned
   * again now, and both people are told, rather than at its first reminder, when the other may
   * have little notice left. (The reminder still checks: a refit lost with Redis is done then.)
   */
  async refit(userId: string, newZone?: string): Promise<void> {
    for (const relationship of await this.deps.relationships.listForUser(userId, ["active"])) {
      const kickoff = await this.deps.kickoffs.findByRelationship(relationship.id);
      if (!kickoff || !(await this.stillActive(kickoff))) continue;
      const calendars = await this.calendarsOf(kickoff);
      // A zone change's job can run before its profile is stored: the job's zone is the news.
      if (newZone) {
        for (const role of ["mentor", "mentee"] as const) {
          if (calendars[role].userId === userId) {
            calendars[role] = { ...calendars[role], zone: newZone };
          }
        }
      }
      await this.replanIfUnfit(kickoff, calendars);
    }
  }

  /**
   * Tells both people the bot planned the kickoff again (job `kickoff.replanned`), unless it
   * moved again since: the person whose hours did not change would come at the old time.
   */
  async announceReplan(kickoffId: string, move: number, changed: string[]): Promise<void> {
    const kickoff = await this.deps.kickoffs.findById(kickoffId);
    if (!kickoff || kickoff.moves !== move) return;
    if (!(await this.stillActive(kickoff))) return;
    await this.deps.notifier.replanned(kickoff, changed);
  }

  /**
   * Job `relationship.reassigned`: the kickoff follows the pair to its new mentor. One still
   * ahead is planned again in the new pair's hours, with a "Plan your kickoff" for each person
   * (the mentee's answers, if given, go to the new mentor instead); one already held keeps its
   * time and history. Run again, it changes nothing.
   */
  async followReassignment(relationshipId: string): Promise<void> {
    const relationship = await this.deps.relationships.findById(relationshipId);
    if (relationship?.status !== "active") return;
    const kickoff = await this.deps.kickoffs.findByRelationship(relationship.id);
    if (!kickoff) return this.plan(relationship.id);
    await this.moveToNewMentor(kickoff, relationship);
  }

  /**
   * A pair that is no longer active gets nothing more; the sweep stops looking at it. A pair
   * whose mentor changed gets its kickoff moved first (if the reassignment's job was lost, the
   * sweep finds it here), and nothing goes to the old mentor.
   */
  private async stillActive(kickoff: Kickoff): Promise<boolean> {
    const relationship = await this.deps.relationships.findById(kickoff.relationshipId);
    if (relationship?.status !== "active") {
      await this.deps.kickoffs.setDue(kickoff.id, null);
      return false;
    }
    if (relationship.mentorId === kickoff.mentorId) return true;
    await this.moveToNewMentor(kickoff, relationship);
    return false;
  }

  private async moveToNewMentor(kickoff: Kickoff, relationship: Relationship): Promise<void> {
    if (kickoff.mentorId === relationship.mentorId) return;
    const now = this.deps.clock.now();
    const held = kickoff.confirmedAt !== null || startsAtFor(kickoff, "mentee") <= now;
    let plan: (KickoffPlan & KickoffInvites) | null = null;
    if (!held) {
      const { mentor, mentee } = await this.calendarsOf(relationship);
      plan = await this.claimedPlan(relationship, (slots) =>
        defaultKickoffPlan(mentor, mentee, now, slots),
      );
      // The mentee already told their aspiration: the new mentor gets the answers, not the wait.
      if (kickoff.answers) plan = { ...plan, mentorInviteAt: null };
    }
    const moved = await this.deps.kickoffs.moveToMentor(kickoff, relationship.mentorId, plan, now);
    if (!moved || !plan) return;
    if (kickoff.answers) await this.deps.notifier.answers(moved, kickoff.answers);
    await this.inviteIfDue(moved);
  }

  /**
   * Whether `field`'s message (due `due`) waits for `userId`'s working time: their hours, zone
   * or time off may have changed since it was planned. If so it is postponed to then.
   */
  private async waitsForWork(
    kickoff: Kickoff,
    userId: string,
    field: PendingWork,
    due: Date,
  ): Promise<boolean> {
    // As the sweep reads calendars (profiles trusted for a day, refreshed in bulk): no Slack call each.
    const calendar = (await this.deps.calendars.ofMany([userId])).get(userId);
    const later = calendar && laterDelivery(calendar, this.deps.clock.now());
    if (!later) return false;
    await this.deps.kickoffs.postpone(kickoff.id, field, due, later);
    return true;
  }

  /**
   * A kickoff the bot planned (not moved by hand) and still ahead, whose time no longer fits the
   * people's hours, zone or time off, is planned again from its old time on. True if it was.
   */
  private async replanIfUnfit(
    kickoff: Kickoff,
    calendars: { mentor: PersonCalendar; mentee: PersonCalendar },
  ): Promise<boolean> {
    if (kickoff.scheduledBy !== null || kickoff.confirmedAt !== null) return false;
    const now = this.deps.clock.now();
    const first = Math.min(kickoff.mentorStartsAt.getTime(), kickoff.menteeStartsAt.getTime());
    if (first <= now.getTime() || planFits(kickoff, calendars.mentor, calendars.mentee)) {
      return false;
    }
    const plan = await this.claimedPlan({ ...kickoff, id: kickoff.relationshipId }, (held) =>
      planFrom(calendars.mentor, calendars.mentee, new Date(first), held),
    );
    const same = (a: Date, b: Date) => a.getTime() === b.getTime();
    // No better time found (none in the search horizon): it stays, reminded as planned.
    if (same(plan.mentorStartsAt, kickoff.mentorStartsAt)) {
      if (same(plan.menteeStartsAt, kickoff.menteeStartsAt)) return false;
    }
    const replanned = await this.deps.kickoffs.replan(kickoff, plan, now);
    if (!replanned) return true;
    const changed = (["mentor", "mentee"] as const)
      .filter((role) => !fitsHours(calendars[role], startsAtFor(kickoff, role)))
      .map((role) => personOf(kickoff, role));
    // Both are told the new time, once (the job id and the delivery keys name this move).
    await this.deps.jobs.enqueue("kickoff.replanned", {
      kickoffId: replanned.id,
      move: replanned.moves,
      changed,
    });
    return true;
  }

  private async member(actorId: string, target: Target): Promise<Relationship> {
    const relationship = await this.deps.access.target(actorId, target);
    if (!isMember(relationship, actorId)) throw new DomainError("no_roadmap_found");
    return relationship;
  }

  private async ensure(relationship: Relationship): Promise<Kickoff> {
    const existing = await this.deps.kickoffs.findByRelationship(relationship.id);
    if (existing) return existing;
    const { mentor, mentee } = await this.calendarsOf(relationship);
    const now = this.deps.clock.now();
    const plan = await this.claimedPlan(relationship, (held) =>
      defaultKickoffPlan(mentor, mentee, now, held),
    );
    return this.deps.kickoffs.createOnce(relationship, plan, now);
  }

  /**
   * `planWith` the half hours either person holds, claimed for the pair: when another pair's
   * kickoff claimed a slot first (planned at the same moment, as read), that slot is held too
   * and the pair planned again. After CLAIM_TRIES it goes unclaimed, as read.
   */
  private async claimedPlan<P extends KickoffPlan>(
    pair: Pick<Relationship, "id" | "mentorId" | "menteeId">,
    planWith: (held: readonly Date[]) => P,
  ): Promise<P> {
    const held = await this.heldSlots(pair);
    let plan = planWith(held);
    for (let i = 0; i < CLAIM_TRIES; i++) {
      const taken = await this.deps.kickoffs.claim(pair.id, slotsOf(pair, plan));
      if (!taken) return plan;
      held.push(taken.start);
      plan = planWith(held);
    }
    return plan;
  }

  /** The half hours either person holds for their other kickoffs, as read (claims decide). */
  private async heldSlots(
    pair: Pick<Relationship, "id" | "mentorId" | "menteeId">,
  ): Promise<Date[]> {
    const now = this.deps.clock.now();
    const [mentor, mentee] = await Promise.all([
      this.deps.kickoffs.heldBy(pair.mentorId, pair.id, now),
      this.deps.kickoffs.heldBy(pair.menteeId, pair.id, now),
    ]);
    return [...mentor, ...mentee];
  }

  private async calendarsOf(pair: Pick<Relationship, "mentorId" | "menteeId">) {
    const found = await this.deps.calendars.ofMany([pair.mentorId, pair.menteeId]);
    const mentor = found.get(pair.mentorId);
    const mentee = found.get(pair.menteeId);
    // ofMany answers for every id it is given; this only satisfies the type.
    if (!mentor || !mentee) throw new Error("no calendars for the pair");
    return { mentor, mentee };
  }

  private async view(kickoff: Kickoff, viewerId: string): Promise<KickoffView> {
    return this.viewWith(kickoff, viewerId, await this.calendarsOf(kickoff));
  }

  private viewWith(
    kickoff: Kickoff,
    viewerId: string,
    calendars: KickoffView["calendars"],
  ): KickoffView {
    return { kickoff, viewerId, calendars, now: this.deps.clock.now() };
  }
}

/**
 * The nearest free slot both people are working at or after `at`, for a refusal to offer: only
 * one the command accepts (by `limit`, else `tooFar` says why none is offered).
 */
function nearestFree(
  mine: PersonCalendar,
  theirs: PersonCalendar,
  at: Date,
  held: readonly Date[],
  limit: Date,
): { nearest: string; nearestLocal: string; tooFar?: string } {
  const nearest = freeSharedSlot(mine, theirs, at, held);
  if (!nearest) return { nearest: "", nearestLocal: "" };
  if (nearest.getTime() > limit.getTime()) return { nearest: "", nearestLocal: "", tooFar: "yes" };
  return {
    nearest: nearest.toISOString(),
    nearestLocal: dayjs.utc(wallClock(nearest, mine.zone)).format("YYYY-MM-DD HH:mm"),
  };
}

/** "2026-12-01" "16:30" in `zone`, strictly; a refusal echoes what was typed. */
function parseLocal(date: string, time: string, zone: string): Date {
  // Read as the person's wall clock, never through the machine's own zone.
  const day = parseCalendarDate(date);
  const clock = parseTime(time);
  if (!day || !clock) {
    throw new DomainError("kickoff_time_invalid", { text: `${date} ${time}`.trim() });
  }
  return localToInstant(day, clock, zone);
}

const personOf = (kickoff: Kickoff, role: KickoffRole) =>
  role === "mentor" ? kickoff.mentorId : kickoff.menteeId;
