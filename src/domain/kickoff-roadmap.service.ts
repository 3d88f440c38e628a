import type { Clock } from "../clock.js";
import type { Auditor } from "./audit-trail.js";
import { DomainError } from "./errors.js";
import type { ExchangeStore } from "./exchange.js";
import { LIMITS } from "./input-rules.js";
import type { JobEnqueuer } from "./jobs.js";
import {
  DEFAULT_KICKOFF_TEMPLATE,
  type Kickoff,
  type KickoffAnswers,
  type KickoffNotifier,
  type KickoffStore,
  SUGGESTED_MILESTONES,
} from "./kickoff.js";
import type { Relationship } from "./relationship.js";
import type { RelationshipAccess } from "./relationship-access.js";
import type { CalendarDate } from "./roadmap.js";
import type { RoadmapService } from "./roadmap.service.js";
import { findTemplate, type RoadmapTemplate, templateMilestones } from "./roadmap-templates.js";

export interface KickoffRoadmapDeps {
  access: RelationshipAccess;
  kickoffs: KickoffStore;
  /** The mentee's offer at the kickoff starts "What we learn from each other". */
  exchanges: Pick<ExchangeStore, "putOne">;
  notifier: KickoffNotifier;
  /** Whether the pair behind a job is still going (an ended pair gets nothing more). */
  relationships: { findById(id: string): Promise<Relationship | null> };
  roadmap: Pick<RoadmapService, "setGoal" | "addMilestones" | "todayFor">;
  jobs: JobEnqueuer;
  audit: Auditor;
  clock: Clock;
}

/** What the mentee types in the kickoff form (the aspiration and date go to the roadmap). */
export type KickoffAnswersInput = Omit<KickoffAnswers, "at">;

/** The mentor's suggestion form: a template's milestones, due weeks from today, to edit. */
export interface SuggestionDraft {
  kickoff: Kickoff;
  template: RoadmapTemplate;
  milestones: Array<{ title: string; dueDate: CalendarDate }>;
}

/**
 * The kickoff's content: the mentee's answers (their aspiration becomes the roadmap's goal),
 * the mentor's suggested milestones from a template, and the mentee's confirmation.
 */
export class KickoffRoadmapService {
  constructor(private readonly deps: KickoffRoadmapDeps) {}

  /** The mentee's kickoff form may open: only the mentee of an active pair answers it. */
  async answerable(actorId: string, relationshipId: string): Promise<Kickoff> {
    return (await this.answerForm(actorId, relationshipId)).kickoff;
  }

  /** What the kickoff form opens with: the kickoff, and the roadmap's goal if one is set. */
  async answerForm(actorId: string, relationshipId: string) {
    const { relationship, kickoff } = await this.load(actorId, relationshipId);
    if (relationship.menteeId !== actorId) {
      throw new DomainError("not_the_mentee", { what: "kickoff" });
    }
    return { kickoff, goal: relationship.goal };
  }

  async saveAnswers(actorId: string, relationshipId: string, input: KickoffAnswersInput) {
    const kickoff = await this.answerable(actorId, relationshipId);
    const checked = {
      skills: answer(input.skills, "skills"),
      challenges: answer(input.challenges, "challenges"),
      support: answer(input.support, "support"),
      offer: input.offer.trim() ? answer(input.offer, "offer") : "",
    };
    if (!input.targetDate) throw new DomainError("kickoff_field_missing", { field: "targetDate" });
    // The goal checks the aspiration and date and writes first: a refusal there writes nothing.
    const roadmap = await this.deps.roadmap
      .setGoal(actorId, { relationshipId }, input.aspiration, input.targetDate)
      .catch((error: unknown) => {
        throw onField(error, { dueDate: "targetDate" });
      });
    const answers: KickoffAnswers = {
      ...checked,
      aspiration: roadmap.goal?.aspiration ?? input.aspiration.trim(),
      targetDate: roadmap.goal?.targetDate ?? input.targetDate,
      at: this.deps.clock.now(),
    };
    const saved = await this.deps.kickoffs.saveAnswers(kickoff, answers);
    if (!saved) throw new DomainError("no_roadmap_found");
    // Sent again (a revised answer): the one offer from the kickoff, not another copy of it.
    if (answers.offer) {
      await this.deps.exchanges.putOne({
        relationshipId: kickoff.relationshipId,
        authorId: actorId,
        kind: "offer",
        source: "kickoff",
        text: answers.offer,
        at: answers.at,
      });
    }
    await this.audit(actorId, "kickoff.answered", saved.id, { relationshipId });
    await this.deps.jobs.enqueue("kickoff.answers", {
      kickoffId: saved.id,
      at: answers.at.toISOString(),
    });
    return saved;
  }

  /** The mentor's form, pre-filled from a template (due weeks from the mentor's today). */
  async suggestion(actorId: string, kickoffId: string, templateId?: string) {
    const kickoff = await this.mentorsKickoff(actorId, kickoffId);
    // Said before the form opens (after a reassignment, by the mentor before): not on its submit.
    if (kickoff.suggestedAt) throw new DomainError("kickoff_already_suggested");
    const template = findTemplate(templateId || DEFAULT_KICKOFF_TEMPLATE);
    const today = await this.deps.roadmap.todayFor(actorId);
    return {
      kickoff,
      template,
      milestones: templateMilestones(template, today),
    } satisfies SuggestionDraft;
  }

