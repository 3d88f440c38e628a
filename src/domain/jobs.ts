/**
 * The job contract: every job name with its payload, and the port services
 * enqueue through. Payloads carry ids only; handlers reload state from MongoDB
 * and decide if the work is still due. Queues, ids and workers live in `jobs/`.
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
  /** Finds due check-ins, feedback prompts, reminders, misses and expiries in MongoDB and enqueues their work. */
  "schedule.sweep": { reason: string };
  /** Deletes audit entries, ledger entries and failed-job records past their retention. */
  "retention.purge": { reason: string };
  /** Walks users.list to refresh every cached profile (slack/profile-refresh.ts). */
  "people.refresh": { reason: string };
  /** Sends one check-in DM to the mentee. */
  "checkins.send": { checkinId: string };
  /** The one gentle reminder (remindAt keeps a snoozed check-in's reminder distinct). */
  "checkins.remind": { checkinId: string; remindAt: string };
  /** The mentee answered: update their message and tell the mentor. */
  "checkins.answered": { checkinId: string };
  /** Several misses in a row: tell both people and the admins. */
  "checkins.missed-streak": { checkinId: string };
  /** The mentor's reflection prompt of a check-in, owed still (see OwedReflections): once. */
  "checkins.reflect": { checkinId: string };
  /** "Need help" with a mentor who left the workspace: the admins hear it instead. */
  /** A milestone was reached: shout-out (once per milestone, ever), the mentor's DM, and more. */
  "celebrations.post": { milestoneId: string; dueAt?: string };
  /** The mentee said "Share" to a milestone someone else marked: the shout-out, once. */
  "celebrations.share": { milestoneId: string };
  /** The mentor's introduction: a group DM of mentor, mentee and the person. */
  "introductions.post": { introductionId: string };
  /** The mentee asks the mentor, by DM, whom they could meet. */
  "introductions.request": { introductionId: string };
  /** Asks the giver for feedback (the prompt DM with its buttons). */
  "feedback.prompt": { requestId: string };
  /** The one reminder, or the "Not now" one a day later (remindAt keeps them distinct). */
  "feedback.remind": { requestId: string; remindAt: string };
  /** A week without an answer: tell the mentee. */
  "feedback.expired": { requestId: string };
  /** The person asked was forgotten: tell the mentee the request is cancelled. */
  "feedback.withdrawn": { requestId: string };
  /** Feedback was given: DM it to the mentee, mark the giver's prompt as sent. */
  "feedback.deliver": { entryId: string };
  /** A mentorship ended: thank both people and invite a reflection. */
  "relationship.closing": { relationshipId: string };
  /** A mentee moved to a new mentor at `at` (epoch ms): tell the old mentor, introduce the new one, tell the mentee. */
  "relationship.reassigned": { relationshipId: string; fromMentorId: string; at: string };
  /** A person's time zone changed: their check-ins follow from the next slot on. */
  /** `changedAt` (ms): the same change again a day later is a new job, not the old one's id. */
  "people.zone-changed": { userId: string; from: string; to: string; changedAt: number };
  /** Someone is away ("" until: no end known): tell the other person of the pair, once. */
  "availability.away-notice": { relationshipId: string; userId: string; until: string };
  /** An admin's `/mentor export`: the program's CSV files, shared in their DM. */
  "exports.program": { userId: string; requestKey: string };
  /** A Slack account was deactivated: tell the other person of each of their mentorships. */
  "people.left": { userId: string };
  /** Someone's `/mentor my data`: everything stored about them, as JSON in their DM. */
  "exports.my-data": { userId: string; requestKey: string };
  /** A pair became active: plan its kickoff (the sweep sends "Plan your kickoff" when due). */
  "kickoff.plan": { relationshipId: string };
  /** One person's "Plan your kickoff", in their working hours (the overlap rule). */
  /** `inviteAt` is in its id: a reassignment's new invitation is a new job, not one done already. */
  "kickoff.invite": { kickoffId: string; role: "mentor" | "mentee"; inviteAt: string };
  /** The mentee answered the kickoff form (`at` keeps a revised answer distinct): tell the mentor. */
  "kickoff.answers": { kickoffId: string; at: string };
  /** One person's reminder an hour before their kickoff starts (at `startsAt`). */
  "kickoff.remind": {
    kickoffId: string;
    role: "mentor" | "mentee";
    startsAt: string;
    /** When it was due (epoch ms): a reminder postponed to its person's hours is a new job. */
    remindAt: number;
  };
  /** After the kickoff: ask the mentee to confirm the roadmap. */
  "kickoff.confirm": { kickoffId: string; confirmAt: string };
  /**
   * Someone moved the kickoff to `at` (its `move`th move, so each move is its own job): tell the
   * other person. Jobs queued before moves were counted have no `move`.
   */
  "kickoff.moved": { kickoffId: string; at: string; by: string; move?: number };
  /**
   * The bot planned the kickoff again (its `move`th move) because `changed`'s hours, zone or
   * time off no longer fit its time: tell both people the new time.
   */
  "kickoff.replanned": { kickoffId: string; move: number; changed: string[] };
  /**
   * `userId`'s hours or time off changed at `changedAt` (each change its own job): their kickoffs
   * that no longer fit are planned again now.
   */
  "kickoff.refit": { userId: string; changedAt: string };
  /** The mentor saved suggested milestones: tell the mentee. */
  "kickoff.suggested": { kickoffId: string; count: number };
  /** The mentee confirmed the roadmap: tell the mentor. */
  "kickoff.confirmed": { kickoffId: string };
  /** An offer (mentee) or advice (mentor) was shared: tell the other person. */
  "exchanges.shared": { exchangeId: string };
  /** The monthly "Navigating the workplace" prompt to the mentor, due at `dueAt`. */
  "workplace.prompt": { relationshipId: string; dueAt: string };
}

export type JobName = keyof JobPayloads;

/** One job to enqueue, typed by its name. */
export type JobRequest = { [N in JobName]: { name: N; payload: JobPayloads[N] } }[JobName];

/** What services see of the queue: enqueue, nothing else. */
export interface JobEnqueuer {
  enqueue<N extends JobName>(name: N, payload: JobPayloads[N]): Promise<void>;
  /** Many jobs in one round trip per queue (a sweep page); ids dedupe as with `enqueue`. */
  enqueueMany(jobs: readonly JobRequest[]): Promise<void>;
  /**
   * For each job, whether one of its id is still held by the queue (waiting, running, or kept
   * after it finished), so enqueueing it again would add nothing. One round trip per queue.
   */
  alreadyQueued(jobs: readonly JobRequest[]): Promise<boolean[]>;
}
