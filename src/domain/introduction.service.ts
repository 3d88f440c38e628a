import type { Clock } from "../clock.js";
import { ABUSE_LIMITS } from "./abuse-limits.js";
import type { Auditor } from "./audit-trail.js";
import { type BlockChecker, requireNotBlocked } from "./blocking.js";
import { DomainError } from "./errors.js";
import { requireText } from "./input-rules.js";
import type { Introduction, IntroductionNotifier, IntroductionStore } from "./introduction.js";
import type { JobEnqueuer } from "./jobs.js";
import type { UserDirectory } from "./people.js";
import type { ProgramTally } from "./program-tally.js";
import { isMember, type Relationship } from "./relationship.js";
import type { RelationshipAccess, RelationshipFinder } from "./relationship-access.js";

export interface IntroductionDeps {
  access: RelationshipAccess;
  relationships: Pick<RelationshipFinder, "findById">;
  introductions: IntroductionStore;
  directory: UserDirectory;
  notifier: IntroductionNotifier;
  jobs: JobEnqueuer;
  audit: Auditor;
  clock: Clock;
  blocks: BlockChecker;
  tally: ProgramTally;
}

/** The mentor's network: introductions by the mentor, and the mentee's requests for them. */
export class IntroductionService {
  constructor(private readonly deps: IntroductionDeps) {}

  /**
   * The mentor introduces their mentee to `personId`, saying why. `menteeId` picks the mentee
   * when the mentor has several; so does `trailing`, a mention that ended the reason, when it
   * names one of their mentees (else it stays part of the reason).
   */
  async introduce(
    actorId: string,
    input: {
      personId: string;
      menteeId?: string;
      why: string;
      trailing?: { menteeId: string; why: string };
    },
  ): Promise<Introduction> {
    const chosen = input.menteeId ? input : await this.trailingChoice(actorId, input);
    const relationship = await this.pick(actorId, "mentor", chosen.menteeId);
    const why = words(chosen.why, "intro");
    await this.requireStayed(relationship, relationship.menteeId);
    if (isMember(relationship, input.personId)) {
      throw new DomainError("already_in_pair", { userId: input.personId });
    }
    const person = await this.deps.directory.lookup(input.personId);
    if (!person || person.deleted) {
      throw new DomainError("unknown_user", { userId: input.personId });
    }
    if (person.isBot) throw new DomainError("bot_user", { userId: input.personId });
    // The person introduced must not have blocked either of the two, nor the mentee them: all
    // refused in the same words, so the mentor can't tell who blocked whom.
    await requireNotBlocked(this.deps.blocks, input.personId, actorId);
    await requireNotBlocked(this.deps.blocks, input.personId, relationship.menteeId);
    if (await this.deps.blocks.hasBlocked(relationship.menteeId, input.personId)) {
      throw new DomainError("request_refused", { userId: input.personId });
    }
    const since = new Date(this.deps.clock.now().getTime() - ABUSE_LIMITS.introductionsWindowMs);
    const made = await this.deps.introductions.countIntroductionsBySince(actorId, since);
    if (made >= ABUSE_LIMITS.introductionsPerDay) {
      throw new DomainError("limit_reached", {
        what: "introductions_per_day",
        limit: String(ABUSE_LIMITS.introductionsPerDay),
      });
    }
    return this.record(actorId, relationship, "introduction", input.personId, why);
  }

  /** The mentee asks their mentor whom they could meet about `topic`. */
  async requestIntroduction(
    actorId: string,
    input: { mentorId?: string; topic: string },
  ): Promise<Introduction> {
    const relationship = await this.pick(actorId, "mentee", input.mentorId);
    const topic = words(input.topic, "intro_request");
    await this.requireStayed(relationship, relationship.mentorId);
    await requireNotBlocked(this.deps.blocks, relationship.mentorId, actorId);
    return this.record(actorId, relationship, "request", null, topic);
  }

