import type { Weekday } from "../../domain/cadence.js";
import { formatCalendarDate } from "../../domain/calendar-date.js";
import type { Away, PersonCalendar } from "../../domain/calendars.js";
import type { Relationship } from "../../domain/relationship.js";
import type { CalendarDate } from "../../domain/roadmap.js";
import type { WorkingHours } from "../../domain/working-hours.js";
import { mention } from "../commands/mention.js";
import type { SlackMessage } from "../slack-message.js";
import { escapeMrkdwn } from "./escape.js";

const DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** "Monday to Thursday", "Monday, Wednesday and Friday", "Friday to Monday" stays a list. */
export function describeDays(days: readonly Weekday[]): string {
  const runs: Weekday[][] = [];
  for (const day of days) {
    const run = runs[runs.length - 1];
    if (run && run[run.length - 1] === day - 1) run.push(day);
    else runs.push([day]);
  }
  const parts = runs.flatMap((run) => {
    const first = DAY_NAMES[(run[0] ?? 1) - 1] ?? "";
    const last = DAY_NAMES[(run[run.length - 1] ?? 1) - 1] ?? "";
    if (run.length >= 3) return [`${first} to ${last}`];
    return run.map((d) => DAY_NAMES[d - 1] ?? "");
  });
  return parts.length <= 1
    ? (parts[0] ?? "")
    : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

export function describeHours(hours: WorkingHours): string {
  return `${hours.start}-${hours.end}, ${describeDays(hours.days)}`;
}

function describeAway(away: Away): string {
  const until = away.until ? ` through ${formatCalendarDate(away.until)}` : "";
  return away.source === "command"
    ? `You're away${until}.`
    : `Your Slack status says you're away${until} ("${escapeMrkdwn(away.note || "away")}").`;
}

/** `/mentor hours`, after showing or setting them. */
export function hoursReply(calendar: PersonCalendar, changed: boolean): string {
  const lead = changed ? "Working hours saved." : "Your working hours:";
  const which = calendar.ownHours ? "" : " (the default)";
  const lines = [
    `${lead} ${describeHours(calendar.hours)}${which}, in your time zone (${calendar.zone}).`,
    "Check-ins, reminders and prompts reach you only then, and never on company holidays.",
  ];
  if (!changed) lines.push("Change them with `/mentor hours 08:30-17:00 mon-thu`.");
  if (calendar.away) lines.push(describeAway(calendar.away));
  return lines.join(" ");
}

/** `partnersTold`: how many mentoring partners were sent a notice; none is promised otherwise. */
export function awayReply(calendar: PersonCalendar, partnersTold: number): string {
  const until = calendar.away?.until ? formatCalendarDate(calendar.away.until) : "";
  const told =
    partnersTold === 0
      ? ""
      : partnersTold === 1
        ? ", and your mentoring partner has been told"
        : ", and your mentoring partners have been told";
  return [
    `Enjoy your time off! You're away through ${until}.`,
    `Your check-ins and reminders wait until you're back, nothing counts as missed${told}.`,
    "`/mentor back` ends it early.",
  ].join(" ");
}

export function backReply(calendar: PersonCalendar): string {
  if (calendar.away?.source === "slack_status") {
    return `Welcome back! ${describeAway(calendar.away)} Check-ins wait until you change it.`;
  }
  return "Welcome back! Check-ins and reminders reach you again in your working hours.";
}

/** The one, kind note to the other person of a pair. */
export function awayNoticeMessage(
  relationship: Relationship,
  awayId: string,
  until: CalendarDate | null,
  note: string,
): SlackMessage {
  // `until` is the last day away: "until" it would read as the day they are back.
  const when = until ? ` through ${formatCalendarDate(until)}` : " for a while";
  const why = note ? ` (${escapeMrkdwn(note)})` : "";
  const role = awayId === relationship.menteeId ? "check-ins" : "mentorship messages";
  const text = [
    `:palm_tree: ${mention(awayId)} is away${when}${why}.`,
    `Your ${role} with them wait until they're back, and nothing counts as missed. Nothing for you to do: I'll pick things up when they return.`,
  ].join(" ");
  return { text };
}
