export type MilestoneStatus = "planned" | "in_progress" | "done";

export const MILESTONE_STATUS_LABEL: Record<MilestoneStatus, string> = {
  planned: "Planned",
  in_progress: "In progress",
  done: "Done",
};

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
