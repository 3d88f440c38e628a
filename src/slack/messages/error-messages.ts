import type { DetailsOf, DomainError, DomainErrorCode } from "../../domain/errors.js";
import { mention } from "../commands/mention.js";
import { clip } from "./escape.js";
import { COMMAND_EXAMPLES, INPUT_EXAMPLES } from "./input-examples.js";
import { KICKOFF_ERROR_MESSAGES } from "./kickoff-errors.messages.js";
import { adminNames } from "./program-admins.messages.js";

const CADENCE_EXAMPLE = `For example: \`${COMMAND_EXAMPLES["checkin every"]}\`.`;

/** Every user-facing refusal, written once; the compiler checks every code has its words. */
const MESSAGES: { [C in DomainErrorCode]: (details: DetailsOf<C>) => string } = {
  limit_reached: (d) => limitMessage(d),
  declined_recently: (d) =>
    `${who(d)} answered a request from you a few days ago, so I won't send another one yet. You can ask again a week after their answer.`,
  // Says no more than that it can't be sent: a blocked person is not told they were blocked.
  request_refused: (d) =>
    d.withId
      ? `I can't pair ${who(d)} with ${mention(d.withId)}.`
      : `I can't send that to ${who(d)}.`,
  self_block: () => "You can't block yourself.",
  channel_not_allowed: (d) =>
    `Shout-outs can go only to the program's celebration channel or a channel a program admin allowed${d.allowed ? `: ${channels(d.allowed)}` : ""}. An admin can add one with \`/mentor channels allow #channel\`.`,
  not_allowed_to_pair: () =>
    "Only a program admin, or one of the two people being paired, can set up a pairing.",
  self_pairing: () => "You can't pair someone with themselves. Name two different people.",
  bot_user: (d) => `${who(d)} is a bot, and bots can't be mentors or mentees.`,
  unknown_user: (d) =>
    `I couldn't find ${who(d)} in this workspace. Check the mention and try again.`,
  partner_left: (d) =>
    `${who(d)} has left the workspace, so nothing can reach them. A program admin can move the mentorship to someone new (\`/mentor reassign\`), or \`/mentor end\` closes it.`,
  already_paired: () => "Those two people are already paired.",
  request_already_pending: () =>
    "There's already a pairing request between those two people, waiting for an answer.",
  request_not_found: () => "I couldn't find that pairing request.",
  not_the_invitee: () => "Only the person who was asked can answer this request.",
  request_already_answered: () => "This request has already been answered.",
  no_roadmap_found: () => noRoadmapMessage(undefined),
  ambiguous_relationship: (d) =>
    d.named
      ? namedAmbiguity(d)
      : `You're part of several mentorships. Add who you mean at the end, for example: ${choices(d)}.`,
  milestone_not_found: (d) =>
    d.gone
      ? "That milestone isn't on the roadmap any more: it may have been removed while this form was open. Pick another one."
      : `There's no milestone ${d.number ?? "with that number"} on this roadmap. \`/mentor roadmap\` shows the numbers.`,
  checkin_not_found: () =>
    "I couldn't find that check-in. Only the mentee it was sent to can answer it.",
  checkin_closed: () =>
    "This check-in has passed without an answer, so it can't be snoozed. The next one will come on schedule, and you can still answer this one.",
  checkin_already_answered: () => "This check-in has already been answered. Thank you!",
  admins_only: () => "Only program admins can do that.",
  not_the_mentor: (d) =>
    d.what === "intro"
      ? "Only the mentor makes introductions. To ask your mentor for one: `/mentor intro request <topic>`."
      : "Only the mentor of this mentorship can do that.",
  not_the_mentee: (d) =>
    d.what === "intro_request"
      ? "Only the mentee asks for introductions. As the mentor, introduce them yourself: `/mentor intro @person <why>`."
      : d.what === "kickoff"
        ? "Only the mentee answers the kickoff questions and confirms the roadmap."
        : d.what === "offer"
          ? "Only the mentee shares what they can offer their mentor."
          : d.what === "aspiration"
            ? "Only the mentee chooses whether shout-outs name their aspiration: it's theirs."
            : "Only the mentee chooses whether their milestones are celebrated in public or in private: they're their milestones.",
  already_in_pair: (d) =>
    `${who(d)} is already part of this mentorship. Introduce your mentee to someone new.`,
  feedback_needs_mentor: () =>
    "Feedback requests are for mentees with an active mentor. Once you're paired, try `/mentor feedback Quarterly demo`.",
  feedback_request_not_found: (d) =>
    d.number
      ? `There's no feedback request ${d.number}. \`/mentor feedback list\` shows the numbers.`
      : "I couldn't find that feedback request.",
  feedback_list_no_mentorship: (d) =>
    `You have no mentorship with ${who(d)}; \`/mentor feedback list\` shows all your requests.`,
  feedback_not_your_mentor: (d) =>
    `${who(d)} isn't your mentor. Leave the mention out to ask your mentor, or write \`from ${who(d)}\` to ask them.`,
  feedback_already_sent: () =>
    "That request has already been sent (or closed), so it can't be cancelled.",
  feedback_already_given: () => "Feedback for this request has already been sent. Thank you!",
  feedback_request_closed: () => "This feedback request is closed: it was cancelled or it expired.",
  not_their_mentor: () =>
    "You can give feedback this way to your own mentees. Name one of them, like `/mentor feedback give @sam Your demo`.",
  milestone_not_done: (d) =>
    `Milestone ${d.number ?? ""} isn't marked as reached, so there's nothing to reopen.`,
  already_admin: (d) => `${who(d)} is already a program admin.`,
  not_an_admin: (d) => `${who(d)} isn't a program admin, so there's nothing to remove.`,
  bootstrap_admin: (d) =>
    `${who(d)} is an admin from the bot's settings (ADMIN_USER_IDS), so they can't be removed here.`,
  last_admin: () =>
    "You're the only program admin. Add someone else first (`/mentor admins add @person`), then remove yourself.",
  already_ended: () =>
    "That mentorship has already ended. Its roadmap stays readable with `/mentor roadmap @person`.",
  mentorship_ended: () =>
    "This mentorship has ended, so this no longer applies. Thank you for the time you put into it!",
  not_a_mentee: (d) =>
    `${who(d)} isn't the mentee of an active mentorship, so there's nothing to reassign. Pair them instead: \`/mentor pair @mentor @mentee\`.`,
  several_mentors: (d) =>
    `${who(d)} has several mentors, so I can't tell which mentorship to move. End the one that should stop by naming both its people (\`/mentor end @mentor ${mention(d.userId ?? "")}\`), then pair the new mentor instead.`,
  same_mentor: (d) => `${who(d)} is already this mentee's mentor.`,
  hours_not_a_range: (d) =>
    `\`${clip(d.text)}\` isn't a range of hours. Use 24-hour times, like \`/mentor hours 08:30-17:00 mon-thu\`.`,
  hours_end_before_start: (d) =>
    `Working hours must end after they start (\`${clip(d.text)}\`), within one day. For example: \`/mentor hours 08:30-17:00\`.`,
  hours_no_days: () =>
    "Working hours need at least one day. For example: `/mentor hours 09:00-17:00 mon-fri` (or `mon,wed,fri`).",
  hours_unknown_days: (d) =>
    `\`${clip(d.text)}\` isn't a set of days. Use a range like \`mon-thu\` or a list like \`mon,wed,fri\`.`,
  away_date_invalid: (d) =>
    `\`${clip(d.text)}\` isn't a date. Use YYYY-MM-DD, like \`/mentor away until 2027-01-08 Skiing\`.`,
  away_date_past: (d) =>
    `${d.date ?? "That date"} is already past (today is ${d.today ?? "later"}). Give the last day you're away.`,
  unknown_template: (d) =>
    `There's no roadmap template \`${clip(d.text)}\`. Pick one of: ${(d.choices ?? "")
      .split(",")
      .map((id) => `\`${id}\``)
      .join(", ")}. \`/mentor roadmap templates\` describes them.`,
  away_date_too_far: () =>
    "Time off can be set at most a year ahead. Pick an earlier date, and set it again later if need be.",
  mentorship_not_active: (d) =>
    d.status === "paused"
      ? "This mentorship is paused, so I'm not collecting check-in answers for now. Nothing was sent to your mentor."
      : "This mentorship isn't active, so I'm not collecting check-in answers. Nothing was sent to your mentor.",
  text_missing: (d) =>
    `Please add ${/^[aeiou]/.test(d.what) ? "an" : "a"} ${d.what}. For example: \`${INPUT_EXAMPLES[d.input]}\``,
  text_too_long: (d) =>
    `That ${d.what} is ${d.length} characters; the limit is ${d.limit}. Please shorten it.`,
  text_looks_like_code: (d) =>
    `That ${d.what} looks like code, not words. Please write it in plain text.`,
  date_invalid: (d) => `\`${clip(d.text, 30)}\` isn't a date I know. Dates look like 2027-06-30.`,
  date_past: (d) => `${d.date} is in the past. Pick today or a later date.`,
  date_too_far: (d) => `${d.date} is more than ${d.years} years away. Pick a nearer date.`,
  milestone_number_missing: (d) =>
    `Start with the milestone's number, as shown by \`/mentor roadmap\`. For example: \`${INPUT_EXAMPLES[d.input]}\``,
  milestone_not_picked: () => "Pick one of the milestones in the list.",
  title_before_date: () =>
    `Please add a title before the date. For example: \`${INPUT_EXAMPLES.milestone_add}\``,
  intro_text_missing: (d) =>
    `${d.input === "intro" ? "Say why they should meet." : "Say what you'd like to be introduced for."} For example: \`${INPUT_EXAMPLES[d.input]}\``,
  when_amount_invalid: () => "Say how long from now with a whole number, like `in 2h` or `in 30m`.",
  when_invalid: (d) =>
    `\`${clip(d.text)}\` isn't a date and time I know. Write it like \`at 2026-12-03 16:30\`.`,
  when_past: () => "That time has already passed. Pick a time in the future.",
  when_too_far: (d) => `That's more than ${d.days} days away. Pick a nearer time.`,
  feedback_field_too_long: (d) =>
    `This is ${d.length} characters; the limit is ${d.limit}. Please shorten it.`,
  feedback_fields_empty: () =>
    "Write at least one thing: what went well, what to improve, or a next step.",
  rating_invalid: (d) => `A rating is a whole number from ${d.min} to ${d.max}.`,
  self_feedback: () => "You can't ask yourself for feedback. Name someone else.",
  feedback_number_missing: () =>
    "Give the request's number from `/mentor feedback list`, like `/mentor feedback cancel 2`.",
  feedback_give_needs_mentee: () =>
    "Name your mentee and the topic, like `/mentor feedback give @sam Your demo on Tuesday`.",
  cadence_frequency_unknown: (d) =>
    `How often? Say ${orList(d.choices.split(","))}. ${CADENCE_EXAMPLE}`,
  cadence_weekday_unknown: (d) =>
    `\`${clip(d.text, 20)}\` isn't a day. Use mon, tue, wed, thu, fri, sat or sun. ${CADENCE_EXAMPLE}`,
  cadence_time_unknown: (d) =>
    `\`${clip(d.text, 20)}\` isn't a time. Use 24-hour HH:MM, like 09:30. ${CADENCE_EXAMPLE}`,
  cadence_extra_words: (d) => `I didn't understand \`${clip(d.text)}\`. ${CADENCE_EXAMPLE}`,
  ...KICKOFF_ERROR_MESSAGES,
};

