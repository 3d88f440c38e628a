import type { Auditor } from "./audit-trail.js";
import type { CelebrationNotifier } from "./celebration.js";
import { DomainError } from "./errors.js";
import { requireText } from "./input-rules.js";
import type { Relationship } from "./relationship.js";
import type { RelationshipAccess } from "./relationship-access.js";
import type { Milestone, MilestoneStore } from "./roadmap.js";

export interface CongratulationDeps {
  access: RelationshipAccess;
  milestones: Pick<MilestoneStore, "findById">;
  notifier: Pick<CelebrationNotifier, "sendCongratulation">;
  audit: Auditor;
}

/** The mentor's congratulation on a reached milestone: a note, and perhaps a next step. */
export class CongratulationService {
  constructor(private readonly deps: CongratulationDeps) {}

  /** The reached milestone the mentor's Congratulate button names, if the actor is that mentor. */
  async milestoneToCongratulate(
    actorId: string,
    milestoneId: string,
  ): Promise<{ milestone: Milestone; relationship: Relationship }> {
    const milestone = await this.deps.milestones.findById(milestoneId);
    if (!milestone) throw new DomainError("milestone_not_found");
    const relationship = await this.deps.access.byId(actorId, milestone.relationshipId);
    if (relationship.mentorId !== actorId) throw new DomainError("not_the_mentor");
    return { milestone, relationship };
  }

  /** The mentor's note (and an optional next step) goes to the mentee, once per submission. */
  async congratulate(
    actorId: string,
    milestoneId: string,
    submissionId: string,
    input: { note: string; nextStep: string },
  ): Promise<Relationship> {
    const { milestone, relationship } = await this.milestoneToCongratulate(actorId, milestoneId);
    const note = requireText(input.note, "note", "congratulation");
    const nextStep = input.nextStep.trim() ? nextStepText(input.nextStep) : "";
    await this.deps.notifier.sendCongratulation({
      submissionId,
      mentorId: relationship.mentorId,
      menteeId: relationship.menteeId,
      milestoneTitle: milestone.title,
      note,
      nextStep,
    });
    await this.deps.audit.record(actorId, "celebration.congratulated", milestone.id, {
      note,
      nextStep,
    });
    return relationship;
  }
}

/** The suggested next step is optional, but held to the same rules as any note. */
function nextStepText(raw: string): string {
  try {
    return requireText(raw, "note", "congratulation_next_step");
  } catch (error) {
    if (error instanceof DomainError) throw error.inField("next_step");
    throw error;
  }
}
