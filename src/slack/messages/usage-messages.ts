import type { UsageCode, UsageDetails, UsageProblem } from "../commands/usage-problem.js";
import type { SlackMessage } from "../slack-message.js";
import { COMMAND_EXAMPLES, INPUT_EXAMPLES } from "./input-examples.js";

/** What was wrong with a subcommand, and what to type: the compiler checks every code has its words. */
const USAGE: { [C in UsageCode]: (details: Readonly<UsageDetails[C]>) => string } = {
  pair_needs_two: () =>
    say("Name exactly two people: the mentor first, then the mentee.", COMMAND_EXAMPLES.pair),
  pair_needs_mentions: () =>
    say("Mention both people with @, so Slack turns them into mentions.", COMMAND_EXAMPLES.pair),
  person_mention_needed: (d) =>
    say("Name one person with @, so Slack turns it into a mention.", COMMAND_EXAMPLES[d.command]),
  channel_mention_needed: (d) =>
    say("Name one channel with #, so Slack turns it into a link.", COMMAND_EXAMPLES[d.command]),
  admins_action_unknown: () =>
    say(
      "`admins` takes `add @person` or `remove @person` (or nothing, to list them).",
      COMMAND_EXAMPLES["admins add"],
    ),
  channels_action_unknown: () =>
    say(
      "`channels` takes `allow #channel` or `remove #channel` (or nothing, to list them).",
      COMMAND_EXAMPLES["channels allow"],
    ),
  checkin_action_unknown: () =>
    say(
      "Check-ins take: `every <weekly|biweekly|monthly> [mon..sun] [HH:MM]`, `pause`, `resume`, `skip` or `now`.",
      COMMAND_EXAMPLES["checkin every"],
    ),
  celebrate_action_unknown: () =>
    say(
      "Celebrations take: `in #channel`, `public`, `private` or `aspiration on|off` (or nothing, to see them).",
      COMMAND_EXAMPLES["celebrate private"],
    ),
  aspiration_switch_unknown: () =>
    say(
      "Say `on` to name your aspiration in shout-outs, or `off` to keep it out.",
      COMMAND_EXAMPLES["celebrate aspiration"],
    ),
  milestone_action_unknown: () =>
    say(
      "Say what to do with the milestone: `add`, `edit <n>` or `remove <n>`, or give just its number to see it in full (`/mentor milestone 2`).",
      INPUT_EXAMPLES.milestone_add,
    ),
  milestone_template_missing: () =>
    say(
      "Name the template after `template`; `/mentor roadmap templates` lists them.",
      COMMAND_EXAMPLES["milestone add template"],
    ),
  milestone_number_only: (d) => say("Give just the milestone's number.", INPUT_EXAMPLES[d.input]),
  intro_person_missing: () =>
    say(
      "Start with the person to introduce, as an @mention, then say why they should meet.",
      INPUT_EXAMPLES.intro,
    ),
  feedback_topic_missing: () =>
    say(
      "Say what the feedback is about, and optionally when to ask and whom.",
      INPUT_EXAMPLES.feedback_request,
    ),
  feedback_giver_not_mention: () =>
    say("Mention the person to ask with @.", COMMAND_EXAMPLES["feedback from"]),
  feedback_when_unclear: () =>
    say(
      "I couldn't read when to ask. End with `in 2h`, `in 30m`, `tomorrow` or `at 2026-12-03 16:30` (your time), or with no time to ask now.",
      INPUT_EXAMPLES.feedback_request,
    ),
  feedback_list_extra_words: () =>
    say(
      "`feedback list` takes nothing more, or one @person to show only that mentorship's requests.",
      COMMAND_EXAMPLES["feedback list"],
    ),
  hours_extra_words: () =>
    say("Give the hours, then the days if they aren't Monday to Friday.", COMMAND_EXAMPLES.hours),
  away_date_missing: () => say("Say the last day you're away.", COMMAND_EXAMPLES.away),
  back_extra_words: () => say("`back` takes nothing after it.", COMMAND_EXAMPLES.back),
  program_page_invalid: () =>
    say("Add a page number, or nothing for the first page.", COMMAND_EXAMPLES.program),
  my_data_extra_words: () =>
    say(
      "`/mentor my data` is always about you, so it takes nothing more.",
      COMMAND_EXAMPLES["my data"],
    ),
  reassign_people_needed: () =>
    say(
      "Name the mentee first, then their new mentor, both as @mentions.",
      COMMAND_EXAMPLES.reassign,
    ),
  forget_target_unknown: () =>
    say(
      "Say `forget me` to have your data deleted (program admins can name a person).",
      COMMAND_EXAMPLES.forget,
    ),
  kickoff_time_missing: () =>
    say("Give the kickoff's date and time, in your own time zone.", COMMAND_EXAMPLES["kickoff at"]),
};

/** A known subcommand typed wrong: what was wrong, and an example. */
export function usageMessage(usage: UsageProblem): string {
  // The problem was built with its code's details (usage() checks the pair).
  const words = USAGE[usage.code] as (details: UsageProblem["details"]) => string;
  return words(usage.details);
}

export const usageReply = (usage: UsageProblem): SlackMessage => ({ text: usageMessage(usage) });

function say(problem: string, example: string): string {
  return `${problem} For example: \`${example}\``;
}
