import type { Relationship } from "./relationship.js";
import type { CalendarDate } from "./roadmap.js";
import {
  isWorkingTime,
  nextSharedTime,
  nextTimeIn,
  timesForBoth,
  type WorkCalendar,
} from "./working-hours.js";

/** How long a kickoff is planned for: a slot must fit it inside both people's hours. */
export const KICKOFF_MINUTES = 30;
/** The default slot is at least this long after pairing: time to fill in the kickoff form. */
export const KICKOFF_LEAD_MS = 24 * 3600_000;
/** Each person is reminded this long before their kickoff starts. */
export const KICKOFF_REMINDER_MS = 3600_000;
/** A kickoff can be moved at most this far ahead. */
export const KICKOFF_MAX_AHEAD_DAYS = 90;
/** The template the "Suggest milestones" form starts from until the mentor picks another. */
export const DEFAULT_KICKOFF_TEMPLATE = "senior-engineer";
/** A mentor's suggestion is a short roadmap: at least 4 milestones, at most 8. */
export const SUGGESTED_MILESTONES = { min: 4, max: 8 } as const;

/** What the mentee writes before the kickoff. */
export interface KickoffAnswers {
  aspiration: string;
  targetDate: CalendarDate;
  skills: string;
  challenges: string;
  support: string;
  /** Reciprocity: what the mentee can offer the mentor (a tool, a trend, help on an initiative). */
  offer: string;
  at: Date;
}

/** When each person's kickoff starts, and when the sweep has work to do for it. */
export interface KickoffPlan {
  /** The one time both meet; null when their hours never overlap. */
  at: Date | null;
  mentorStartsAt: Date;
  menteeStartsAt: Date;
  /** When each is reminded; null once the reminder for the current start went out. */
  mentorRemindAt: Date | null;
  menteeRemindAt: Date | null;
  /** When the mentee is asked to confirm the roadmap; null once asked. */
  confirmAt: Date | null;
}

/**
 * When each person gets "Plan your kickoff": something for both people, so in the overlap of
 * their hours, or else at the start of each person's working day. Null once sent.
 */
export interface KickoffInvites {
  mentorInviteAt: Date | null;
  menteeInviteAt: Date | null;
}

