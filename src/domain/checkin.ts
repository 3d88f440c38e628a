export type CheckinStatus = "scheduled" | "sent" | "answered" | "missed" | "skipped";
export type AnswerKind = "on_track" | "need_help" | "progress";

export interface CheckinAnswer {
  kind: AnswerKind;
  note: string;
  /** Titles at the time of answering: the mentor reads what the mentee saw. */
  milestoneTitles: string[];
  by: string;
  at: Date;
}

export interface Checkin {
  id: string;
  relationshipId: string;
  mentorId: string;
  menteeId: string;
  /** The scheduled instant (ISO) or "now:<minute>" for an on-demand one; unique per relationship. */
  slot: string;
  scheduledFor: Date;
  /** 1 for a pair's first check-in, 2 for the second… every fourth adds a reflection prompt. */
  sequence: number;
  status: CheckinStatus;
  sentAt: Date | null;
  message: { channel: string; ts: string } | null;
  remindAt: Date | null;
  remindedAt: Date | null;
  missAt: Date | null;
  answer: CheckinAnswer | null;
}

/** Three unanswered in a row tell both people and the admins. */
export const MISSED_STREAK = 3;

/** Every n-th check-in also asks the mentor to reflect: mentorship goes both ways. */
export const REFLECTION_EVERY = 4;
