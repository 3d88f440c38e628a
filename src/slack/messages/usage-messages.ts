import type { UsageCode, UsageDetails, UsageProblem } from "../commands/usage-problem.js";
import type { SlackMessage } from "../slack-message.js";
import { COMMAND_EXAMPLES, INPUT_EXAMPLES } from "./input-examples.js";

type Usage = { problem: string; example: string };

/** What was wrong with a subcommand, and what to type: the compiler checks every code has its words. */
const USAGE: { [C in UsageCode]: (details: Readonly<UsageDetails[C]>) => Usage } = {
  pair_needs_two: () => ({
    problem: "Name exactly two people: the mentor first, then the mentee.",
    example: COMMAND_EXAMPLES.pair,
  }),
  pair_needs_mentions: () => ({
    problem: "Mention both people with @, so Slack turns them into mentions.",
    example: COMMAND_EXAMPLES.pair,
  }),
  person_mention_needed: (d) => ({
    problem: "Name one person with @, so Slack turns it into a mention.",
    example: COMMAND_EXAMPLES[d.command],
  }),
  channel_mention_needed: (d) => ({
    problem: "Name one channel with #, so Slack turns it into a link.",
    example: COMMAND_EXAMPLES[d.command],
  }),
  admins_action_unknown: () => ({
    problem: "`admins` takes `add @person` or `remove @person` (or nothing, to list them).",
    example: COMMAND_EXAMPLES["admins add"],
  }),
  channels_action_unknown: () => ({
    problem: "`channels` takes `allow #channel` or `remove #channel` (or nothing, to list them).",
    example: COMMAND_EXAMPLES["channels allow"],
  }),
  checkin_action_unknown: () => ({
    problem:
      "Check-ins take: `every <weekly|biweekly|monthly> [mon..sun] [HH:MM]`, `pause`, `resume`, `skip` or `now`.",
    example: COMMAND_EXAMPLES["checkin every"],
  }),
  celebrate_action_unknown: () => ({
    problem: "Celebrations take: `in #channel`, `public` or `private` (or nothing, to see them).",
    example: COMMAND_EXAMPLES["celebrate private"],
  }),
  aspiration_switch_unknown: () => ({
    problem: "Say `on` to name your aspiration in shout-outs, or `off` to keep it out.",
    example: COMMAND_EXAMPLES["celebrate aspiration"],
  }),
  milestone_action_unknown: () => ({
    problem: "Say what to do with the milestone: add, edit or remove.",
    example: INPUT_EXAMPLES.milestone_add,
  }),
  milestone_number_only: (d) => ({
    problem: "Give just the milestone's number.",
    example: INPUT_EXAMPLES[d.input],
  }),
  intro_person_missing: () => ({
    problem: "Start with the person to introduce, as an @mention, then say why they should meet.",
    example: INPUT_EXAMPLES.intro,
  }),
  feedback_topic_missing: () => ({
    problem: "Say what the feedback is about, and optionally when to ask and whom.",
    example: INPUT_EXAMPLES.feedback_request,
  }),
  feedback_giver_not_mention: () => ({
    problem: "Mention the person to ask with @.",
    example: COMMAND_EXAMPLES["feedback from"],
  }),
  hours_extra_words: () => ({
    problem: "Give the hours, then the days if they aren't Monday to Friday.",
    example: COMMAND_EXAMPLES.hours,
  }),
  away_date_missing: () => ({
    problem: "Say the last day you're away.",
    example: COMMAND_EXAMPLES.away,
  }),
  back_extra_words: () => ({
    problem: "`back` takes nothing after it.",
    example: COMMAND_EXAMPLES.back,
  }),
  program_page_invalid: () => ({
    problem: "Add a page number, or nothing for the first page.",
    example: COMMAND_EXAMPLES.program,
  }),
  my_data_extra_words: () => ({
    problem: "`/mentor my data` is always about you, so it takes nothing more.",
    example: COMMAND_EXAMPLES["my data"],
  }),
  reassign_people_needed: () => ({
    problem: "Name the mentee first, then their new mentor, both as @mentions.",
    example: COMMAND_EXAMPLES.reassign,
  }),
  forget_target_unknown: () => ({
    problem: "Say `forget me` to have your data deleted (program admins can name a person).",
    example: COMMAND_EXAMPLES.forget,
  }),
  kickoff_time_missing: () => ({
    problem: "Give the kickoff's date and time, in your own time zone.",
    example: COMMAND_EXAMPLES["kickoff at"],
  }),
};

/** A known subcommand typed wrong: what was wrong, and an example. */
export function usageMessage(usage: UsageProblem): string {
  // The problem was built with its code's details (usage() checks the pair).
  const words = USAGE[usage.code] as (details: UsageProblem["details"]) => Usage;
  const { problem, example } = words(usage.details);
  return `${problem} For example: \`${example}\``;
}

export const usageReply = (usage: UsageProblem): SlackMessage => ({ text: usageMessage(usage) });
