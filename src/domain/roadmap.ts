export type MilestoneStatus = "planned" | "in_progress" | "done";

/** A calendar date with no time or zone, e.g. "2027-06-30": a due date is a day, not an instant. */
export type CalendarDate = string;

export type ShareAnswer = "share" | "keep_private";

export interface ProgressNote {
  text: string;
  authorId: string;
  at: Date;
}

export interface Milestone {
  id: string;
  relationshipId: string;
  /** Sort key; the number people type is the 1-based index in roadmap order. */
  position: number;
  title: string;
  description: string;
  dueDate: CalendarDate | null;
  status: MilestoneStatus;
  doneAt: Date | null;
  latestNote: ProgressNote | null;
  /** Who marked it reached: a shout-out for a milestone the mentee didn't mark waits for their yes. */
  doneBy?: string | null;
  /** The mentee's answer to "Share it in #channel?", once asked. */
  shareAnswer?: ShareAnswer | null;
  /** A shout-out past the pair's daily cap waits until then (the sweep picks it up). */
  shoutOutDueAt?: Date | null;
  createdAt: Date;
}

/**
 * Which milestone: the number people type, or the id a form carries (a number would
 * point at another milestone if one were removed while the form was open).
 */
export type MilestonePick = number | { milestoneId: string };

export interface Goal {
  aspiration: string;
  targetDate: CalendarDate | null;
  updatedAt: Date;
  updatedBy: string;
}

export interface Roadmap {
  relationshipId: string;
  mentorId: string;
  menteeId: string;
  goal: Goal | null;
  /** In roadmap order: milestone n is milestones[n - 1]. */
  milestones: Milestone[];
  /** Set when the mentorship has ended: the roadmap is then read-only history. */
  endedAt?: Date | null;
}

export function progressOf(roadmap: Roadmap): { done: number; total: number } {
  return {
    done: roadmap.milestones.filter((m) => m.status === "done").length,
    total: roadmap.milestones.length,
  };
}

/** A milestone to add at the end of a roadmap. */
export interface NewMilestone {
  title: string;
  description: string;
  dueDate: CalendarDate | null;
  createdBy: string;
  now: Date;
}

/** Port: where milestones are kept, in roadmap order; a removed one is gone for the pair. */
/** An open milestone with its place on the roadmap, as a check-in shows it. */
export interface NumberedOpenMilestone {
  number: number;
  /** What a check-in shows of it: also what a pair keeps of it (Relationship.openMilestones). */
  milestone: Pick<Milestone, "id" | "title" | "dueDate">;
}

/** The first three open milestones of a roadmap in order, numbered as the roadmap shows them. */
export function openMilestonesOf(milestones: readonly Milestone[]): NumberedOpenMilestone[] {
  return milestones
    .map((milestone, i) => ({ milestone, number: i + 1 }))
    .filter(({ milestone }) => milestone.status !== "done")
    .slice(0, 3);
}

export interface MilestoneStore {
  list(relationshipId: string): Promise<Milestone[]>;
  findById(id: string): Promise<Milestone | null>;
  add(relationshipId: string, input: NewMilestone): Promise<Milestone>;
  update(
    id: string,
    changes: Partial<Pick<Milestone, "title" | "description" | "dueDate" | "latestNote">>,
    now: Date,
  ): Promise<Milestone | null>;
  changeStatus(
    id: string,
    status: MilestoneStatus,
    extra: Partial<
      Pick<Milestone, "doneAt" | "latestNote" | "doneBy" | "shareAnswer" | "shoutOutDueAt">
    >,
    now: Date,
  ): Promise<Milestone | null>;
  remove(id: string, now: Date): Promise<Milestone | null>;
  /** Records the mentee's answer to "Share it?" once; false if it was already answered. */
  answerShare(id: string, answer: ShareAnswer, now: Date): Promise<boolean>;
  /** A shout-out past the pair's daily cap waits until `until` (null: no longer waits). */
  deferShoutOut(id: string, until: Date | null): Promise<void>;
  /** Reached milestones whose deferred shout-out is due, a page at a time. */
  listShoutOutsDue(now: Date, limit: number): Promise<Milestone[]>;
}

/** Port: each milestone's latest note, which the roadmap shows under it. */
export interface LatestNotes {
  /**
   * Makes `note` the milestone's latest; false when it was removed (then nothing is written, and
   * `alongside` is not run). Once the note is written, `alongside` (what goes with the note: its
   * progress entry, say) runs while the write finishes what it entails (a "done" it undid
   * written again, the cached roadmap revised); resolves when both have.
   */
  record(
    milestone: Pick<Milestone, "id" | "relationshipId">,
    note: ProgressNote,
    alongside?: () => Promise<void>,
  ): Promise<boolean>;
}

/** One line of a pair's progress: a note on a milestone, or its being reached or reopened. */
export interface ProgressEntry {
  relationshipId: string;
  milestoneId: string;
  authorId: string;
  kind: "log" | "done" | "reopened";
  text: string;
  at: Date;
}

/** Port: every progress note, done and reopen, newest first when listed. */
export interface ProgressLog {
  add(entry: ProgressEntry): Promise<void>;
  listForRelationship(relationshipId: string, limit?: number): Promise<ProgressEntry[]>;
}
