import type { JobName } from "../domain/jobs.js";

/**
 * The transactional outbox of the jobs layer. A job whose work nothing else in MongoDB says is
 * owed (an Accept / Decline to send, feedback to hand over) gets a document in MongoDB before it
 * goes to Redis, and loses it once it ran, or once it failed for good and that was recorded
 * where admins see it. The outbox sweep (outbox-sweep.ts) enqueues again what Redis lost (a
 * flush, an enqueue while Redis was down, a job dropped after a failure nobody could record).
 * Exactly-once stays with the delivery ledger: a job run again sends nothing twice.
 */
export interface OwedJob {
  /** The job's deterministic id (jobIdFor). */
  id: string;
  name: JobName;
  payload: Record<string, unknown>;
  /** The hour of `createdAt` (due-index.ts `bucketOf`): read by equality, from a mark. */
  dueBucket: number;
  createdAt: Date;
}

/** Port: where owed jobs are kept (MongoDB, db/outbox). */
export interface OwedJobs {
  /** Adds each job not owed yet; one already owed (same id) is left as it is. */
  owe(jobs: readonly OwedJob[]): Promise<void>;
  /** True when nothing is owed: the sweep's usual case, one cheap read. */
  empty(): Promise<boolean>;
  /** One hour bucket by equality; with `createdBy`, only what was owed by then. */
  inBucket(bucket: number, limit: number, createdBy?: Date): Promise<OwedJob[]>;
  /** The buckets from `from` to `to` (both included) that hold anything. */
  bucketsHeld(from: number, to: number): Promise<number[]>;
  /** Done with: the jobs ran, or failed for good and were recorded. */
  paid(ids: readonly string[]): Promise<void>;
}

/**
 * How each job's work survives the loss of Redis. Every name must say (the compiler checks), so
 * a new job is owed in the outbox unless someone shows what else rebuilds it.
 * - "outbox": nothing else says it is owed.
 * - "sweep": a domain sweep finds it due in MongoDB and enqueues it again (check-in follow-ups,
 *   owed reflections, feedback, kickoff, workplace and deferred shout-out sweeps), or it is
 *   periodic; the outbox would only add commands to the hot path of check-ins.
 * - "asked again": an export; the person sees none arrive and asks again.
 */
export const RECOVERY: { readonly [N in JobName]: "outbox" | "sweep" | "asked again" } = {
  "pairing.introduce": "outbox",
  "pairing.ask": "outbox",
  "pairing.accepted": "outbox",
  "pairing.declined": "outbox",
  "schedule.sweep": "sweep",
  "retention.purge": "sweep",
  "people.refresh": "sweep",
  "checkins.send": "sweep",
  "checkins.remind": "sweep",
  "checkins.answered": "sweep",
  "checkins.missed-streak": "sweep",
  "checkins.reflect": "sweep",
  // A shout-out held to a later day is swept (`dueAt`), but not one of the first marking.
  "celebrations.post": "outbox",
  "celebrations.share": "outbox",
  "introductions.post": "outbox",
  "introductions.request": "outbox",
  "feedback.prompt": "sweep",
  "feedback.remind": "sweep",
  "feedback.expired": "sweep",
  "feedback.withdrawn": "outbox",
  "feedback.deliver": "outbox",
  "relationship.closing": "outbox",
  "relationship.reassigned": "outbox",
  "availability.away-notice": "outbox",
  "people.zone-changed": "outbox",
  "exports.program": "asked again",
  "people.left": "outbox",
  "exports.my-data": "asked again",
  "kickoff.plan": "outbox",
  "kickoff.invite": "sweep",
  "kickoff.answers": "outbox",
  "kickoff.remind": "sweep",
  "kickoff.confirm": "sweep",
  "kickoff.moved": "outbox",
  "kickoff.replanned": "outbox",
  "kickoff.refit": "outbox",
  "kickoff.suggested": "outbox",
  "kickoff.confirmed": "outbox",
  "exchanges.shared": "outbox",
  "workplace.prompt": "sweep",
};

export const owedInOutbox = (name: string): boolean => RECOVERY[name as JobName] === "outbox";
