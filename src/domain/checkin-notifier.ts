import type { Checkin } from "./checkin.js";
import type { Relationship } from "./relationship.js";
import type { Milestone } from "./roadmap.js";

export interface NumberedOpenMilestone {
  number: number;
  milestone: Milestone;
}

/**
 * The Slack side of check-ins, as the domain needs it. Each call is
 * idempotent: a retried job never sends a second message.
 */
export interface CheckinNotifier {
  /** Where the check-in went; null when the mentee has left the workspace (nothing sent). */
  sendCheckin(
    checkin: Checkin,
    milestones: NumberedOpenMilestone[],
  ): Promise<{ channel: string; ts: string } | null>;
  sendReflectionPrompt(checkin: Checkin): Promise<void>;
  sendReminder(checkin: Checkin): Promise<void>;
  /** Replaces the buttons of the mentee's check-in message with their answer. */
  showAnswered(checkin: Checkin): Promise<void>;
  tellMentor(checkin: Checkin): Promise<void>;
  tellMissedStreak(
    checkin: Checkin,
    relationship: Relationship,
    adminIds: readonly string[],
  ): Promise<void>;
}
