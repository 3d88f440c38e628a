import type { Clock } from "../clock.js";
import type { Auditor } from "./audit-trail.js";
import { DomainError } from "./errors.js";
import {
  EXCHANGE_TEXT_LIMIT,
  type Exchange,
  type ExchangeKind,
  type ExchangeNotifier,
  type ExchangeStore,
  HOME_EXCHANGES,
  WORKPLACE_TOPICS,
} from "./exchange.js";
import type { JobEnqueuer } from "./jobs.js";
import type { Relationship } from "./relationship.js";
import type { RelationshipAccess } from "./relationship-access.js";

export interface ExchangeDeps {
  access: RelationshipAccess;
  relationships: { findById(id: string): Promise<Relationship | null> };
  exchanges: ExchangeStore;
  notifier: ExchangeNotifier;
  jobs: JobEnqueuer;
  audit: Auditor;
  clock: Clock;
}

/** Offers from the mentee, advice from the mentor: saved with the pair, told to the other. */
export class ExchangeService {
  constructor(private readonly deps: ExchangeDeps) {}

  /** The mentee's "what I can offer you"; only the mentee of the pair writes one. */
  async offer(actorId: string, relationshipId: string, text: string, source: string) {
    const relationship = await this.deps.access.byId(actorId, relationshipId);
    if (relationship.menteeId !== actorId) {
      throw new DomainError("not_the_mentee", { what: "offer" });
    }
    return this.share(actorId, relationship, "offer", source, text);
  }

  /** The mentor's advice on a workplace topic; only the mentor of the pair gives it. */
  async advise(actorId: string, relationshipId: string, topic: string, text: string) {
    const relationship = await this.deps.access.byId(actorId, relationshipId);
    if (relationship.mentorId !== actorId) throw new DomainError("not_the_mentor");
    if (!WORKPLACE_TOPICS.some((t) => t.id === topic)) {
      throw new DomainError("kickoff_field_missing", { field: "topic" });
    }
    return this.share(actorId, relationship, "advice", topic, text);
  }

  /** A pair's latest offers and advice, newest first (App Home, the roadmap). */
  recent(relationshipId: string, limit = HOME_EXCHANGES): Promise<Exchange[]> {
    return this.deps.exchanges.recent(relationshipId, limit);
  }

  /** Job `exchanges.shared`: the other person of a still-working pair hears of it, once. */
  async announce(exchangeId: string): Promise<void> {
    const exchange = await this.deps.exchanges.findById(exchangeId);
    if (!exchange) return;
    const relationship = await this.deps.relationships.findById(exchange.relationshipId);
    if (!relationship || relationship.status === "ended") return;
    const recipient = exchange.kind === "offer" ? relationship.mentorId : relationship.menteeId;
    await this.deps.notifier.shared(exchange, recipient);
  }

  private async share(
    actorId: string,
    relationship: Relationship,
    kind: ExchangeKind,
    source: string,
    raw: string,
  ): Promise<{ exchange: Exchange; people: readonly string[] }> {
    const text = raw.trim();
    if (!text) throw new DomainError("kickoff_field_missing", { field: kind });
    if (text.length > EXCHANGE_TEXT_LIMIT) {
      throw new DomainError("kickoff_field_too_long", {
        field: kind,
        limit: String(EXCHANGE_TEXT_LIMIT),
        length: String(text.length),
      });
    }
    const exchange = await this.deps.exchanges.add({
      relationshipId: relationship.id,
      authorId: actorId,
      kind,
      source,
      text,
      at: this.deps.clock.now(),
    });
    // The audit trail keeps ids and actions, never what was written.
    await this.deps.audit.record(actorId, `exchange.${kind}`, exchange.id, {
      relationshipId: relationship.id,
      source,
    });
    await this.deps.jobs.enqueue("exchanges.shared", { exchangeId: exchange.id });
    // The two whose Homes show it.
    return { exchange, people: [relationship.mentorId, relationship.menteeId] };
  }
}
