import { type CachedReads, type ReadCache, withCachedReads } from "./cached-reads.js";
import type { MilestoneRepository } from "./milestones/milestone.repository.js";
import type { RelationshipRepository } from "./relationships/relationship.repository.js";

// The reads every roadmap command, progress note and App Home makes. Each scope is a whole
// collection: any write to it drops all of its entries, which keeps the rule simple enough to
// trust (a sweep's schedule writes drop the relationships too; they are cheap to read again).

const RELATIONSHIP_READS: CachedReads<RelationshipRepository> = {
  scope: "relationships",
  cached: {
    listForUser: (userId: string, statuses: readonly string[]) => `${userId}:${statuses.join(",")}`,
  },
  // Buttons, jobs and sweeps decide on a fresh read.
  uncached: [
    "findById",
    "findOpenBetween",
    "countPendingRequestedBy",
    "declinedSince",
    "listInBucket",
    "ensureIndexes",
  ],
};

const MILESTONE_READS: CachedReads<MilestoneRepository> = {
  scope: "milestones",
  cached: { list: (relationshipId: string) => relationshipId },
  uncached: ["findById", "listShoutOutsDue", "ensureIndexes"],
};

export function cachedRelationships(
  repository: RelationshipRepository,
  cache: ReadCache | undefined,
): RelationshipRepository {
  return cache ? withCachedReads(repository, cache, RELATIONSHIP_READS) : repository;
}

export function cachedMilestones(
  repository: MilestoneRepository,
  cache: ReadCache | undefined,
): MilestoneRepository {
  return cache ? withCachedReads(repository, cache, MILESTONE_READS) : repository;
}