  /**
   * The job: sends the introduction (or the request) if its pair is still active. Made (sent,
   * and counted) only when it went out: one of them left meanwhile, and nothing is.
   */
  async deliver(introductionId: string): Promise<void> {
    const introduction = await this.deps.introductions.findById(introductionId);
    if (!introduction || introduction.sentAt) return;
    const relationship = await this.deps.relationships.findById(introduction.relationshipId);
    if (relationship?.status !== "active") return;
    const delivered =
      introduction.kind === "introduction"
        ? await this.deps.notifier.introduce(introduction)
        : await this.deps.notifier.askMentor(introduction);
    if (!delivered) return;
    const now = this.deps.clock.now();
    await this.deps.tally.record({
      kind: introduction.kind === "introduction" ? "introduction_made" : "introduction_requested",
      sourceId: introduction.id,
      relationshipId: introduction.relationshipId,
      at: introduction.createdAt,
    });
    await this.deps.introductions.markSent(introduction.id, now);
  }

  /**
   * Refuses when `userId`, of the pair, left the workspace. A pair that marks them present is
   * believed; one that marks them gone (a mark can outlive a comeback), or a pair from before
   * the marks, is checked against the person.
   */
  private async requireStayed(relationship: Relationship, userId: string): Promise<void> {
    const left = relationship.leftWorkspace;
    if (left && !left.includes(userId)) return;
    const person = await this.deps.directory.lookup(userId);
    if (person?.deleted) throw new DomainError("partner_left", { userId });
  }

  /** The latest introductions and requests of a pair (App Home). */
  recent(relationshipId: string, limit = 5): Promise<Introduction[]> {
    return this.deps.introductions.listForRelationship(relationshipId, limit);
  }

  /** The trailing mention as the mentee meant, when the mentor mentors them now. */
  private async trailingChoice(
    actorId: string,
    input: { why: string; trailing?: { menteeId: string; why: string } },
  ): Promise<{ menteeId?: string; why: string }> {
    const trailing = input.trailing;
    if (!trailing) return input;
    const mentors = (await this.deps.access.mine(actorId)).some(
      (r) => r.status === "active" && r.mentorId === actorId && r.menteeId === trailing.menteeId,
    );
    return mentors ? trailing : input;
  }

  /**
   * The active relationship in which the actor has `role`. Someone who only
   * has the other role is told so; anyone else gets "no roadmap found".
   */
  private async pick(
    actorId: string,
    role: "mentor" | "mentee",
    otherId: string | undefined,
  ): Promise<Relationship> {
    const active = (await this.deps.access.mine(actorId)).filter((r) => r.status === "active");
    const own = (r: Relationship) => (role === "mentor" ? r.mentorId : r.menteeId) === actorId;
    const other = (r: Relationship) => (role === "mentor" ? r.menteeId : r.mentorId);
    const named = active.filter(
      (r) => !otherId || r.mentorId === otherId || r.menteeId === otherId,
    );
    const candidates = named.filter((r) => own(r) && (!otherId || other(r) === otherId));
    const [only, ...more] = candidates;
    if (!only) {
      if (named.length > 0) {
        throw role === "mentor"
          ? new DomainError("not_the_mentor", { what: "intro" })
          : new DomainError("not_the_mentee", { what: "intro_request" });
      }
      throw new DomainError("no_roadmap_found");
    }
    if (more.length > 0) {
      throw new DomainError("ambiguous_relationship", {
        choices: candidates.map(other).join(","),
      });
    }
    return only;
  }

  private async record(
    actorId: string,
    relationship: Relationship,
    kind: Introduction["kind"],
    personId: string | null,
    text: string,
  ): Promise<Introduction> {
    const now = this.deps.clock.now();
    const introduction = await this.deps.introductions.create({
      relationshipId: relationship.id,
      kind,
      mentorId: relationship.mentorId,
      menteeId: relationship.menteeId,
      personId,
      text,
      createdBy: actorId,
      createdAt: now,
    });
    const action = kind === "introduction" ? "introduction.made" : "introduction.requested";
    await this.deps.audit.record(actorId, action, introduction.id, {
      relationshipId: relationship.id,
      personId,
      text,
    });
    await this.deps.jobs.enqueue(
      kind === "introduction" ? "introductions.post" : "introductions.request",
      { introductionId: introduction.id },
    );
    return introduction;
  }
}

/** Free text that must be there: a clear word when it is missing, the usual rules otherwise. */
function words(raw: string, input: "intro" | "intro_request"): string {
  if (!raw.trim()) throw new DomainError("intro_text_missing", { input });
  return requireText(raw, "note", input);
}
