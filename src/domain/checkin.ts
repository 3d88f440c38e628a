import type { DueCheckin, FollowUpMove } from "./checkin-follow-up-index.js";
import type { BucketRead, HeldBuckets } from "./due-walk.js";
import type { Relationship } from "./relationship.js";
import type { NumberedOpenMilestone } from "./roadmap.js";
import type { StatusChanges } from "./status-changes.js";

export type CheckinStatus = "scheduled" | "sent" | "answered" | "missed" | "skipped";
export type AnswerKind = "on_track" | "need_help" | "progress";

export interface CheckinAnswer {
  kind: AnswerKind;
  note: string;
  /** Titles at the time of answering: the mentor reads what the mentee saw. */
  milestoneTitles: string[];
  by: string;
  at: Date;
}

export interface Checkin {
  id: string;
  relationshipId: string;
  mentorId: string;
  menteeId: string;
  /** The scheduled instant (ISO) or "now:<minute>" for an on-demand one; unique per relationship. */
  slot: string;
  scheduledFor: Date;
  /** 1 for a pair's first check-in, 2 for the second… every fourth adds a reflection prompt. */
  sequence: number;
  status: CheckinStatus;
  sentAt: Date | null;
  message: { channel: string; ts: string } | null;
  remindAt: Date | null;
  remindedAt: Date | null;
  missAt: Date | null;
  answer: CheckinAnswer | null;
  /**
   * When its answer reached the mentor (and the mentee's message showed it). Until then the
   * follow-up pass finds the answered check-in and enqueues its announcement again: the job
   * starts from a click, so a job that failed for good or that Redis lost would be its end.
   */
  announcedAt: Date | null;
  /**
   * Missed: when the sweep's check for a run of misses (and the alarm it may enqueue) reached
   * the queue. Until then the follow-up pass finds the missed check-in and checks again: the
   * alarm is enqueued after the miss is written, and a lost enqueue would be its end.
   */
  streakCheckedAt: Date | null;
  /**
   * Set by the save that marks a reflection's check-in sent, cleared once a sweep's job saw its
   * prompt through the ledger: the prompt goes from the send job, which Redis can lose, so a
   * sweep finds what is still owed in MongoDB (OwedReflections).
   */
  reflectionOwed?: boolean;
}

/** A check-in to create for a pair's slot (see `CheckinStore.createForSlot`). */
export interface NewCheckin {
  relationshipId: string;
  mentorId: string;
  menteeId: string;
  slot: string;
  scheduledFor: Date;
  now: Date;
}

/** A sweep's check-in for a slot, numbered after `lastSequence` when the pair knows it (null: look it up). */
export interface NewSlotCheckin extends NewCheckin {
  lastSequence: number | null;
}

/** What a check-in's delivery saves on it. */
export type SentFields = Pick<Checkin, "sentAt" | "message" | "remindAt">;

/** Port: where check-ins are kept. Each change is conditional, so racing callers change it once. */
export interface CheckinStore extends StatusChanges<Checkin> {
  findById(id: string): Promise<Checkin | null>;
  /**
   * The scheduled `checkin` (as read) has gone out: it becomes sent with `sent`, once. Null when
   * it was no longer scheduled (answered in the moment before, or skipped).
   */
  saveSent(checkin: Checkin, sent: SentFields): Promise<Checkin | null>;
  /** The check-in of this slot, created if it does not exist yet (racing callers get the same one). */
  createForSlot(input: NewCheckin): Promise<{ checkin: Checkin; created: boolean }>;
  /** `createForSlot` for a page of slots, answered in the same order, in as few commands as it can. */
  createForSlots(
    inputs: readonly NewSlotCheckin[],
  ): Promise<{ checkin: Checkin; created: boolean }[]>;
  /** The first answer wins, once: null for the second of two simultaneous presses. */
  answer(id: string, answer: CheckinAnswer): Promise<Checkin | null>;
  /**
   * `answer` in two steps, for an answer that writes elsewhere first (progress on the roadmap):
   * the unique mark is claimed before, so of two submissions at once only one writes. False
   * for the second. Then `answerClaimed` with the answer, or `releaseClaim` if the writing failed.
   */
  claimAnswer(id: string, at: Date): Promise<boolean>;
  /** The claimed check-in answered; null (and the claim released) if it is not answerable. */
  answerClaimed(id: string, answer: CheckinAnswer): Promise<Checkin | null>;
  releaseClaim(id: string): Promise<void>;
  /**
   * The check-in answered, if it was: an answer that a write of the same moment took off it
   * (FerretDB can lose one of two updates of a document at once) is written again from the
   * unique record of the answer. Null when it was not answered.
   */
  restoreAnswer(id: string): Promise<Checkin | null>;
  snooze(id: string, remindAt: Date): Promise<Checkin | null>;
  /**
   * The pair's check-ins were paused: its sent ones (but one asked for with `now`) leave the
   * follow-up index, so they are neither reminded nor missed. They can still be answered.
   */
  parkSentOf(relationshipId: string): Promise<void>;
  /** One sent check-in leaves the follow-up index (its pair was found paused). */
  parkSent(id: string): Promise<void>;
  /** Its answer was announced: the follow-up pass stops looking for it. */
  markAnnounced(id: string, at: Date): Promise<void>;
  /** Their run of misses was checked, its alarm (if any) queued: the follow-up pass lets them be. */
  markStreakChecked(ids: readonly string[], at: Date): Promise<void>;
  markReminded(id: string, at: Date, missAt: Date): Promise<Checkin | null>;
  /** Check-ins whose reflection prompt may still be owed, oldest first, by indexed equality. */
  listOwedReflections(limit: number): Promise<Checkin[]>;
  /** Its reflection prompt went (or never will): no sweep looks for it again. */
  reflectionSettled(id: string): Promise<void>;
  /** Newest first, skipped ones left out. */
  recent(relationshipId: string, limit: number): Promise<Checkin[]>;
  /**
   * The follow-up pass's work, one bucket of the due index (checkin-follow-up-index.ts) by
   * equality; in the current hour, only those whose step is due by `dueBy`.
   */
  listFollowUps: BucketRead<DueCheckin>;
  /** The hour buckets from `from` to `to` that hold a check-in, in one query. */
  followUpBucketsHeld: HeldBuckets;
  /** Puts check-ins the pass found early (or with nothing left to do) where they belong. */
  moveFollowUps(moves: readonly FollowUpMove[]): Promise<void>;
}