/**
 * `admins`: the program admins, when the caller looked them up, so a refusal that says "ask a
 * program admin" names them (or says there are none).
 */
export function errorMessage(error: DomainError, admins?: readonly string[]): string {
  if (error.code === "no_roadmap_found") return noRoadmapMessage(admins);
  // The error was raised with its code's details (DomainError's constructor checks the pair).
  const say = MESSAGES[error.code] as (details: DomainError["details"]) => string;
  return say(error.details);
}

/** Something failed midway: part of the work may be done, so it does not claim otherwise. */
export const UNEXPECTED_ERROR_MESSAGE =
  "Sorry, something went wrong on my side. Please try again in a moment; if it keeps happening, tell a program admin.";

/** A form that did not open: nothing could have changed yet, so it says so. */
export const FORM_NOT_OPENED_MESSAGE =
  "Sorry, I couldn't open that form, so nothing was changed. Please try again in a moment.";

/** Who can pair the reader: named admins, none (so they ask someone themselves), or unknown. */
function noRoadmapMessage(admins: readonly string[] | undefined): string {
  const lead = "No roadmap found. Roadmaps belong to an active mentorship:";
  const yourself = "`/mentor pair @mentor @mentee`";
  if (admins === undefined) return `${lead} ask a program admin to pair you, or try ${yourself}.`;
  if (admins.length === 0) {
    return `${lead} there are no program admins yet, so ask someone yourself with ${yourself}.`;
  }
  return `${lead} ask a program admin to pair you (${adminNames(admins)}), or try ${yourself}.`;
}

