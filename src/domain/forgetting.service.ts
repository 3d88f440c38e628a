import type { Clock } from "../clock.js";
import type { AdminDirectory } from "./admin.js";
import type { Auditor } from "./audit-trail.js";
import type { EndingStore, OpenWorkCloser } from "./ending.js";
import { DomainError } from "./errors.js";
import type { PersonalDataHolder } from "./forgetting.js";
import type { JobEnqueuer } from "./jobs.js";
import type { UserDirectory } from "./people.js";
import type { Relationship, RelationshipStatus } from "./relationship.js";
import type { RelationshipFinder } from "./relationship-access.js";

const EVERY_STATUS: readonly RelationshipStatus[] = ["pending", "active", "paused", "ended"];

export interface ForgettingDeps {
  admins: AdminDirectory;
  relationships: EndingStore &
    Pick<RelationshipFinder, "listForUser"> & {
      pairsFormerlyMentoredBy(userId: string): Promise<string[]>;
    };
  /** Reassignments the audit trail recorded, for pairs from before they kept former mentors. */
  reassignments: { pairsReassignedAwayFrom(mentorId: string): Promise<string[]> };
  openWork: readonly OpenWorkCloser[];
  /** Every collection holding something of a person; each forgets its share. */
  holders: readonly PersonalDataHolder[];
  directory: UserDirectory;
  jobs: JobEnqueuer;
  audit: Auditor;
  clock: Clock;
}

/** `/mentor forget me` (or an admin's `/mentor forget @person`). */
export class ForgettingService {
  constructor(private readonly deps: ForgettingDeps) {}

  /**
   * Checks who may forget whom, before the confirmation; writes nothing. `mentorships`: the
   * working ones (active or paused) that forgetting ends; ended ones and requests aren't counted.
   */
  async prepare(actorId: string, targetId: string): Promise<{ mentorships: number }> {
    await this.requireAllowed(actorId, targetId);
    const mentorships = await this.deps.relationships.listForUser(targetId, EVERY_STATUS);
    if (targetId !== actorId) {
      const person = await this.deps.directory.lookup(targetId).catch(() => null);
      if (person?.isBot) throw new DomainError("bot_user", { userId: targetId });
      // Slack may no longer know someone whose data is still here: that is fine to forget.
      if (!person && mentorships.length === 0) {
        throw new DomainError("unknown_user", { userId: targetId });
      }
    }
    const working = mentorships.filter((r) => r.status === "active" || r.status === "paused");
    return { mentorships: working.length };
  }

  /** The confirmation's "Forget": ends their pairs, then each store forgets its share. */
  async forget(actorId: string, targetId: string): Promise<{ ended: number }> {
    await this.requireAllowed(actorId, targetId);
    const now = this.deps.clock.now();
    const all = await this.deps.relationships.listForUser(targetId, EVERY_STATUS);
    const ended: Relationship[] = [];
    for (const relationship of all.filter((r) => r.status !== "ended")) {
      const done = await this.deps.relationships.end(
        relationship.id,
        relationship.status,
        "forgotten",
        now,
      );
      if (!done) continue;
      for (const work of this.deps.openWork) await work.closeOpenFor(done.id, now);
      await this.deps.audit.record(actorId, "relationship.ended", done.id, {
        mentorId: done.mentorId,
        menteeId: done.menteeId,
        byMember: actorId === targetId,
      });
      ended.push(done);
    }
    const ids = [...new Set([...all.map((r) => r.id), ...(await this.formerPairs(targetId))])];
    for (const holder of this.deps.holders) await holder.forgetPerson(targetId, ids);
    // Ids and the action only, never what they wrote.
    await this.deps.audit.record(actorId, "person.forgotten", targetId, {
      relationshipCount: ids.length,
    });
    // The other person of each pair gets the usual closing note (the forgotten one is skipped).
    for (const relationship of ended) {
      await this.deps.jobs.enqueue("relationship.closing", { relationshipId: relationship.id });
    }
    return { ended: ended.length };
  }

  /**
   * The pairs they mentored until a reassignment: not theirs to end, but their notes and
   * their name in them are forgotten too.
   */
  private async formerPairs(userId: string): Promise<string[]> {
    const [kept, audited] = await Promise.all([
      this.deps.relationships.pairsFormerlyMentoredBy(userId),
      this.deps.reassignments.pairsReassignedAwayFrom(userId),
    ]);
    return [...kept, ...audited];
  }

  private async requireAllowed(actorId: string, targetId: string): Promise<void> {
    if (targetId !== actorId && !(await this.deps.admins.isAdmin(actorId))) {
      throw new DomainError("admins_only");
    }
  }
}
