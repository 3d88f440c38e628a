import type { Cell, CheckinRow, MilestoneRow, PairRow } from "./export.js";

/** The columns of each CSV, and how a row fills them. Times are ISO 8601 in UTC. */

const iso = (at: Date | null): Cell => (at ? at.toISOString() : null);

export const PAIR_COLUMNS = [
  "relationship_id",
  "mentor_id",
  "mentor_name",
  "mentee_id",
  "mentee_name",
  "status",
  "started",
  "ended",
  "aspiration",
  "milestones_done",
  "milestones_total",
  "milestones_overdue",
  "checkins_sent",
  "checkins_answered",
  "last_checkin_answer",
  "missed_streak",
] as const;

export function pairCells(r: PairRow): Cell[] {
  return [
    r.relationshipId,
    r.mentorId,
    r.mentorName,
    r.menteeId,
    r.menteeName,
    r.status,
    iso(r.started),
    iso(r.ended),
    r.aspiration,
    r.milestonesDone,
    r.milestonesTotal,
    r.milestonesOverdue,
    r.checkinsSent,
    r.checkinsAnswered,
    r.lastAnswer,
    r.missedStreak,
  ];
}

export const MILESTONE_COLUMNS = [
  "relationship_id",
  "mentor_id",
  "mentee_id",
  "number",
  "title",
  "status",
  "due_date",
  "overdue",
  "done_at",
  "created_at",
] as const;

export function milestoneCells(r: MilestoneRow): Cell[] {
  return [
    r.relationshipId,
    r.mentorId,
    r.menteeId,
    r.number,
    r.title,
    r.status,
    r.dueDate,
    r.overdue ? "yes" : "no",
    iso(r.doneAt),
    iso(r.createdAt),
  ];
}

export const CHECKIN_COLUMNS = [
  "relationship_id",
  "mentor_id",
  "mentee_id",
  "scheduled_for",
  "sent_at",
  "status",
  "answer",
  "answer_note",
  "answered_at",
] as const;

export function checkinCells(r: CheckinRow): Cell[] {
  return [
    r.relationshipId,
    r.mentorId,
    r.menteeId,
    iso(r.scheduledFor),
    iso(r.sentAt),
    r.status,
    r.answer,
    r.answerNote,
    iso(r.answeredAt),
  ];
}

/** Maps a stream lazily: one row in memory at a time. */
export async function* mapRows<T>(
  rows: AsyncIterable<T>,
  cells: (row: T) => Cell[],
): AsyncIterable<Cell[]> {
  for await (const row of rows) yield cells(row);
}
