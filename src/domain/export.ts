import type { AnswerKind, CheckinStatus } from "./checkin.js";
import type { OverdueWhereDue } from "./overdue-where-due.js";
import type { RelationshipStatus } from "./relationship.js";
import type { CalendarDate, MilestoneStatus } from "./roadmap.js";

/**
 * Files a person asks for (the program's CSVs, their own data as JSON),
 * written to temporary files and shared in their DM with Slack's upload.
 */

export interface PairRow {
  relationshipId: string;
  mentorId: string;
  mentorName: string;
  menteeId: string;
  menteeName: string;
  /** A request that ended before it began says "declined" or "withdrawn", not "ended". */
  status: RelationshipStatus | "declined" | "withdrawn";
  started: Date | null;
  ended: Date | null;
  aspiration: string;
  milestonesDone: number;
  milestonesTotal: number;
  milestonesOverdue: number;
  checkinsSent: number;
  checkinsAnswered: number;
  lastAnswer: AnswerKind | null;
  missedStreak: number;
}

export interface MilestoneRow {
  relationshipId: string;
  mentorId: string;
  menteeId: string;
  /** The number people type: 1-based, in roadmap order. */
  number: number;
  title: string;
  status: MilestoneStatus;
  dueDate: CalendarDate | null;
  overdue: boolean;
  doneAt: Date | null;
  createdAt: Date;
}

export interface CheckinRow {
  relationshipId: string;
  mentorId: string;
  menteeId: string;
  scheduledFor: Date;
  sentAt: Date | null;
  status: CheckinStatus;
  answer: AnswerKind | null;
  answerNote: string;
  answeredAt: Date | null;
}

/** The program's rows, streamed from cursors: memory stays at one batch whatever the size. */
export interface ExportRows {
  /** Overdue milestones judged by `overdue`, as `/mentor program` judges them. */
  pairs(overdue: OverdueWhereDue): AsyncIterable<PairRow>;
  milestones(overdue: OverdueWhereDue): AsyncIterable<MilestoneRow>;
  checkins(): AsyncIterable<CheckinRow>;
}

/** A file written and ready to upload. */
export interface ExportFile {
  filename: string;
  title: string;
  path: string;
  bytes: number;
  /** Data rows (not counting a header). */
  rows: number;
}

export type Cell = string | number | null;

/** Writes files to a private temporary folder; `discard` removes them. */
export interface FileWriter {
  csv(
    filename: string,
    title: string,
    header: readonly string[],
    rows: AsyncIterable<readonly Cell[]>,
  ): Promise<ExportFile>;
  json(filename: string, title: string, value: unknown): Promise<ExportFile>;
  discard(files: readonly ExportFile[]): Promise<void>;
}

export type ExportKind = "program" | "my_data";

/** Slack refused the upload (not a hiccup a retry would cure): `code` is Slack's error. */
export class UploadRefusedError extends Error {
  constructor(readonly code: string) {
    super(`upload refused: ${code}`);
    this.name = "UploadRefusedError";
  }
}

/** Shares files in a person's DM, once per key, all together or not at all. */
export interface FileDelivery {
  /** Throws UploadRefusedError when Slack refuses; nothing is shared then. */
  share(userId: string, key: string, kind: ExportKind, files: readonly ExportFile[]): Promise<void>;
  /** Tells the person, once per key, that Slack refused the upload. */
  refused(userId: string, key: string, kind: ExportKind, code: string): Promise<void>;
}

/**
 * Everything stored about one person, as plain records (the answer to
 * `/mentor my data`): nothing here is reshaped, so nothing is left out.
 */
export interface PersonalData {
  person: string;
  exportedAt: Date;
  profile: unknown;
  availability: unknown;
  admin: unknown;
  /**
   * Every pair they are or were in, with its goal, cadence and reflections; of a pair an admin
   * moved to another mentor, only its mentee and that they mentored it (their part of it is in
   * the lists below).
   */
  mentorships: unknown[];
  milestones: unknown[];
  progressNotes: unknown[];
  checkins: unknown[];
  feedbackRequests: unknown[];
  feedback: unknown[];
  introductions: unknown[];
  blocks: unknown[];
  /** Their pairs' kickoffs, offers and workplace advice. */
  kickoffs: unknown[];
  /**
   * What the people did in those kickoffs: the mentee's answers, the suggestion, the
   * confirmation, and the last move (its time, who moved it, the mentor).
   */
  kickoffSteps: unknown[];
  exchanges: unknown[];
  /** Entries they made, or about them or their pairs. */
  auditEntries: unknown[];
}

export interface PersonalDataStore {
  collect(userId: string, now: Date): Promise<PersonalData>;
}
