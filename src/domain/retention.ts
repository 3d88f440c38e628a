import type { Clock } from "../clock.js";

/** A collection that can drop one bounded page of records older than a cutoff. */
export interface Purgeable {
  /** Deletes at most `limit` records older than `cutoff`; returns how many it deleted. */
  purgeOlderThan(cutoff: Date, limit: number): Promise<number>;
}

/** How long each kind of record is kept, in days. */
export interface RetentionPolicy {
  auditDays: number;
  /** Delivery-ledger entries, counted from sending: long after any job could be retried. */
  deliveryDays: number;
  failedJobDays: number;
}

export const DELIVERY_RETENTION_DAYS = 30;
export const FAILED_JOB_RETENTION_DAYS = 90;
/** "Done" records only guard the writes under way when a milestone was marked done: a day is plenty. */
export const MILESTONE_DONE_RETENTION_DAYS = 1;

/**
 * People's recorded changes to pairs: a sweep needs them only for the pairs it read before the
 * change and writes after (seconds); a day also covers a sweep that stalled for hours.
 */
export const RELATIONSHIP_CHANGE_RETENTION_DAYS = 1;

export type PurgeCounts = Record<
  | "audit"
  | "deliveries"
  | "failedJobs"
  | "tallyMarks"
  | "kickoffClears"
  | "kickoffClaims"
  | "milestoneDones"
  | "relationshipChanges",
  number
>;

export interface RetentionDeps {
  audit: Purgeable;
  deliveries: Purgeable;
  failedJobs: Purgeable;
  /** The program tally's once-only marks: kept as long as delivery-ledger entries. */
  tallyMarks: Purgeable;
  /** The records of kickoff work done: spent once their kickoff is settled; kept as long too. */
  kickoffClears: Purgeable;
  /** People's kickoff times claimed (db/kickoffs/kickoff-claims.ts): spent once the time is past. */
  kickoffClaims: Purgeable;
  /** Records of milestones marked done (see db/milestones/milestone-dones.ts). */
  milestoneDones: Purgeable;
  /** People's changes to pairs, recorded for the check-in sweep. */
  relationshipChanges: Purgeable;
  clock: Clock;
  policy: RetentionPolicy;
  /** Told of one collection's failed purge; the sweep goes on with the others. */
  onFailure: (collection: keyof PurgeCounts, error: unknown) => void;
  /** Records deleted per round trip. */
  pageSize?: number;
  /** Pages per collection per sweep: one sweep's work stays bounded; the next one goes on. */
  maxPages?: number;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * Data retention without TTL indexes (FerretDB has none): each sweep deletes what has aged
 * out, a page at a time, so memory and the length of each delete stay bounded however much
 * has piled up.
 */
export class RetentionService {
  constructor(private readonly deps: RetentionDeps) {}

  async sweep(): Promise<PurgeCounts> {
    const {
      audit,
      deliveries,
      failedJobs,
      tallyMarks,
      kickoffClears,
      kickoffClaims,
      milestoneDones,
      relationshipChanges,
      policy,
    } = this.deps;
    // One after another, each on its own: one collection's failure (a bad cutoff, a timeout)
    // must not leave the others, and the housekeeping after the sweep, undone.
    const steps: [keyof PurgeCounts, Purgeable, number][] = [
      ["audit", audit, policy.auditDays],
      ["deliveries", deliveries, policy.deliveryDays],
      ["failedJobs", failedJobs, policy.failedJobDays],
      ["tallyMarks", tallyMarks, policy.deliveryDays],
      ["kickoffClears", kickoffClears, policy.deliveryDays],
      ["kickoffClaims", kickoffClaims, policy.deliveryDays],
      ["milestoneDones", milestoneDones, MILESTONE_DONE_RETENTION_DAYS],
      ["relationshipChanges", relationshipChanges, RELATIONSHIP_CHANGE_RETENTION_DAYS],
    ];
    const counts = {} as PurgeCounts;
    for (const [collection, store, days] of steps) {
      try {
        counts[collection] = await this.purge(store, days);
      } catch (error) {
        counts[collection] = 0;
        this.deps.onFailure(collection, error);
      }
    }
    return counts;
  }

  private async purge(store: Purgeable, days: number): Promise<number> {
    const { clock, pageSize = 500, maxPages = 100 } = this.deps;
    const cutoff = new Date(clock.now().getTime() - days * DAY_MS);
    let total = 0;
    for (let page = 0; page < maxPages; page++) {
      const deleted = await store.purgeOlderThan(cutoff, pageSize);
      total += deleted;
      if (deleted < pageSize) break;
    }
    return total;
  }
}
