import type { Milestone } from "../domain/roadmap.js";
import type { AdminRepository } from "./admins/admin.repository.js";
import { type CachedReads, type ReadCache, withCachedReads } from "./cached-reads.js";
import {
  type LatestNotesWritten,
  type LatestNoteWrite,
  lastNoteOfEach,
  type MilestoneRepository,
} from "./milestones/milestone.repository.js";
import type { RelationshipRepository } from "./relationships/relationship.repository.js";

// The reads every roadmap command, progress note and App Home makes. A relationship write drops
// every cached relationship read, which keeps the rule simple enough to trust (a sweep's
// schedule writes drop them too; they are cheap to read again). A milestone write drops only
// its pair's milestones when it can tell the pair, so one pair's note leaves the other pairs'
// roadmaps cached; else it drops them all. Notes, the most frequent write, revise their pairs'
// cached milestones instead (the written notes set in the entry), so a note costs the next
// command no read. Whether someone is a program admin is asked by every `help` and every admin
// command; adding or removing an admin drops the answers, for every replica.

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
    "pendingFor",
    "declinedSince",
    "listInBucket",
    "ensureIndexes",
    // What a check-in shows of the roadmap: only findById's (never cached) is read for one.
    "roadmapChanged",
    "saveOpenMilestones",
  ],
};

/** The pair a milestone write touched, from the milestone it returns (null: nothing matched). */
const pairOfResult = (_args: unknown[], result: Milestone | null) => result?.relationshipId ?? null;

const MILESTONE_READS: CachedReads<MilestoneRepository> = {
  scope: "milestones",
  cached: { list: (relationshipId: string) => relationshipId },
  uncached: ["findById", "listShoutOutsDue", "ensureIndexes"],
  parts: {
    reads: { list: (relationshipId: string) => relationshipId },
    writes: {
      add: ([relationshipId]: unknown[]) =>
        typeof relationshipId === "string" ? relationshipId : null,
      update: pairOfResult,
      changeStatus: pairOfResult,
      remove: pairOfResult,
    },
  },
  revisions: {
    setLatestNotes: {
      reads: ([notes]: [LatestNoteWrite[]]) =>
        [...new Set(notes.map((n) => n.relationshipId))].map((id) => ({
          method: "list" as const,
          args: [id],
        })),
      revise: (
        milestones: Milestone[],
        [notes]: [LatestNoteWrite[]],
        { written, restored }: LatestNotesWritten,
      ) => {
        // A note that undid a "done" (or its taking back) of the same moment wrote it again:
        // rare, and the entry may hold either, so it goes.
        if (restored.some((m) => milestones.some((e) => e.id === m.id))) return undefined;
        const last = lastNoteOfEach(notes);
        // A note refused for a milestone this entry still lists: the entry is out of date (its
        // removal's drop has not landed yet), so it goes rather than being revised.
        if (milestones.some((m) => last.has(m.id) && !written.has(m.id))) return undefined;
        return milestones.map((m) => {
          const note = last.get(m.id);
          return note && note.relationshipId === m.relationshipId
            ? { ...m, latestNote: note.note }
            : m;
        });
      },
    },
  },
};

const ADMIN_READS: CachedReads<AdminRepository> = {
  scope: "program_admins",
  cached: { find: (userId: string) => userId },
  // The admin list is shown to admins only, rarely: always fresh.
  uncached: ["list", "ensureIndexes"],
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

export function cachedAdmins(
  repository: AdminRepository,
  cache: ReadCache | undefined,
): AdminRepository {
  return cache ? withCachedReads(repository, cache, ADMIN_READS) : repository;
}
