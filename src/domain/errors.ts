/**
 * Errors that end a user's request on purpose. Each has a stable code; the
 * Slack layer turns the code into words (src/slack/messages/error-messages.ts),
 * so services never write user-facing text and internals never leak.
 */
export type DomainErrorCode =
  | "not_allowed_to_pair"
  | "self_pairing"
  | "bot_user"
  | "unknown_user"
  | "already_paired"
  | "request_already_pending"
  | "request_not_found"
  | "not_the_invitee"
  | "request_already_answered"
  | "invalid_input"
  | "no_roadmap_found"
  | "ambiguous_relationship"
  | "milestone_not_found"
  | "milestone_not_done"
  | "checkin_not_found"
  | "checkin_already_answered"
  | "checkin_closed"
  | "admins_only"
  | "not_the_mentor"
  | "not_the_mentee"
  | "already_in_pair"
  | "feedback_needs_mentor"
  | "feedback_request_not_found"
  | "feedback_already_sent"
  | "feedback_already_given"
  | "feedback_request_closed"
  | "not_their_mentor"
  | "already_admin"
  | "not_an_admin"
  | "bootstrap_admin"
  | "last_admin"
  | "already_ended"
  | "mentorship_ended"
  | "not_a_mentee"
  | "several_mentors"
  | "same_mentor"
  | "hours_not_a_range"
  | "hours_end_before_start"
  | "hours_no_days"
  | "hours_unknown_days"
  | "away_date_invalid"
  | "away_date_past"
  | "away_date_too_far"
  | "unknown_template"
  | "limit_reached"
  | "declined_recently"
  | "request_refused"
  | "self_block"
  | "channel_not_allowed"
  | "mentorship_not_active";

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly details: Readonly<Record<string, string>> = {},
  ) {
    super(code);
    this.name = "DomainError";
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
