import type { JobName, JobPayloads } from "../domain/jobs.js";

// The one typed registry of queues for the job contract in `domain/jobs.ts`:
// which queue runs each job, and its deterministic id.

/** The sweep has its own queue, so it never waits behind a backlog of messages. */
export const QUEUE_NAMES = ["notifications", "scheduler", "exports"] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/**
 * Jobs a process runs at once, per queue. A notification waits on the database and Slack, hardly
 * on the CPU, and the writes of the ones under way at one moment share commands (WriteBatches):
 * the more run at once, the fewer commands each costs. 20 is a process's database pool
 * (database.ts), so they never queue for a connection among themselves.
 */
export const QUEUE_CONCURRENCY: { readonly [Q in QueueName]: number } = {
  notifications: 20,
  scheduler: 5,
  exports: 5,
};

export const QUEUE_OF: { readonly [N in JobName]: QueueName } = {
  "pairing.introduce": "notifications",
  "pairing.ask": "notifications",
  "pairing.accepted": "notifications",
  "pairing.declined": "notifications",
  "schedule.sweep": "scheduler",
  "retention.purge": "scheduler",
  // Paced at Tier 2 (minutes at 10,000 people): one of the scheduler queue's five at a time.
  "people.refresh": "scheduler",
  "checkins.send": "notifications",
  "checkins.remind": "notifications",
  "checkins.answered": "notifications",
  "checkins.missed-streak": "notifications",
  "checkins.reflect": "notifications",
  "celebrations.post": "notifications",
  "celebrations.share": "notifications",
  "introductions.post": "notifications",
  "introductions.request": "notifications",
  "feedback.prompt": "notifications",
  "feedback.remind": "notifications",
  "feedback.expired": "notifications",
  "feedback.withdrawn": "notifications",
  "feedback.deliver": "notifications",
  "relationship.closing": "notifications",
  "relationship.reassigned": "notifications",
  "availability.away-notice": "notifications",
  "people.zone-changed": "notifications",
  // A large export takes a while: its own queue, so DMs never wait behind it.
  "exports.program": "exports",
  "people.left": "notifications",
  "exports.my-data": "exports",
  "kickoff.plan": "notifications",
  "kickoff.invite": "notifications",
  "kickoff.answers": "notifications",
  "kickoff.remind": "notifications",
  "kickoff.confirm": "notifications",
  "kickoff.moved": "notifications",
  "kickoff.replanned": "notifications",
  "kickoff.refit": "notifications",
  "kickoff.suggested": "notifications",
  "kickoff.confirmed": "notifications",
  "exchanges.shared": "notifications",
  "workplace.prompt": "notifications",
};

/**
 * Deterministic job ids: enqueuing the same work twice yields one job.
 * (BullMQ forbids ":" in custom ids.)
 */
export function jobIdFor<N extends JobName>(name: N, payload: JobPayloads[N]): string {
  return [name, ...Object.values(payload).map(String)].join("|");
}
