import type { AdminDirectory } from "./admin.js";
import { DomainError } from "./errors.js";
import { otherPerson, type Relationship, type RelationshipStatus } from "./relationship.js";

export interface RelationshipFinder {
  findById(id: string): Promise<Relationship | null>;
  listForUser(userId: string, statuses: readonly RelationshipStatus[]): Promise<Relationship[]>;
}

/** Which relationship a request is about: named by a person (commands) or by id (buttons, modals). */
export type Target = { otherId?: string } | { relationshipId: string };

const WORKING: readonly RelationshipStatus[] = ["active", "paused"];

/**
 * Who may see or change a relationship: its two people, and program admins.
 * Everyone else gets exactly the "no roadmap found" a person without one
 * gets, so nothing hints that a roadmap exists.
 */
export class RelationshipAccess {
  constructor(
    private readonly relationships: RelationshipFinder,
    private readonly admins: AdminDirectory,
  ) {}

  isAdmin(userId: string): Promise<boolean> {
    return this.admins.isAdmin(userId);
  }

  /** Every working (active or paused) relationship the person is in. */
  async mine(userId: string): Promise<Relationship[]> {
    return this.relationships.listForUser(userId, WORKING);
  }

  /** The relationship the actor means; `otherId` picks one when they have several. */
  async resolve(actorId: string, otherId?: string): Promise<Relationship> {
    const mine = await this.relationships.listForUser(actorId, WORKING);
    let candidates = otherId ? mine.filter((r) => otherPerson(r, actorId) === otherId) : mine;
    if (otherId && candidates.length === 0 && (await this.isAdmin(actorId))) {
      candidates = await this.relationships.listForUser(otherId, WORKING);
    }
    const [only, ...more] = candidates;
    if (!only) throw new DomainError("no_roadmap_found");
    if (more.length > 0) {
      // "U1" for a person the actor is paired with; "MENTOR>MENTEE" for an admin's view.
      const choices = candidates
        .map((r) =>
          r.mentorId === actorId || r.menteeId === actorId
            ? otherPerson(r, actorId)
            : `${r.mentorId}>${r.menteeId}`,
        )
        .join(",");
      throw new DomainError("ambiguous_relationship", { choices });
    }
    return only;
  }

  /** The relationship a request targets, if the actor may use it. */
  async target(actorId: string, target: Target): Promise<Relationship> {
    return "relationshipId" in target
      ? this.byId(actorId, target.relationshipId)
      : this.resolve(actorId, target.otherId);
  }

  /** A relationship named by id (from a button or modal), if the actor may use it. */
  async byId(actorId: string, relationshipId: string): Promise<Relationship> {
    const relationship = await this.relationships.findById(relationshipId);
    const allowed =
      relationship &&
      WORKING.includes(relationship.status) &&
      (relationship.mentorId === actorId ||
        relationship.menteeId === actorId ||
        (await this.isAdmin(actorId)));
    if (!allowed) throw new DomainError("no_roadmap_found");
    return relationship;
  }
}
