import type { Clock } from "../clock.js";
import { ABUSE_LIMITS } from "./abuse-limits.js";
import type { AdminDirectory } from "./admin.js";
import type { Auditor } from "./audit-trail.js";
import { type BlockChecker, requireNeitherBlocked, requireNotBlocked } from "./blocking.js";
import { DomainError } from "./errors.js";
import type { JobEnqueuer } from "./jobs.js";
import type { Person, UserDirectory } from "./people.js";
import type { PairingStore, Relationship } from "./relationship.js";
import { retryMayFinish } from "./unfinished-work.js";

export interface PairingDeps {
  relationships: PairingStore;
  directory: UserDirectory;
  audit: Auditor;
  jobs: JobEnqueuer;
  clock: Clock;
  admins: AdminDirectory;
  blocks: BlockChecker;
}

export type PairOutcome =
  | { kind: "activated"; relationship: Relationship }
  | { kind: "requested"; relationship: Relationship; invitee: Person };

/** The rules of pairing a mentor with a mentee. */
export class PairingService {
  constructor(private readonly deps: PairingDeps) {}

  /**
   * An admin pairs two people directly; one of the two asks the other, who
   * must accept. Anyone else is refused before anything is looked up.
   */
  async pair(actorId: string, mentorId: string, menteeId: string): Promise<PairOutcome> {
    if (mentorId === menteeId) throw new DomainError("self_pairing");
    const actorIsMember = actorId === mentorId || actorId === menteeId;
    const admin = await this.deps.admins.isAdmin(actorId);
    if (!admin && !actorIsMember) throw new DomainError("not_allowed_to_pair");

    const [mentor, mentee] = await Promise.all([
      this.requireHuman(mentorId),
      this.requireHuman(menteeId),
    ]);

    const existing = await this.deps.relationships.findOpenBetween(mentorId, menteeId);
    if (existing) {
      // This admin's own pairing, just made: a retry after a failed queue sends its messages.
      if (admin && this.isFreshPairingBy(actorId, existing, mentorId, menteeId)) {
        await this.announcePairing(existing.id);
      }
      throw new DomainError(
        existing.status === "pending" ? "request_already_pending" : "already_paired",
      );
    }

    const now = this.deps.clock.now();
    if (admin) {
      // Even an admin does not pair someone with a person they blocked (or who blocked them).
      await requireNeitherBlocked(this.deps.blocks, mentorId, menteeId);
      const relationship = await this.deps.relationships.create({
        mentorId,
        menteeId,
        status: "active",
        createdBy: actorId,
        requestedBy: null,
        awaitingUserId: null,
        now,
      });
      await this.deps.audit.record(
        actorId,
        "relationship.paired_by_admin",
        relationship.id,
        pairingDetails(relationship),
      );
      await this.announcePairing(relationship.id);
      return { kind: "activated", relationship };
    }

    const invitee = actorId === mentorId ? mentee : mentor;
    await this.requireMayAsk(actorId, invitee.slackUserId, now);
    const relationship = await this.deps.relationships.create({
      mentorId,
      menteeId,
      status: "pending",
      createdBy: actorId,
      requestedBy: actorId,
      awaitingUserId: invitee.slackUserId,
      now,
    });
    await this.deps.audit.record(
      actorId,
      "relationship.requested",
      relationship.id,
      pairingDetails(relationship),
    );
    await this.deps.jobs.enqueue("pairing.ask", { relationshipId: relationship.id });
    return { kind: "requested", relationship, invitee };
  }

  /** Requests to or from the person still waiting for an answer (their App Home lists them). */
  pendingFor(userId: string): Promise<Relationship[]> {
    return this.deps.relationships.pendingFor(userId);
  }

  async accept(actorId: string, relationshipId: string): Promise<Relationship> {
    await this.pendingRequestFor(actorId, relationshipId);
    const now = this.deps.clock.now();
    const relationship = await this.deps.relationships.activate(relationshipId, now);
    if (!relationship) throw new DomainError("request_already_answered");
    await this.deps.audit.record(
      actorId,
      "relationship.accepted",
      relationship.id,
      pairingDetails(relationship),
    );
    await this.deps.jobs.enqueue("pairing.accepted", { relationshipId });
    await this.deps.jobs.enqueue("kickoff.plan", { relationshipId });
    return relationship;
  }

  async decline(actorId: string, relationshipId: string): Promise<Relationship> {
    await this.pendingRequestFor(actorId, relationshipId);
    const now = this.deps.clock.now();
    const relationship = await this.deps.relationships.end(
      relationshipId,
      "pending",
      "declined",
      now,
    );
    if (!relationship) throw new DomainError("request_already_answered");
    await this.deps.audit.record(
      actorId,
      "relationship.declined",
      relationship.id,
      pairingDetails(relationship),
    );
    await this.deps.jobs.enqueue("pairing.declined", { relationshipId });
    return relationship;
  }

  /** An admin's pairing: both people are introduced, and the kickoff is planned. */
  private async announcePairing(relationshipId: string): Promise<void> {
    // Together: one outbox write (job-outbox.ts) and one round trip to Redis for both.
    await this.deps.jobs.enqueueMany([
      { name: "pairing.introduce", payload: { relationshipId } },
      { name: "kickoff.plan", payload: { relationshipId } },
    ]);
  }

  private isFreshPairingBy(
    actorId: string,
    existing: Relationship,
    mentorId: string,
    menteeId: string,
  ): boolean {
    return (
      existing.status === "active" &&
      existing.mentorId === mentorId &&
      existing.menteeId === menteeId &&
      existing.createdBy === actorId &&
      existing.requestedBy === null &&
      retryMayFinish(existing.activatedAt, this.deps.clock.now())
    );
  }

  /** The caps on asking: a few requests waiting at once, none soon after a "no", none to who blocked you. */
  private async requireMayAsk(actorId: string, inviteeId: string, now: Date): Promise<void> {
    await requireNotBlocked(this.deps.blocks, inviteeId, actorId);
    const since = new Date(now.getTime() - ABUSE_LIMITS.declineCooldownMs);
    if (await this.deps.relationships.declinedSince(actorId, inviteeId, since)) {
      throw new DomainError("declined_recently", { userId: inviteeId });
    }
    const limit = ABUSE_LIMITS.pendingPairRequests;
    if ((await this.deps.relationships.countPendingRequestedBy(actorId)) >= limit) {
      throw new DomainError("limit_reached", {
        what: "pending_pair_requests",
        limit: String(limit),
      });
    }
  }

  private async pendingRequestFor(actorId: string, relationshipId: string): Promise<void> {
    const request = await this.deps.relationships.findById(relationshipId);
    // Someone outside the pair learns nothing, not even that it exists.
    if (!request || (request.mentorId !== actorId && request.menteeId !== actorId)) {
      throw new DomainError("request_not_found");
    }
    if (request.awaitingUserId !== actorId && request.status === "pending") {
      throw new DomainError("not_the_invitee");
    }
    if (request.status !== "pending") throw new DomainError("request_already_answered");
  }

  private async requireHuman(userId: string): Promise<Person> {
    const person = await this.deps.directory.lookup(userId);
    if (!person || person.deleted) throw new DomainError("unknown_user", { userId });
    if (person.isBot) throw new DomainError("bot_user", { userId });
    return person;
  }
}

/** What the audit trail keeps of a pairing change. */
function pairingDetails(r: Relationship): Record<string, unknown> {
  return { mentorId: r.mentorId, menteeId: r.menteeId, status: r.status };
}
