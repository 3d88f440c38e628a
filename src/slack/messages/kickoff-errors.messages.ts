import type { Weekday } from "../../domain/cadence.js";
import type { DomainErrorCode } from "../../domain/errors.js";
import { KICKOFF_MAX_AHEAD_DAYS } from "../../domain/kickoff.js";
import { mention } from "../commands/mention.js";
import { describeDays } from "./availability.messages.js";
import { clip } from "./escape.js";
import { slackDate } from "./slack-date.js";

type KickoffErrorCode = Extract<DomainErrorCode, `kickoff_${string}`>;
type Details = Readonly<Record<string, string>>;

const FIELD_NAMES: Record<string, string> = {
  aspiration: "your aspiration",
  targetDate: "a target date",
  skills: "the skills you want to develop",
  challenges: "the challenges you foresee",
  support: "the support you'd like",
  offer: "what you can offer",
  advice: "your advice",
  topic: "a topic",
};

/** The kickoff's refusals, in words (merged into error-messages.ts). */
export const KICKOFF_ERROR_MESSAGES: { [C in KickoffErrorCode]: (d: Details) => string } = {
  kickoff_time_invalid: (d) =>
    `\`${clip(d.text)}\` isn't a date and time I know. Write it like \`/mentor kickoff at 2026-12-03 16:30\` (your own time).`,
  kickoff_time_past: () => "That time has already passed. Pick a time in the future.",
  kickoff_time_too_far: (d) =>
    `That's more than ${d.days ?? "90"} days away. Pick a nearer time for the kickoff.`,
  kickoff_outside_hours: (d) => outsideHours(d),
  kickoff_slot_taken: (d) => {
    const who = d.self ? "You already have" : `${mention(d.userId ?? "")} already has`;
    const lead = `${who} another kickoff then.`;
    if (!d.nearest)
      return `${lead} Pick another time you're both working, within ${KICKOFF_MAX_AHEAD_DAYS} days.`;
    return `${lead} The nearest free time you're both working is ${slackDate(new Date(d.nearest))}: \`/mentor kickoff at ${d.nearestLocal ?? ""}\`.`;
  },
  kickoff_field_missing: (d) =>
    d.field?.startsWith("due_")
      ? "Give this milestone a due date."
      : `Please add ${FIELD_NAMES[d.field ?? ""] ?? "this"}.`,
  kickoff_field_too_long: (d) =>
    `That's ${d.length ?? "too many"} characters; the limit is ${d.limit ?? "2000"}. Please shorten it.`,
  kickoff_milestone_count: (d) =>
    `Suggest between ${d.min ?? "4"} and ${d.max ?? "8"} milestones (you have ${d.count ?? "0"}). Clear a title to leave a row out.`,
  // Not "you": after a reassignment, the mentor before may have suggested them.
  kickoff_already_suggested: () =>
    "Milestones are already suggested for this kickoff: `/mentor roadmap` shows them. Add more with `/mentor milestone add`, or change them with `/mentor milestone edit`.",
};

function outsideHours(d: Details): string {
  const days = (d.days ?? "")
    .split(",")
    .filter(Boolean)
    .map((day) => Number(day) as Weekday);
  const whose = d.self ? "your working hours" : `${mention(d.userId ?? "")}'s working hours`;
  const hours = `${d.start ?? ""}-${d.end ?? ""}, ${describeDays(days)}, ${d.zone ?? ""}`;
  const lead = `That's outside ${whose} (${hours}), or on a day off, for a 30-minute kickoff.`;
  if (d.tooFar) {
    return `${lead} The next time you're both working is more than ${KICKOFF_MAX_AHEAD_DAYS} days away; pick an earlier day.`;
  }
  if (!d.nearest) {
    return `${lead} Your working hours don't overlap, so each of you starts the kickoff at the start of your own working day; \`/mentor hours\` can change that.`;
  }
  return `${lead} The nearest time you're both working is ${slackDate(new Date(d.nearest))}: \`/mentor kickoff at ${d.nearestLocal ?? ""}\`.`;
}