/** The guided first session of a pair: one per relationship. */
export interface Kickoff extends KickoffPlan, KickoffInvites {
  id: string;
  relationshipId: string;
  mentorId: string;
  menteeId: string;
  /** Who chose the time: null while it is the default slot. */
  scheduledBy: string | null;
  /**
   * How many times it was moved, by hand or planned again by the bot: each move is its own,
   * told even back to a time told before.
   */
  moves: number;
  answers: KickoffAnswers | null;
  /** The mentor saved their suggested milestones (from this template). */
  suggestedAt: Date | null;
  suggestedTemplate: string | null;
  /** The mentee confirmed the roadmap after the kickoff. */
  confirmedAt: Date | null;
  /** The earliest pending reminder or confirmation: what the sweep looks for. */
  dueAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export type KickoffRole = "mentor" | "mentee";

/** One person's half hour of a kickoff. */
export interface KickoffSlot {
  userId: string;
  start: Date;
}

/** The half hour each person of the pair holds for a kickoff planned so. */
export function slotsOf(
  pair: Pick<Kickoff, "mentorId" | "menteeId">,
  plan: Pick<KickoffPlan, "mentorStartsAt" | "menteeStartsAt">,
): KickoffSlot[] {
  return [
    { userId: pair.mentorId, start: plan.mentorStartsAt },
    { userId: pair.menteeId, start: plan.menteeStartsAt },
  ];
}

/** A kickoff's fields of work still to send, each a time. */
export type PendingWork =
  | "mentorInviteAt"
  | "menteeInviteAt"
  | "mentorRemindAt"
  | "menteeRemindAt"
  | "confirmAt";

/** What names a kickoff to its store. */
export type KickoffRef = Pick<Kickoff, "id" | "relationshipId">;

/** Kickoffs in MongoDB: one per relationship (a unique index makes a second one impossible). */
export interface KickoffStore {
  /** Creates the pair's kickoff, or returns the one that exists. */
  createOnce(
    relationship: Pick<Relationship, "id" | "mentorId" | "menteeId">,
    plan: KickoffPlan & KickoffInvites,
    now: Date,
  ): Promise<Kickoff>;
  findById(id: string): Promise<Kickoff | null>;
  findByRelationship(relationshipId: string): Promise<Kickoff | null>;
  /** Moves it by hand, counting the move. */
  reschedule(
    kickoff: KickoffRef & Pick<Kickoff, "moves">,
    plan: KickoffPlan,
    scheduledBy: string,
    now: Date,
  ): Promise<Kickoff | null>;
  /** The mentee's answers, in place of earlier ones; null if the kickoff is gone. */
  saveAnswers(kickoff: KickoffRef, answers: KickoffAnswers): Promise<Kickoff | null>;
  /** Records the mentor's suggestion once, even on two replicas at once; null if it was already. */
  markSuggested(kickoff: KickoffRef, template: string, now: Date): Promise<Kickoff | null>;
  /** Takes the suggestion back: its milestones could not be added. */
  unmarkSuggested(kickoffId: string): Promise<void>;
  /** Records the mentee's confirmation (the first stands). */
  markConfirmed(kickoff: KickoffRef, now: Date): Promise<Kickoff | null>;
  /** The reminder for `startsAt` went out (a later move of the kickoff keeps its own). */
  clearReminder(id: string, role: KickoffRole, startsAt: Date): Promise<Kickoff | null>;
  /** The confirmation asked for `confirmAt` went out. */
  clearConfirm(id: string, confirmAt: Date): Promise<Kickoff | null>;
  /** The invitation due at `inviteAt` went out. */
  clearInvite(id: string, role: KickoffRole, inviteAt: Date): Promise<Kickoff | null>;
  /** The work of `field` due `from` waits until `to`: its person is not working now. */
  postpone(id: string, field: PendingWork, from: Date, to: Date): Promise<void>;
  /** Planned again by the bot, not moved by hand (counted as a move): the people's hours no longer fit its time. */
  replan(
    kickoff: KickoffRef & Pick<Kickoff, "moves">,
    plan: KickoffPlan,
    now: Date,
  ): Promise<Kickoff | null>;
  /**
   * The pair has a new mentor: the kickoff names them, with a new plan when it was still ahead
   * (null keeps the plan: one already held stays as it was).
   */
  moveToMentor(
    kickoff: KickoffRef,
    mentorId: string,
    plan: (KickoffPlan & KickoffInvites) | null,
    now: Date,
  ): Promise<Kickoff | null>;
  setDue(id: string, dueAt: Date | null): Promise<void>;
  /**
   * Claims each person's half hour for the pair's kickoff, by unique inserts: two pairs planned
   * at the same moment cannot both have one. The first slot another pair's kickoff holds, or null
   * when all are the pair's. The kickoff's writes give back what it no longer holds (a move, a
   * new plan, the pair ended or a person forgotten).
   */
  claim(relationshipId: string, slots: readonly KickoffSlot[]): Promise<KickoffSlot | null>;
  /** Gives back the pair's claims but its kickoff's time as stored: a move claimed and failed. */
  keepOnlyHeld(relationshipId: string): Promise<void>;
  /**
   * When `userId` starts their other kickoffs still pending (any pair but `exceptRelationshipId`)
   * that start after `after`: half hours they already hold.
   */
  heldBy(userId: string, exceptRelationshipId: string, after: Date): Promise<Date[]>;
  listDue(now: Date, limit: number): Promise<Kickoff[]>;
}

/** The Slack side of a kickoff; each call sends at most once. */
export interface KickoffNotifier {
  invite(kickoff: Kickoff, role: KickoffRole): Promise<void>;
  /** The mentor gets the mentee's answers; the mentee hears they were sent. */
  answers(kickoff: Kickoff, answers: KickoffAnswers): Promise<void>;
  remind(kickoff: Kickoff, role: KickoffRole): Promise<void>;
  moved(kickoff: Kickoff, movedBy: string): Promise<void>;
  /** Both people: the bot planned it again because `changed`'s hours no longer fit its time. */
  replanned(kickoff: Kickoff, changed: readonly string[]): Promise<void>;
  /** The mentee hears of the suggested milestones; the mentor hears they were sent. */
  suggested(kickoff: Kickoff, count: number): Promise<void>;
  askToConfirm(kickoff: Kickoff): Promise<void>;
  confirmed(kickoff: Kickoff): Promise<void>;
}

/**
 * A new pair's kickoff. Anything meant for both people goes in the overlap of their working
 * hours when there is one, otherwise at the start of each person's own working day: first the
 * "Plan your kickoff" invitations, then, a day or more after both have theirs, the kickoff's
 * first half hour inside both people's hours (or each person's start of day).
 */
export function defaultKickoffPlan(
  mentor: WorkCalendar,
  mentee: WorkCalendar,
  now: Date,
  held: HeldSlots = [],
): KickoffPlan & KickoffInvites {
  const invites = timesForBoth(mentor, mentee, now);
  const mentorInviteAt = invites.shared ? invites.at : invites.a;
  const menteeInviteAt = invites.shared ? invites.at : invites.b;
  const after = new Date(
    Math.max(mentorInviteAt.getTime(), menteeInviteAt.getTime()) + KICKOFF_LEAD_MS,
  );
  return { ...planFrom(mentor, mentee, after, held), mentorInviteAt, menteeInviteAt };
}

/** Starts of the other kickoffs either person holds: a new one is never planned over them. */
export type HeldSlots = readonly Date[];

/**
 * The kickoff's first free half hour inside both people's hours from `after` (or each one's
 * day when their hours never meet), clear of the slots they already hold.
 */
export function planFrom(
  mentor: WorkCalendar,
  mentee: WorkCalendar,
  after: Date,
  held: HeldSlots = [],
): KickoffPlan {
  const shared = freeSharedSlot(mentor, mentee, after, held);
  if (shared) return planAt(mentor, mentee, shared);
  const times = timesForBoth(mentor, mentee, after, KICKOFF_MINUTES);
  if (times.shared) return planAt(mentor, mentee, times.at); // Every shared slot taken: rare.
  const own = (calendar: WorkCalendar, start: Date) =>
    clashWith(start, held) ? (freeSharedSlot(calendar, calendar, start, held) ?? start) : start;
  return planFor(mentor, mentee, null, own(mentor, times.a), own(mentee, times.b));
}

/** The held slot a kickoff at `at` would overlap, or null. */
export function clashWith(at: Date, held: HeldSlots): Date | null {
  return held.find((t) => Math.abs(t.getTime() - at.getTime()) < KICKOFF_MINUTES * 60_000) ?? null;
}

/** How many held slots in a row are stepped over before giving up (a mentor's week is full). */
const MAX_CLASHES = 200;

/** The first slot at or after `after` that fits both people and clashes with no held slot. */
export function freeSharedSlot(
  a: WorkCalendar,
  b: WorkCalendar,
  after: Date,
  held: HeldSlots,
): Date | null {
  let from = after;
  for (let i = 0; i < MAX_CLASHES; i++) {
    const slot = nextSharedTime(a, b, from, KICKOFF_MINUTES);
    const clash = slot && clashWith(slot, held);
    if (!clash) return slot;
    from = new Date(clash.getTime() + KICKOFF_MINUTES * 60_000);
  }
  return null;
}

/** Whether each person's start still fits their hours (hours, zone or time off may change). */
export function planFits(plan: KickoffPlan, mentor: WorkCalendar, mentee: WorkCalendar): boolean {
  return fitsHours(mentor, plan.mentorStartsAt) && fitsHours(mentee, plan.menteeStartsAt);
}

/**
 * The later moment a message due now waits for: the person's next working moment when they are
 * not working now. Null to send it now (working, or no working moment within the horizon).
 */
export function laterDelivery(calendar: WorkCalendar, now: Date): Date | null {
  return isWorkingTime(calendar, now) ? null : nextTimeIn(calendar, now);
}

/** A plan with both people meeting at `at`. */
export function planAt(mentor: WorkCalendar, mentee: WorkCalendar, at: Date): KickoffPlan {
  return planFor(mentor, mentee, at, at, at);
}

function planFor(
  mentor: WorkCalendar,
  mentee: WorkCalendar,
  at: Date | null,
  mentorStartsAt: Date,
  menteeStartsAt: Date,
): KickoffPlan {
  const end = new Date(
    Math.max(mentorStartsAt.getTime(), menteeStartsAt.getTime()) + KICKOFF_MINUTES * 60_000,
  );
  return {
    at,
    mentorStartsAt,
    menteeStartsAt,
    mentorRemindAt: reminderTime(mentor, mentorStartsAt),
    menteeRemindAt: reminderTime(mentee, menteeStartsAt),
    // Asked in the mentee's working hours, once the kickoff is over.
    confirmAt: nextTimeIn(mentee, end) ?? end,
  };
}

/**
 * An hour before, or at the start of the person's working day when that is later: a reminder
 * never buzzes at night, and never after the kickoff has started.
 */
export function reminderTime(calendar: WorkCalendar, startsAt: Date): Date {
  const hourBefore = new Date(startsAt.getTime() - KICKOFF_REMINDER_MS);
  const working = nextTimeIn(calendar, hourBefore) ?? startsAt;
  return working.getTime() < startsAt.getTime() ? working : startsAt;
}

/** Whether a kickoff at `at` fits inside one person's working hours, start to end. */
export function fitsHours(calendar: WorkCalendar, at: Date): boolean {
  return nextSharedTime(calendar, calendar, at, KICKOFF_MINUTES)?.getTime() === at.getTime();
}

/** The earliest work still pending for a kickoff (the sweep's index), or null when none is. */
export function nextDue(plan: KickoffPlan & Partial<KickoffInvites>): Date | null {
  const times = [
    plan.mentorInviteAt ?? null,
    plan.menteeInviteAt ?? null,
    plan.mentorRemindAt,
    plan.menteeRemindAt,
    plan.confirmAt,
  ]
    .filter((t): t is Date => t !== null)
    .map((t) => t.getTime());
  return times.length > 0 ? new Date(Math.min(...times)) : null;
}

export function startsAtFor(kickoff: KickoffPlan, role: KickoffRole): Date {
  return role === "mentor" ? kickoff.mentorStartsAt : kickoff.menteeStartsAt;
}

export function roleOf(kickoff: Pick<Kickoff, "mentorId">, userId: string): KickoffRole {
  return kickoff.mentorId === userId ? "mentor" : "mentee";
}