function choices(details: Readonly<Record<string, string>>): string {
  return (details.choices ?? "")
    .split(",")
    .filter(Boolean)
    .map((choice) => {
      const [a, b] = choice.split(">");
      return b ? `${mention(a ?? "")} (mentor of ${mention(b)})` : mention(choice);
    })
    .join(", ");
}

/**
 * An admin named someone in several pairs they are not part of: which pairs, and (for `end`,
 * which takes both people) how to name one.
 */
function namedAmbiguity(details: Readonly<Record<string, string>>): string {
  const pairs = `${mention(details.named ?? "")} is in several mentorships: ${choices(details)}.`;
  if (details.command !== "end") {
    return `${pairs} I can't tell which one you mean here; one of its two people can name the other.`;
  }
  const [mentorId, menteeId] = (details.choices ?? "").split(",")[0]?.split(">") ?? [];
  return `${pairs} Name both people of the one you mean, for example: \`/mentor end ${mention(mentorId ?? "")} ${mention(menteeId ?? "")}\`.`;
}

/** The caps on what one person can ask of others (domain/abuse-limits.ts), in words. */
function limitMessage(d: Readonly<Record<string, string>>): string {
  const limit = d.limit ?? "";
  switch (d.what) {
    case "pending_pair_requests":
      return `You already have ${limit} pairing requests waiting for an answer. Once one is answered, you can ask someone else.`;
    case "open_feedback_requests":
      return `You have ${limit} feedback requests still open. Once some are answered (or you cancel one with \`/mentor feedback cancel <n>\`), you can ask again.`;
    case "feedback_to_giver":
      return `You've asked ${who(d)} for feedback ${limit} times this week. Give them a little time before asking again.`;
    case "introductions_per_day":
      return `You've made ${limit} introductions in the last day, the most for one day. Please try again tomorrow.`;
    case "milestones":
      return `This roadmap already has ${limit} milestones, the most one roadmap can hold. Remove or combine some first.`;
    default:
      return "That's more than I can do for one person right now. Please try again later.";
  }
}

/** "weekly, biweekly or monthly". */
function orList(words: readonly string[]): string {
  return words.length < 2
    ? (words[0] ?? "")
    : `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;
}

function channels(ids: string): string {
  return ids
    .split(",")
    .filter(Boolean)
    .map((id) => `<#${id}>`)
    .join(", ");
}

function who(details: Readonly<Record<string, string>>): string {
  return details.userId ? mention(details.userId) : "that person";
}
