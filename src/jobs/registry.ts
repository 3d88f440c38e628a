/**
 * The one typed registry of queues, job names and payloads. Payloads carry
 * ids only; handlers reload state from MongoDB and decide if the work is
 * still due.
 */
export interface JobPayloads {
  /** An admin paired two people: introduce them to each other. */
  "pairing.introduce": { relationshipId: string };
  /** One person asked the other: send the invitee Accept / Decline. */
  "pairing.ask": { relationshipId: string };
  /** The invitee accepted: tell the requester. */
  "pairing.accepted": { relationshipId: string };
  /** The invitee declined: tell the requester, kindly. */
  "pairing.declined": { relationshipId: string };
}

export type JobName = keyof JobPayloads;

export const QUEUE_NAMES = ["notifications"] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export const QUEUE_OF: { readonly [N in JobName]: QueueName } = {
  "pairing.introduce": "notifications",
  "pairing.ask": "notifications",
  "pairing.accepted": "notifications",
  "pairing.declined": "notifications",
};

/**
 * Deterministic job ids: enqueuing the same work twice yields one job.
 * (BullMQ forbids ":" in custom ids.)
 */
export function jobIdFor<N extends JobName>(name: N, payload: JobPayloads[N]): string {
  return [name, ...Object.values(payload).map(String)].join("|");
}

/** What services see of the queue: enqueue, nothing else. */
export interface JobEnqueuer {
  enqueue<N extends JobName>(name: N, payload: JobPayloads[N]): Promise<void>;
}
