import type { Checkin, CheckinStatus } from "./checkin.js";
import { bucketOf, LOOK_NOW, PARKED } from "./due-index.js";

/**
 * Check-ins in the due index (due-index.ts): each carries the hour of its next follow-up step
 * (going out, the reminder, counting as missed, checking a new miss for a run of misses,
 * announcing an answer not yet announced), so the follow-up pass reads buckets by
 * equality instead of a Date range that scans the whole, ever-growing collection on FerretDB.
 *
 * The invariant: a check-in with a step still to come is in LOOK_NOW, or in a bucket at or
 * above the follow-up mark and at or below the hour of that step. How it holds:
 * - every write puts the check-in where its step is (PARKED when none is left), from what the
 *   write itself sets; a write that cannot see a field the step depends on uses LOOK_NOW;
 * - a write that may set a time already past (a creation, bringing deferred ones forward) is
 *   never put below the writer's own hour, which the mark cannot have passed (it stays
 *   MARK_SKEW_MS behind every clock); the other writes set times ahead of the writer's clock
 *   (a deferral, a reminder a day later, a snooze);
 * - the pass moves what it finds early to the hour of its step, never below the mark;
 * - the mark passes a bucket only when the pass read all of it and nothing stayed in it.
 * The check-in stays the truth: the pass applies the status and time checks to what it reads.
 */

export type FollowUpFields = Pick<
  Checkin,
  | "status"
  | "scheduledFor"
  | "remindAt"
  | "remindedAt"
  | "missAt"
  | "answer"
  | "announcedAt"
  | "streakCheckedAt"
>;

/**
 * An answer not announced this long after it was given is announced again by the follow-up
 * pass: its job (enqueued by the click) has had time to run, or failed for good, or was lost
 * with Redis. Announcing again sends nothing twice (the delivery ledger, the job id).
 */
export const ANNOUNCE_AGAIN_AFTER_MS = 5 * 60_000;

/**
 * An answer still not announced this long after it was given is let go (parked): Slack refused
 * its announcement for good (the failure is in `/mentor failures`), and asking every pass would
 * only repeat that.
 */
export const ANNOUNCE_GIVE_UP_AFTER_MS = 3 * 24 * 3600_000;

/** The name of the follow-up pass's low-water mark (`sweep_marks`). */
export const FOLLOW_UP_MARK = "checkin-follow-ups";

/** A check-in the pass read, with the bucket it was found in. */
export interface DueCheckin extends Checkin {
  dueBucket: number;
}

/** Moves a check-in the pass read to `bucket`, unless it was written since. */
export interface FollowUpMove {
  read: DueCheckin;
  bucket: number;
}

/** When the check-in's next step comes due; null when none is left (announced, missed, skipped). */
export function nextFollowUpAt(checkin: FollowUpFields): Date | null {
  if (checkin.status === "scheduled") return checkin.scheduledFor;
  if (checkin.status === "answered") {
    if (checkin.announcedAt || !checkin.answer) return null;
    return new Date(checkin.answer.at.getTime() + ANNOUNCE_AGAIN_AFTER_MS);
  }
  // Missed, its run of misses not yet checked: at once.
  if (checkin.status === "missed")
    return checkin.streakCheckedAt ? null : (checkin.missAt ?? new Date(0));
  if (checkin.status !== "sent") return null;
  const times = [checkin.remindedAt ? null : checkin.remindAt, checkin.missAt].flatMap((time) =>
    time ? [time.getTime()] : [],
  );
  return times.length > 0 ? new Date(Math.min(...times)) : null;
}

/** Its bucket: the hour of its next step, never below `notBefore` (the writer's hour). */
export function followUpBucket(checkin: FollowUpFields, notBefore = LOOK_NOW + 1): number {
  const at = nextFollowUpAt(checkin);
  return at ? Math.max(bucketOf(at), notBefore, LOOK_NOW + 1) : PARKED;
}

/**
 * The bucket after a status change that sets `set`, from what that write knows: undefined
 * when it leaves the step as it was, LOOK_NOW when the step depends on what it cannot see.
 */
export function followUpBucketAfter(
  from: readonly CheckinStatus[],
  to: CheckinStatus,
  set: Partial<FollowUpFields>,
): number | undefined {
  const touched =
    "scheduledFor" in set ||
    "remindAt" in set ||
    "remindedAt" in set ||
    "missAt" in set ||
    "answer" in set ||
    "announcedAt" in set ||
    "streakCheckedAt" in set;
  if (from.every((status) => status === to) && !touched) return undefined;
  if (to === "answered") {
    if (set.announcedAt) return PARKED;
    // Whether it was announced meanwhile is not known here, and the answer's time may be
    // long past (an answer restored): the pass places it.
    return LOOK_NOW;
  }
  // Just missed: the pass checks its run of misses (its bucket is the writer's to know).
  if (to === "missed") return set.streakCheckedAt ? PARKED : LOOK_NOW;
  if (to !== "scheduled" && to !== "sent") return PARKED;
  if (to === "scheduled") {
    if (!set.scheduledFor) return LOOK_NOW;
    return followUpBucket({ ...NOTHING_SENT, scheduledFor: set.scheduledFor });
  }
  // Going out: a check-in not yet sent was never reminded, so what is set is the whole story.
  // Sent to sent: whether it was reminded meanwhile is not known here.
  if (from.includes("sent")) return LOOK_NOW;
  return followUpBucket({ ...NOTHING_SENT, ...set, status: "sent" });
}

const NOTHING_SENT: FollowUpFields = {
  status: "scheduled",
  scheduledFor: new Date(0),
  remindAt: null,
  remindedAt: null,
  missAt: null,
  answer: null,
  announcedAt: null,
  streakCheckedAt: null,
};
