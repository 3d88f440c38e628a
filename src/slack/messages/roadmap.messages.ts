import type { KnownBlock } from "@slack/types";
import { formatCalendarDate, isBefore } from "../../domain/calendar-date.js";
import {
  type CalendarDate,
  type Milestone,
  type MilestoneStatus,
  progressOf,
  type Roadmap,
} from "../../domain/roadmap.js";
import { mention } from "../commands/mention.js";
import type { SlackMessage } from "../slack-message.js";
import { context, section, sections } from "./blocks.js";
import { escapeMrkdwn } from "./escape.js";
import { slackDate } from "./slack-date.js";
import { fitMrkdwn, page, SLACK_LIMITS } from "./slack-limits.js";

/** How much of a milestone's latest note a roadmap line shows; `/mentor milestone <n>` shows all. */
const NOTE_PREVIEW = 300;

export const MILESTONE_STATUS_LABEL: Record<MilestoneStatus, string> = {
  planned: "Planned",
  in_progress: "In progress",
  done: "Done",
};

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
    const note = fitMrkdwn(
      quote(milestone.latestNote.text),
      NOTE_PREVIEW,
      `_(all of it: \`/mentor milestone ${number}\`)_`,
    );
    line += `\n${note}\n${mention(milestone.latestNote.authorId)}, ${slackDate(milestone.latestNote.at)}`;
  }
  return line;
}

/** User text as an escaped mrkdwn quote, every line quoted. */
export function quote(text: string): string {
  return `>${escapeMrkdwn(text).replace(/\n/g, "\n>")}`;
}

/** `/mentor milestone <n>`: one milestone in full, its description and latest note split across sections. */
export function milestoneDetailBlocks(
  milestone: Milestone,
  number: number,
  today: CalendarDate,
): KnownBlock[] {
  const { latestNote, ...withoutNote } = milestone;
  const blocks = [section(milestoneLine({ ...withoutNote, latestNote: null }, number, today))];
  if (milestone.description)
    blocks.push(...sections(`*What done looks like*\n${quote(milestone.description)}`));
  if (latestNote?.text) {
    blocks.push(
      ...sections(`*Latest note*\n${quote(latestNote.text)}`),
      context(`${mention(latestNote.authorId)}, ${slackDate(latestNote.at)}`),
    );
  }
  return blocks;
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

/** Room for the "…and N more milestones" line. */
const MORE_LINE_TEXT = 200;

/**
 * The roadmap in at most `room.blocks` blocks (a whole message's by default; less where the
 * message has blocks of its own around it) and, for a posted message, `room.text` characters of
 * text: past either, a last line says how many milestones are not shown.
 */
export function roadmapBlocks(
  roadmap: Roadmap,
  today: CalendarDate,
  room: { blocks?: number; text?: number } = {},
): KnownBlock[] {
  const title = `*Roadmap of ${mention(roadmap.menteeId)}*, mentored by ${mention(roadmap.mentorId)}`;
  const goal = goalLine(roadmap);
  const progress = progressLine(roadmap);
  const head = [section(title), section(goal), context(progress)];
  const blocksLeft = (room.blocks ?? SLACK_LIMITS.blocksPerMessage) - head.length;
  let textLeft =
    (room.text ?? Number.POSITIVE_INFINITY) - title.length - goal.length - progress.length;
  const lines: string[] = [];
  for (const [i, m] of roadmap.milestones.entries()) {
    const line = milestoneLine(m, i + 1, today);
    const last = i === roadmap.milestones.length - 1;
    // Room kept for the "…and N more" line unless this is the last milestone.
    if (
      lines.length >= blocksLeft - (last ? 0 : 1) ||
      line.length > textLeft - (last ? 0 : MORE_LINE_TEXT)
    )
      break;
    lines.push(line);
    textLeft -= line.length;
  }
  const more = roadmap.milestones.length - lines.length;
  return [
    ...head,
    ...lines.map((line) => section(line)),
    ...(more ? [context(andMoreMilestones(more, lines.length + 1))] : []),
  ];
}

/** Under a shortened list of milestones: how many are missing and how to see them. */
export function andMoreMilestones(more: number, next: number): string {
  return `…and ${more} more milestone${more === 1 ? "" : "s"}. \`/mentor milestone ${next}\` shows milestone ${next}, and so on.`;
}

/** Milestones the notification text names; the blocks show the rest. */
const TEXT_MILESTONES = 10;

export function roadmapMessage(roadmap: Roadmap, today: CalendarDate): SlackMessage {
  const { done, total } = progressOf(roadmap);
  const ended = roadmap.endedAt ? [context(endedLine(roadmap.endedAt))] : [];
  const named = page(roadmap.milestones, TEXT_MILESTONES);
  return {
    text: [
      ...(roadmap.endedAt ? [endedLine(roadmap.endedAt)] : []),
      `Roadmap of ${mention(roadmap.menteeId)}: ${roadmap.goal ? escapeMrkdwn(roadmap.goal.aspiration) : "no aspiration yet"}`,
      `${done} of ${total} milestones reached`,
      ...named.shown.map(
        (m, i) => `${i + 1}. ${escapeMrkdwn(m.title)} (${MILESTONE_STATUS_LABEL[m.status]})`,
      ),
      ...(named.more ? [`…and ${named.more} more`] : []),
    ].join("\n"),
    blocks: [
      ...ended,
      ...roadmapBlocks(roadmap, today, { blocks: SLACK_LIMITS.blocksPerMessage - ended.length }),
    ],
  };
}

const endedLine = (endedAt: Date) =>
  `:checkered_flag: This mentorship ended ${slackDate(endedAt, "{date_short_pretty}")}. Its roadmap is kept as it was.`;

function bar(done: number, total: number): string {
  const filled = Math.round((done / total) * 10);
  return `\`${"█".repeat(filled)}${"░".repeat(10 - filled)}\``;
}
