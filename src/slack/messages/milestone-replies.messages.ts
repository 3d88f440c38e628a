import { formatCalendarDate } from "../../domain/calendar-date.js";
import type { CalendarDate, Milestone, Roadmap } from "../../domain/roadmap.js";
import type { SlackMessage } from "../slack-message.js";
import { escapeMrkdwn } from "./escape.js";
import {
  goalLine,
  MILESTONE_STATUS_LABEL,
  milestoneDetailBlocks,
  progressLine,
} from "./roadmap.messages.js";

// The replies to `/mentor goal|milestone|log|done|reopen`, seen only by who typed them.

const title = (milestone: Milestone) => `*${escapeMrkdwn(milestone.title)}*`;
const due = (date: string | null) => (date ? `, due ${formatCalendarDate(date)}` : "");

export const goalSavedReply = (roadmap: Roadmap): SlackMessage => ({
  text: `Career aspiration saved.\n${goalLine(roadmap)}`,
});

export const milestoneAddedReply = (
  number: number,
  milestone: Milestone,
  roadmap: Roadmap,
): SlackMessage => ({
  text: `Added milestone ${number}: ${title(milestone)}${due(milestone.dueDate)}.\n${progressLine(roadmap)}`,
});

export const milestoneEditedReply = (number: number, milestone: Milestone): SlackMessage => ({
  text: `Updated milestone ${number}: ${title(milestone)}${due(milestone.dueDate)}.`,
});

/** `/mentor milestone <n>`: the milestone in full. */
export const milestoneShownReply = (
  number: number,
  milestone: Milestone,
  today: CalendarDate,
): SlackMessage => ({
  text: `Milestone ${number}: ${escapeMrkdwn(milestone.title)}`,
  blocks: milestoneDetailBlocks(milestone, number, today),
});

export const progressLoggedReply = (number: number, milestone: Milestone): SlackMessage => ({
  text: `Progress logged on milestone ${number}: ${title(milestone)} (now ${MILESTONE_STATUS_LABEL[milestone.status].toLowerCase()}).`,
});

/** `/mentor done <n>` the first time: celebrated, with the actor's own today. */
export const milestoneReachedReply = (
  number: number,
  milestone: Milestone,
  roadmap: Roadmap,
  today: CalendarDate,
): SlackMessage => ({
  text: `:tada: Milestone ${number} reached: ${title(milestone)}, on ${formatCalendarDate(today)}. ${progressLine(roadmap)}`,
});

/** `/mentor done <n>` again. */
export const milestoneAlreadyDoneReply = (number: number, milestone: Milestone): SlackMessage => ({
  text: `Milestone ${number}, ${title(milestone)}, was already marked as reached.`,
});

export const milestoneReopenedReply = (
  number: number,
  milestone: Milestone,
  roadmap: Roadmap,
): SlackMessage => ({
  text: `Milestone ${number}, ${title(milestone)}, is in progress again. ${progressLine(roadmap)}`,
});

/** The "Remove" button's answer, in place of the question. */
export const milestoneRemovedReply = (milestone: Pick<Milestone, "title">): SlackMessage => ({
  text: `Removed the milestone *${escapeMrkdwn(milestone.title)}*. The others were renumbered.`,
});

export const milestoneKeptReply: SlackMessage = { text: "Kept it: nothing was removed." };