  /** Saves the mentor's edited milestones (4 to 8, each with a due date), once. */
  async saveSuggestion(
    actorId: string,
    kickoffId: string,
    templateId: string,
    rows: Array<{ title: string; dueDate: string }>,
  ): Promise<number> {
    const kickoff = await this.mentorsKickoff(actorId, kickoffId);
    if (kickoff.suggestedAt) throw new DomainError("kickoff_already_suggested");
    const template = findTemplate(templateId || DEFAULT_KICKOFF_TEMPLATE);
    const filled = rows
      .map((row, index) => ({ ...row, index }))
      .filter((row) => row.title.trim() || row.dueDate);
    const { min, max } = SUGGESTED_MILESTONES;
    if (filled.length < min || filled.length > max) {
      throw new DomainError("kickoff_milestone_count", {
        min: String(min),
        max: String(max),
        count: String(filled.length),
        field: `title_${Math.min(filled.length, max - 1)}`,
      });
    }
    const missingDate = filled.find((row) => !row.dueDate);
    if (missingDate) {
      throw new DomainError("kickoff_field_missing", { field: `due_${missingDate.index}` });
    }
    // Claimed first, once (a second send of the form, from another tab, adds nothing); given back
    // if the milestones are refused (checked before any is written), so the mentor can correct
    // them and send again. Any other failure keeps it: some milestones may be written.
    const claimed = await this.deps.kickoffs.markSuggested(
      kickoff,
      template.id,
      this.deps.clock.now(),
    );
    if (!claimed) throw new DomainError("kickoff_already_suggested");
    await this.deps.roadmap
      .addMilestones(
        actorId,
        { relationshipId: kickoff.relationshipId },
        filled.map((row) => ({ title: row.title, dueDate: row.dueDate, field: row.index })),
      )
      .catch(async (error: unknown) => {
        if (error instanceof DomainError) await this.deps.kickoffs.unmarkSuggested(kickoff.id);
        throw error;
      });
    await this.audit(actorId, "kickoff.suggested", kickoff.id, {
      template: template.id,
      count: filled.length,
    });
    await this.deps.jobs.enqueue("kickoff.suggested", {
      kickoffId: kickoff.id,
      count: filled.length,
    });
    return filled.length;
  }

  /** The mentee confirms the roadmap after the kickoff; the mentor hears it once. */
  async confirm(actorId: string, kickoffId: string): Promise<Kickoff> {
    const found = await this.deps.kickoffs.findById(kickoffId);
    if (!found) throw new DomainError("no_roadmap_found");
    const { relationship, kickoff } = await this.load(actorId, found.relationshipId);
    if (relationship.menteeId !== actorId) {
      throw new DomainError("not_the_mentee", { what: "kickoff" });
    }
    if (kickoff.confirmedAt) return kickoff;
    const confirmed = await this.deps.kickoffs.markConfirmed(kickoff, this.deps.clock.now());
    if (!confirmed) throw new DomainError("no_roadmap_found");
    await this.audit(actorId, "kickoff.confirmed", kickoff.id, {});
    await this.deps.jobs.enqueue("kickoff.confirmed", { kickoffId: kickoff.id });
    return confirmed;
  }

  /** Job `kickoff.answers`: the mentor gets the answers saved at `at` (not older ones). */
  async announceAnswers(kickoffId: string, at: string): Promise<void> {
    const kickoff = await this.live(kickoffId);
    if (kickoff?.answers?.at.toISOString() !== at) return;
    await this.deps.notifier.answers(kickoff, kickoff.answers);
  }

  async announceSuggestion(kickoffId: string, count: number): Promise<void> {
    const kickoff = await this.live(kickoffId);
    if (kickoff?.suggestedAt) await this.deps.notifier.suggested(kickoff, count);
  }

  async announceConfirmed(kickoffId: string): Promise<void> {
    const kickoff = await this.live(kickoffId);
    if (kickoff?.confirmedAt) await this.deps.notifier.confirmed(kickoff);
  }

  /** The kickoff, if its pair is still working; an ended pair's queued work sends nothing. */
  private async live(kickoffId: string): Promise<Kickoff | null> {
    const kickoff = await this.deps.kickoffs.findById(kickoffId);
    if (!kickoff) return null;
    const relationship = await this.deps.relationships.findById(kickoff.relationshipId);
    return relationship && relationship.status !== "ended" ? kickoff : null;
  }

  private async mentorsKickoff(actorId: string, kickoffId: string): Promise<Kickoff> {
    const found = await this.deps.kickoffs.findById(kickoffId);
    if (!found) throw new DomainError("no_roadmap_found");
    const { relationship, kickoff } = await this.load(actorId, found.relationshipId);
    if (relationship.mentorId !== actorId) throw new DomainError("not_the_mentor");
    return kickoff;
  }

  private async load(
    actorId: string,
    relationshipId: string,
  ): Promise<{ relationship: Relationship; kickoff: Kickoff }> {
    // Refuses an ended pair (saying so to its people) and anyone outside the pair.
    const relationship = await this.deps.access.byId(actorId, relationshipId);
    const kickoff = await this.deps.kickoffs.findByRelationship(relationship.id);
    if (!kickoff) throw new DomainError("no_roadmap_found");
    return { relationship, kickoff };
  }

  private audit(actorId: string, action: string, id: string, details: Record<string, unknown>) {
    return this.deps.audit.record(actorId, action, id, details);
  }
}

/** Trims one answer and checks its length. */
function answer(raw: string, field: string): string {
  const text = raw.trim();
  if (!text) throw new DomainError("kickoff_field_missing", { field });
  if (text.length > LIMITS.note) {
    throw new DomainError("kickoff_field_too_long", {
      field,
      limit: String(LIMITS.note),
      length: String(text.length),
    });
  }
  return text;
}

/** A roadmap refusal shown on the kickoff form's own field (the goal's date is "targetDate"). */
function onField(error: unknown, rename: Record<string, string>): unknown {
  if (!(error instanceof DomainError) || !error.details.field) return error;
  return error.inField(rename[error.details.field] ?? error.details.field);
}
