import type { KnownBlock } from "@slack/types";
import { formatCalendarDate, isBefore } from "../../domain/calendar-date.js";
import {
  type CalendarDate,
  MILESTONE_STATUS_LABEL,
  type Milestone,
  progressOf,
  type Roadmap,
} from "../../domain/roadmap.js";
import { mention } from "../commands/mention.js";
import type { SlackMessage } from "../direct-messenger.js";
import { context, section } from "./blocks.js";
import { escapeMrkdwn } from "./escape.js";
import { slackDate } from "./slack-date.js";

const STATUS_ICON = {
  planned: ":white_circle:",
  in_progress: ":large_blue_circle:",
  done: ":white_check_mark:",
};

/** One line per milestone: number, title, status, due date (overdue marked), latest note. */
export function milestoneLine(milestone: Milestone, number: number, today: CalendarDate): string {
  const parts = [`${STATUS_ICON[milestone.status]} *${number}. ${escapeMrkdwn(milestone.title)}*`];
  parts.push(`_${MILESTONE_STATUS_LABEL[milestone.status]}_`);
  if (milestone.status === "done" && milestone.doneAt) {
    parts.push(`reached ${slackDate(milestone.doneAt, "{date_short_pretty}")}`);
  } else if (milestone.dueDate) {
    const overdue = isBefore(milestone.dueDate, today);
    parts.push(
      `${overdue ? ":warning: *overdue*, was due" : "due"} ${formatCalendarDate(milestone.dueDate)}`,
    );
  }
  let line = parts.join(" · ");
  if (milestone.latestNote?.text) {
    line += `\n>${escapeMrkdwn(milestone.latestNote.text).replace(/\n/g, "\n>")}\n${mention(milestone.latestNote.authorId)}, ${slackDate(milestone.latestNote.at)}`;
  }
  return line;
}

export function goalLine(roadmap: Roadmap): string {
  if (!roadmap.goal) {
    return "_No career aspiration yet._ Set one with `/mentor goal Lead a team by 2027-12-31`.";
  }
  const target = roadmap.goal.targetDate
    ? ` (target: ${formatCalendarDate(roadmap.goal.targetDate)})`
    : "";
  return `:dart: *${escapeMrkdwn(roadmap.goal.aspiration)}*${target}`;
}

export function progressLine(roadmap: Roadmap): string {
  const { done, total } = progressOf(roadmap);
  if (total === 0)
    return "No milestones yet. Add one with `/mentor milestone add <title> [by YYYY-MM-DD]`.";
  return `Progress: *${done} of ${total}* milestones reached ${bar(done, total)}`;
}

export function roadmapBlocks(roadmap: Roadmap, today: CalendarDate): KnownBlock[] {
  return [
    section(`*Roadmap of ${mention(roadmap.menteeId)}*, mentored by ${mention(roadmap.mentorId)}`),
    section(goalLine(roadmap)),
    context(progressLine(roadmap)),
    ...roadmap.milestones.map((m, i) => section(milestoneLine(m, i + 1, today))),
  ];
}

export function roadmapMessage(roadmap: Roadmap, today: CalendarDate): SlackMessage {
  const { done, total } = progressOf(roadmap);
  return {
    text: [
      ...(roadmap.endedAt ? [endedLine(roadmap.endedAt)] : []),
      `Roadmap of ${mention(roadmap.menteeId)}: ${roadmap.goal ? escapeMrkdwn(roadmap.goal.aspiration) : "no aspiration yet"}`,
      `${done} of ${total} milestones reached`,
      ...roadmap.milestones.map(
        (m, i) => `${i + 1}. ${escapeMrkdwn(m.title)} (${MILESTONE_STATUS_LABEL[m.status]})`,
      ),
    ].join("\n"),
    blocks: [
      ...(roadmap.endedAt ? [context(endedLine(roadmap.endedAt))] : []),
      ...roadmapBlocks(roadmap, today),
    ],
  };
}

const endedLine = (endedAt: Date) =>
  `:checkered_flag: This mentorship ended ${slackDate(endedAt, "{date_short_pretty}")}. Its roadmap is kept as it was.`;

function bar(done: number, total: number): string {
  const filled = Math.round((done / total) * 10);
  return `\`${"█".repeat(filled)}${"░".repeat(10 - filled)}\``;
}
