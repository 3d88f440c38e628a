import type { Clock } from "../clock.js";
import type { Auditor } from "./audit-trail.js";
import { DomainError } from "./errors.js";
import { requireText } from "./input-rules.js";
import type { JobEnqueuer } from "./jobs.js";
import type { ProgramTally } from "./program-tally.js";
import type { Target } from "./relationship-access.js";
import type {
  LatestNotes,
  Milestone,
  MilestonePick,
  MilestoneStore,
  ProgressEntry,
  ProgressLog,
  ProgressNote,
  Roadmap,
} from "./roadmap.js";
import type { NumberedMilestone, RoadmapService } from "./roadmap.service.js";

export interface MilestoneProgressDeps {
  roadmap: RoadmapService;
  milestones: Pick<MilestoneStore, "update" | "changeStatus">;
  latestNotes: LatestNotes;
  progress: Pick<ProgressLog, "add">;
  audit: Auditor;
  clock: Clock;
  /** Where a reached milestone's celebration is enqueued. */
  jobs: JobEnqueuer;
  tally: ProgramTally;
}

/** Moving a milestone along: progress notes, "reached", and taking "reached" back. */
export class MilestoneProgressService {
  constructor(private readonly deps: MilestoneProgressDeps) {}

  /** Logs progress; a planned milestone becomes in progress. */
  async logProgress(
    actorId: string,
    target: Target,
    number: MilestonePick,
    noteText: string,
  ): Promise<NumberedMilestone> {
    const text = requireText(noteText, "note", "log");
    const found = await this.deps.roadmap.milestoneByNumber(actorId, target, number);
    const { roadmap, milestone } = found;
    const note = this.note(actorId, text);
    // What goes with the note once it is written, never for a milestone removed meanwhile. The
    // record and the audit line do not depend on each other: one round trip of waiting.
    const alongside = async () => {
      await Promise.all([
        this.addProgress({ ...this.entry(roadmap, milestone, note), kind: "log" }),
        this.deps.audit.record(actorId, "milestone.progress_logged", milestone.id, { note: text }),
      ]);
    };
    const logged = await this.setLatestNote(milestone, note, alongside);
    if (!logged) throw new DomainError("milestone_not_found");
    return withStored(found, logged);
  }

  /**
   * Marks a milestone reached, with the date. `firstTime` is false when it was
   * already done, so nobody celebrates twice.
   */
  async markDone(
    actorId: string,
    target: Target,
    number: MilestonePick,
    noteText?: string,
  ): Promise<NumberedMilestone & { firstTime: boolean }> {
    const text = noteText?.trim() ? requireText(noteText, "note", "done") : "";
    const found = await this.deps.roadmap.milestoneByNumber(actorId, target, number);
    const { roadmap, milestone } = found;
    const now = this.deps.clock.now();
    const note = text ? this.note(actorId, text) : undefined;
    const changed = await this.deps.milestones.changeStatus(
      milestone.id,
      "done",
      // The mentee's Share / Keep private stays: a milestone is celebrated (and asked about) once.
      { doneAt: now, doneBy: actorId, ...(note ? { latestNote: note } : {}) },
      now,
    );
    if (changed) {
      await this.addProgress({
        ...this.entry(roadmap, milestone, note ?? this.note(actorId, "")),
        kind: "done",
      });
      await this.deps.tally.record({
        kind: "milestone_reached",
        sourceId: milestone.id,
        relationshipId: roadmap.relationshipId,
        at: now,
      });
      await this.deps.audit.record(actorId, "milestone.done", milestone.id, { note: text });
      // Only the first marking enqueues; the celebration's claim keeps a re-marked milestone,
      // and the delivery ledger a duplicated job, from celebrating twice.
      await this.deps.jobs.enqueue("celebrations.post", { milestoneId: milestone.id });
      return { ...withStored(found, changed), firstTime: true };
    }
    // Done already (someone marked it while the form was open): the note is still progress,
    // and is logged as such (an error if the milestone was removed meanwhile).
    if (text)
      return { ...(await this.logProgress(actorId, target, number, text)), firstTime: false };
    // Done already (or removed meanwhile): read it again, to say how it stands.
    return {
      ...(await this.deps.roadmap.reload(actorId, roadmap.relationshipId, milestone.id)),
      firstTime: false,
    };
  }