/** Three unanswered in a row tell both people and the admins. */
export const MISSED_STREAK = 3;

/** Every n-th check-in also asks the mentor to reflect: mentorship goes both ways. */
export const REFLECTION_EVERY = 4;

export type { NumberedOpenMilestone };

/** What a check-in's pair says of its two people when it goes out. */
export interface CheckinPair {
  /** Known not to have left the workspace (their pair says so): nobody is read for it. */
  menteePresent?: boolean;
  /** Left the workspace, as the pair marks it: the check-in promises them no answer. */
  mentorLeft?: boolean;
  /** With `mentorLeft`: no program admin is set either, so a call for help reaches nobody. */
  noAdmins?: boolean;
  /** No milestone is open because the mentee reached every one (not because there is none). */
  allReached?: boolean;
}

/**
 * The Slack side of check-ins, as the domain needs it. Each call is
 * idempotent: a retried job never sends a second message.
 */
export interface CheckinNotifier {
  /**
   * Where the check-in went; null when the mentee has left the workspace or the check-in was
   * withheld (CheckinWithholder): nothing sent.
   * `sentNow` is true for the one call whose message the delivery ledger recorded (a retry
   * finding it sent hears false): the caller counts the check-in then, once.
   */
  sendCheckin(
    checkin: Checkin,
    milestones: readonly NumberedOpenMilestone[],
    pair?: CheckinPair,
  ): Promise<{ channel: string; ts: string; sentNow: boolean } | null>;
  sendReflectionPrompt(checkin: Checkin): Promise<void>;
  sendReminder(checkin: Checkin): Promise<void>;
  /**
   * Replaces the buttons of the mentee's check-in message with their answer and who heard it:
   * the mentor, or (with `mentorLeft`) the admins a call for help, unless `noAdmins`.
   */
  showAnswered(checkin: Checkin, pair: { mentorLeft: boolean; noAdmins?: boolean }): Promise<void>;
  tellMentor(checkin: Checkin): Promise<void>;
  /** Tells each one; those Slack refused for good (a bot, a closed account) are answered back. */
  tellMissedStreak(
    checkin: Checkin,
    relationship: Relationship,
    adminIds: readonly string[],
  ): Promise<MissedStreakRefusal[]>;
  /** "Need help", and the mentor has left the workspace: each admin hears it, once. */
  tellAdminsHelpUnheard(checkin: Checkin, adminIds: readonly string[]): Promise<void>;
}

/** A recipient of the missed-streak alarm whom Slack refused for good, with Slack's code. */
export interface MissedStreakRefusal {
  userId: string;
  code: string;
}

/**
 * Port: keeps a check-in from ever being sent, for a `skip` of one the sweep holds back. True
 * when it will never go out; false when a send claimed it first (it is going, or gone, out).
 * The check-in's send hears "nothing sent" from then on (CheckinNotifier.sendCheckin: null).
 */
export interface CheckinWithholder {
  withhold(checkin: Checkin): Promise<boolean>;
}
