import type { Clock } from "../clock.js";
import type { Auditor } from "./audit-trail.js";
import type { EndingStore, OpenWorkCloser } from "./ending.js";
import { DomainError } from "./errors.js";
import { FORMER_MEMBER } from "./forgetting.js";
import { LIMITS, requireText } from "./input-rules.js";
import type { JobEnqueuer } from "./jobs.js";
import { isMember, type Relationship } from "./relationship.js";
import type { RelationshipAccess } from "./relationship-access.js";
import { retryMayFinish } from "./unfinished-work.js";

export interface EndingDeps {
  access: RelationshipAccess;
  relationships: EndingStore;
  /** Check-ins and feedback requests: closed when their pair ends. */
  openWork: readonly OpenWorkCloser[];
  jobs: JobEnqueuer;
  audit: Auditor;
  clock: Clock;
}

/** The end of a mentorship: asked, confirmed, closed kindly, and looked back on. */
export class EndingService {
  constructor(private readonly deps: EndingDeps) {}

  /**
   * `/mentor end [@person [@partner]] [reason]`: the pair to confirm, and the reason, checked.
   * `partnerId` names the pair's other person, for an admin ending a pair they are not in.
   */
  async prepare(
    actorId: string,
    named: { otherId?: string; partnerId?: string },
    reasonText: string,
  ): Promise<{ relationship: Relationship; reason: string }> {
    const { otherId, partnerId } = named;
    const reason = reasonText.trim() ? requireText(reasonText, "reason", "end_command") : "";
    const target = otherId ? { otherId } : {};
    try {
      return { relationship: await this.deps.access.resolve(actorId, otherId, partnerId), reason };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === "no_roadmap_found" && !partnerId) {
        const ended = await this.deps.access.latestEnded(actorId, target);
        if (ended) {
          await this.finishIfJustEnded(ended);
          throw new DomainError("already_ended");
        }
      }
      // An admin naming someone with several pairs: the reply shows how `end` names one.
      if (error.code === "ambiguous_relationship" && error.details.named) {
        throw new DomainError("ambiguous_relationship", { ...error.details, command: "end" });
      }
      throw error;
    }
  }

  /** The "End mentorship" button: either member, or an admin. */
  async end(actorId: string, relationshipId: string, reasonText: string): Promise<Relationship> {
    const reason = reasonText.trim()
      ? requireText(reasonText.slice(0, LIMITS.reason), "reason", "end_button")
      : "";
    const found = await this.deps.relationships.findById(relationshipId);
    const mayAct = found && (isMember(found, actorId) || (await this.deps.access.isAdmin(actorId)));
    if (!found || !mayAct) throw new DomainError("no_roadmap_found");
    if (found.status === "ended") {
      await this.finishIfJustEnded(found);
      throw new DomainError("already_ended");
    }
    if (found.status === "pending") throw new DomainError("no_roadmap_found");
    const now = this.deps.clock.now();
    const ended = await this.deps.relationships.end(found.id, found.status, reason, now);
    if (!ended) throw new DomainError("already_ended");
    for (const work of this.deps.openWork) await work.closeOpenFor(ended.id, now);
    // Ids and who did it only: the reason is free text and stays with the pair.
    await this.deps.audit.record(actorId, "relationship.ended", ended.id, {
      mentorId: ended.mentorId,
      menteeId: ended.menteeId,
      byMember: isMember(ended, actorId),
    });
    await this.deps.jobs.enqueue("relationship.closing", { relationshipId: ended.id });
    return ended;
  }

  /**
   * A mentorship that ended moments ago: a retry after a failed step closes its open work and
   * queues the closing DMs again (each is sent once). Not for a request declined before it began,
   * nor for a pair ended by forgetting someone (that sends its own closing).
   */
  private async finishIfJustEnded(ended: Relationship): Promise<void> {
    const now = this.deps.clock.now();
    // Forgetting clears the pair's ending reason and names the person a former member.
    const forgotten = [ended.mentorId, ended.menteeId].includes(FORMER_MEMBER);
    if (!ended.activatedAt || forgotten || ended.endReason === "forgotten") return;
    if (!retryMayFinish(ended.endedAt, now)) return;
    for (const work of this.deps.openWork) await work.closeOpenFor(ended.id, now);
    await this.deps.jobs.enqueue("relationship.closing", { relationshipId: ended.id });
  }

  /** The closing DM's "Share a reflection": a member of the ended pair. */
  async reflectionTarget(actorId: string, relationshipId: string): Promise<Relationship> {
    const found = await this.deps.relationships.findById(relationshipId);
    if (!found || !isMember(found, actorId)) throw new DomainError("no_roadmap_found");
    if (found.status !== "ended") throw new DomainError("no_roadmap_found");
    return found;
  }

  async saveReflection(
    actorId: string,
    relationshipId: string,
    fields: { whatWorked: string; nextSteps: string },
  ): Promise<void> {
    const relationship = await this.reflectionTarget(actorId, relationshipId);
    const whatWorked = inField("what_worked", () =>
      requireText(fields.whatWorked, "note", "reflection_worked"),
    );
    const nextSteps = fields.nextSteps.trim()
      ? inField("next_steps", () => requireText(fields.nextSteps, "note", "reflection_next"))
      : "";
    const saved = await this.deps.relationships.saveReflection(relationship.id, {
      authorId: actorId,
      whatWorked,
      nextSteps,
      at: this.deps.clock.now(),
    });
    if (!saved) throw new DomainError("no_roadmap_found");
    await this.deps.audit.record(actorId, "relationship.reflected", relationship.id);
  }
}

/** Names the form field a text rule refused, so the modal shows the error beside it. */
function inField<T>(field: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof DomainError) throw error.inField(field);
    throw error;
  }
}