  /**
   * Takes back a "done" (marked by mistake, or not quite there): the milestone
   * is in progress again. Its shout-out, if any, stays the only one; one still waiting for the
   * next day is dropped.
   */
  async reopen(actorId: string, target: Target, number: number): Promise<NumberedMilestone> {
    const found = await this.deps.roadmap.milestoneByNumber(actorId, target, number);
    const { roadmap, milestone } = found;
    if (milestone.status !== "done")
      throw new DomainError("milestone_not_done", { number: String(number) });
    const now = this.deps.clock.now();
    const reopened = await this.deps.milestones.changeStatus(
      milestone.id,
      "in_progress",
      { doneAt: null, doneBy: null, shoutOutDueAt: null },
      now,
    );
    if (reopened) {
      await this.addProgress({
        ...this.entry(roadmap, milestone, this.note(actorId, "")),
        kind: "reopened",
      });
      await this.deps.audit.record(actorId, "milestone.reopened", milestone.id);
      return withStored(found, reopened);
    }
    return this.deps.roadmap.reload(actorId, roadmap.relationshipId, milestone.id);
  }

  /**
   * The note as the milestone's latest, then `alongside` (what goes with it): the milestone as it
   * now stands, or null if removed (and `alongside` is not run).
   */
  private async setLatestNote(
    milestone: Milestone,
    note: ProgressNote,
    alongside: () => Promise<void>,
  ): Promise<Milestone | null> {
    if (milestone.status !== "planned") {
      // The common case, in group commits: as read, with the note (the reply needs no more).
      // What goes with the note runs while its batch finishes ("done" restored, cache revised).
      return (await this.deps.latestNotes.record(milestone, note, alongside))
        ? { ...milestone, latestNote: note }
        : null;
    }
    // A planned milestone starts moving; if someone changed its status at the same moment, the
    // note is still kept, and the milestone as stored says what the status became.
    const stored =
      (await this.deps.milestones.changeStatus(
        milestone.id,
        "in_progress",
        { latestNote: note },
        note.at,
      )) ?? (await this.deps.milestones.update(milestone.id, { latestNote: note }, note.at));
    if (stored) await alongside();
    return stored;
  }

  private note(authorId: string, text: string): ProgressNote {
    return { text, authorId, at: this.deps.clock.now() };
  }

  /**
   * A progress entry is the pair's activity, for the program report too. The two are written
   * at once: the tally only moves the pair's last activity forward (no count that the entry
   * could miss), and what made it activity (the note, the status) is written already.
   */
  private async addProgress(entry: ProgressEntry): Promise<void> {
    await Promise.all([
      this.deps.progress.add(entry),
      this.deps.tally.record({
        kind: "progress_logged",
        sourceId: `${entry.milestoneId}:${entry.kind}:${entry.at.getTime()}`,
        relationshipId: entry.relationshipId,
        at: entry.at,
      }),
    ]);
  }

  private entry(roadmap: Roadmap, milestone: Milestone, note: ProgressNote) {
    return {
      relationshipId: roadmap.relationshipId,
      milestoneId: milestone.id,
      authorId: note.authorId,
      text: note.text,
      at: note.at,
    };
  }
}

/**
 * The milestone as its change stored it, in the roadmap read before the change: what the
 * reply needs, without reading the roadmap a second time.
 */
function withStored(found: NumberedMilestone, stored: Milestone): NumberedMilestone {
  const milestones = found.roadmap.milestones.map((m) => (m.id === stored.id ? stored : m));
  return { ...found, roadmap: { ...found.roadmap, milestones }, milestone: stored };
}
