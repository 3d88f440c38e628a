import type { InputPlace } from "../../domain/errors.js";

/** A subcommand that names one person with @ (`/mentor block @olly`). */
export type PersonCommand = "admins add" | "admins remove" | "block" | "unblock";

/** A subcommand that names one channel with # (`/mentor channels allow #wins`). */
export type ChannelCommand = "channels allow" | "channels remove" | "celebrate in";

type NoDetails = Readonly<Record<string, never>>;

/**
 * Why a known subcommand could not be read, with what is needed to say so.
 * Parsers name the problem; the words and the example to type are the Slack
 * messages' job (messages/usage-messages.ts), which must cover every code.
 */
export interface UsageDetails {
  pair_needs_two: NoDetails;
  pair_needs_mentions: NoDetails;
  person_mention_needed: { command: PersonCommand };
  channel_mention_needed: { command: ChannelCommand };
  admins_action_unknown: NoDetails;
  channels_action_unknown: NoDetails;
  checkin_action_unknown: NoDetails;
  celebrate_action_unknown: NoDetails;
  aspiration_switch_unknown: NoDetails;
  milestone_action_unknown: NoDetails;
  milestone_template_missing: NoDetails;
  milestone_number_only: { input: Extract<InputPlace, "milestone_remove" | "reopen"> };
  intro_person_missing: NoDetails;
  feedback_topic_missing: NoDetails;
  feedback_giver_not_mention: NoDetails;
  feedback_when_unclear: NoDetails;
  feedback_list_extra_words: NoDetails;
  hours_extra_words: NoDetails;
  away_date_missing: NoDetails;
  back_extra_words: NoDetails;
  program_page_invalid: NoDetails;
  my_data_extra_words: NoDetails;
  reassign_people_needed: NoDetails;
  forget_target_unknown: NoDetails;
  kickoff_time_missing: NoDetails;
}

export type UsageCode = keyof UsageDetails;

/** A known subcommand typed wrong: its code and details, no words. */
export type UsageProblem = {
  [C in UsageCode]: { kind: "usage"; code: C; details: Readonly<UsageDetails[C]> };
}[UsageCode];

type DetailsArgs<C extends UsageCode> = UsageDetails[C] extends NoDetails
  ? []
  : [details: UsageDetails[C]];

export function usage<C extends UsageCode>(code: C, ...[details]: DetailsArgs<C>): UsageProblem {
  // The pair was checked by DetailsArgs: these are the details the code asks for.
  return { kind: "usage", code, details: details ?? {} } as UsageProblem;
}
