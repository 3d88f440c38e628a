import type { AdminDirectory } from "./admin.js";
import { DomainError } from "./errors.js";
import {
  isMember,
  otherPerson,
  type Relationship,
  type RelationshipStatus,
} from "./relationship.js";

/** Port: the relationships a person is in, for deciding who may see or change which pair. */
export interface RelationshipFinder {
  findById(id: string): Promise<Relationship | null>;
  listForUser(userId: string, statuses: readonly RelationshipStatus[]): Promise<Relationship[]>;
}

/** Which relationship a request is about: named by a person (commands) or by id (buttons, modals). */
export type Target = { otherId?: string } | { relationshipId: string };

const WORKING: readonly RelationshipStatus[] = ["active", "paused"];
const ENDED: readonly RelationshipStatus[] = ["ended"];

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

  /** Whether `otherId` is the actor's partner in a working mentorship. */
  async isPartner(actorId: string, otherId: string): Promise<boolean> {
    return (await this.mine(actorId)).some((r) => otherPerson(r, actorId) === otherId);
  }

  /**
   * The relationship the actor means; `otherId` picks one when they have several. `partnerId`
   * names the pair's other person, so an admin can name a pair neither of them is in.
   */
  async resolve(actorId: string, otherId?: string, partnerId?: string): Promise<Relationship> {
    if (otherId && partnerId) return this.pairOf(actorId, otherId, partnerId);
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
      // `named`: an admin's look at someone else's pairs, not the actor's own.
      const details: Record<string, string> = { choices };
      if (otherId && !isMember(only, actorId)) details.named = otherId;
      throw new DomainError("ambiguous_relationship", details);
    }
    return only;
  }

  /** The working pair of `a` and `b` (at most one: their pair key is unique), for them or an admin. */
  private async pairOf(actorId: string, a: string, b: string): Promise<Relationship> {
    const allowed = actorId === a || actorId === b || (await this.isAdmin(actorId));
    const theirs = allowed ? await this.relationships.listForUser(a, WORKING) : [];
    const pair = theirs.find((r) => otherPerson(r, a) === b);
    if (!pair) throw new DomainError("no_roadmap_found");
    return pair;
  }

  /** The relationship a request targets, if the actor may use it. */
  async target(actorId: string, target: Target): Promise<Relationship> {
    return "relationshipId" in target
      ? this.byId(actorId, target.relationshipId)
      : this.resolve(actorId, target.otherId);
  }

  /**
   * A relationship the actor may read: a working one as `target` finds it,
   * else the latest ended mentorship (its roadmap and history stay readable
   * by its two people and admins).
   */
  async readable(actorId: string, target: Target): Promise<Relationship> {
    try {
      return await this.target(actorId, target);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== "no_roadmap_found") throw error;
      const ended = await this.latestEnded(actorId, target);
      if (!ended) throw error;
      return ended;
    }
  }

  /** The latest ended (once active) mentorship the target names, if the actor may read it. */
  async latestEnded(actorId: string, target: Target): Promise<Relationship | null> {
    const admin = await this.isAdmin(actorId);
    if ("relationshipId" in target) {
      const found = await this.relationships.findById(target.relationshipId);
      const allowed = found && (isMember(found, actorId) || admin);
      return allowed && found.status === "ended" ? found : null;
    }
    const { otherId } = target;
    const mine = (await this.relationships.listForUser(actorId, ENDED)).filter(
      (r) => !otherId || otherPerson(r, actorId) === otherId,
    );
    const theirs =
      mine.length === 0 && otherId && admin
        ? await this.relationships.listForUser(otherId, ENDED)
        : [];
    const wasActive = [...mine, ...theirs].filter((r) => r.activatedAt !== null);
    return (
      wasActive.sort((a, b) => (b.endedAt?.getTime() ?? 0) - (a.endedAt?.getTime() ?? 0))[0] ?? null
    );
  }

  /** Whether the pair behind a button or job has ended (unknown ids count as ended). */
  async isEnded(relationshipId: string): Promise<boolean> {
    const found = await this.relationships.findById(relationshipId);
    return !found || found.status === "ended";
  }

  /** A relationship named by id (from a button or modal), if the actor may use it. */
  async byId(actorId: string, relationshipId: string): Promise<Relationship> {
    const relationship = await this.relationships.findById(relationshipId);
    if (relationship?.status === "ended" && (await this.latestEnded(actorId, { relationshipId }))) {
      // Its people (and admins) hear why the button no longer works; others learn nothing.
      throw new DomainError("mentorship_ended");
    }
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
