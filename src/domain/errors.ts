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
  | "partner_left"
  | "already_paired"
  | "request_already_pending"
  | "request_not_found"
  | "not_the_invitee"
  | "request_already_answered"
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
  | "feedback_list_no_mentorship"
  | "feedback_not_your_mentor"
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
  | "mentorship_not_active"
  | "self_feedback"
  | "title_before_date"
  | "feedback_number_missing"
  | "feedback_give_needs_mentee"
  | "kickoff_time_invalid"
  | "kickoff_time_past"
  | "kickoff_time_too_far"
  | "kickoff_outside_hours"
  | "kickoff_slot_taken"
  | "kickoff_field_missing"
  | "kickoff_field_too_long"
  | "kickoff_milestone_count"
  | "kickoff_already_suggested"
  | keyof TypedDetails;

/** A free-text piece of input, named as the person sees it. */
export type TextWhat = "title" | "aspiration" | "note" | "description" | "reason";

/**
 * Where a piece of input was typed. The Slack layer shows an example for each
 * place (src/slack/messages/input-examples.ts); the domain only names it.
 */
export type InputPlace =
  | "goal"
  | "milestone_add"
  | "milestone_edit"
  | "milestone_show"
  | "milestone_remove"
  | "milestone_description"
  | "log"
  | "done"
  | "reopen"
  | "end_command"
  | "end_button"
  | "reflection_worked"
  | "reflection_next"
  | "congratulation"
  | "congratulation_next_step"
  | "feedback_request"
  | "feedback_give"
  | "feedback_give_form"
  | "intro"
  | "intro_request";

/**
 * Codes whose details are typed: input that broke a rule, with what is needed
 * to say so (the limit, the text echoed back). `field` names the form field at
 * fault, so a modal can show the error beside it.
 */
export interface TypedDetails {
  text_missing: { what: TextWhat; input: InputPlace; field: string };
  text_too_long: { what: TextWhat; length: number; limit: number; field: string };
  text_looks_like_code: { what: TextWhat; field: string };
  date_invalid: { text: string; field: string };
  date_past: { date: string; field: string };
  date_too_far: { date: string; years: number; field: string };
  milestone_number_missing: { input: InputPlace; field: string };
  milestone_not_picked: { field: string };
  intro_text_missing: { input: "intro" | "intro_request" };
  when_amount_invalid: { field: string };
  when_invalid: { text: string; field: string };
  when_past: { field: string };
  when_too_far: { days: number; field: string };
  feedback_field_too_long: { length: number; limit: number; field: string };
  feedback_fields_empty: { field: string };
  rating_invalid: { min: number; max: number; field: string };
  cadence_frequency_unknown: { choices: string };
  cadence_weekday_unknown: { text: string };
  cadence_time_unknown: { text: string };
  cadence_extra_words: { text: string };
}

type LooseDetails = Readonly<Record<string, string>>;

/** The details a code is raised with: typed for TypedDetails' codes, strings for the rest. */
export type DetailsOf<C extends DomainErrorCode> = C extends keyof TypedDetails
  ? Readonly<TypedDetails[C]>
  : LooseDetails;

type DetailsArgs<C extends DomainErrorCode> = C extends keyof TypedDetails
  ? [details: TypedDetails[C]]
  : [details?: LooseDetails];

export class DomainError<C extends DomainErrorCode = DomainErrorCode> extends Error {
  readonly details: Readonly<Record<string, string | number>> & { readonly field?: string };

  constructor(
    readonly code: C,
    ...[details]: DetailsArgs<C>
  ) {
    super(code);
    this.name = "DomainError";
    this.details = details ?? {};
  }

  /** The same refusal, shown on another form field. */
  inField(field: string): DomainError<C> {
    // The same code with the details it was raised with, so the cast restores what was checked then.
    const details = [{ ...this.details, field }] as unknown as DetailsArgs<C>;
    return new DomainError<C>(this.code, ...details);
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
