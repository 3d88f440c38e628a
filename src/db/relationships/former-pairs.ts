import type { FormerPairs } from "../../domain/forgetting.js";

/**
 * The one rule for the pairs someone mentored until a reassignment, asked by forgetting (it
 * forgets them there too) and by `/mentor my data` (it exports their part of them): named on
 * the pair (`formerMentorIds`) or, reassigned before pairs kept it, in the audit trail while it
 * keeps the entry. Both are indexed equalities.
 */
export class FormerPairsLookup implements FormerPairs {
  constructor(
    private readonly relationships: { pairsFormerlyMentoredBy(userId: string): Promise<string[]> },
    private readonly audit: { pairsReassignedAwayFrom(mentorId: string): Promise<string[]> },
  ) {}

  async of(userId: string): Promise<string[]> {
    const [kept, audited] = await Promise.all([
      this.relationships.pairsFormerlyMentoredBy(userId),
      this.audit.pairsReassignedAwayFrom(userId),
    ]);
    return [...new Set([...kept, ...audited])];
  }
}
