/**
 * What one person can ask of others, so nobody can flood someone's DMs or a
 * channel through the bot. Each cap refuses with `limit_reached` and these
 * numbers as details; the Slack layer words it.
 */
const DAY_MS = 24 * 3600 * 1000;

export const ABUSE_LIMITS = {
  /** Pairing requests one person has waiting for an answer. */
  pendingPairRequests: 3,
  /** After a decline, no new request to the same person for this long. */
  declineCooldownMs: 7 * DAY_MS,
  /** Feedback requests one person has open (scheduled or asked). */
  openFeedbackRequests: 10,
  /** Feedback requests to the same giver within `feedbackToGiverWindowMs`. */
  feedbackToSameGiver: 3,
  feedbackToGiverWindowMs: 7 * DAY_MS,
  /** Introductions one mentor makes within a day. */
  introductionsPerDay: 10,
  introductionsWindowMs: DAY_MS,
  /** Milestones on one roadmap. */
  milestonesPerRoadmap: 50,
  /** Channel shout-outs per pair per (UTC) day; later ones wait for the next day. */
  shoutOutsPerPairPerDay: 5,
} as const;
