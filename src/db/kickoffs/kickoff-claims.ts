import type { Collection, Connection } from "mongoose";
import { KICKOFF_MINUTES, type KickoffSlot } from "../../domain/kickoff.js";
import { refusedByUniqueIndex } from "../mongo-errors.js";
import { deleteCollectionPage } from "../paged-delete.js";

/** A claim covers this much of a person's time: a kickoff claims each stretch its half hour touches. */
const STRETCH_MS = 5 * 60_000;

/** `kickoff_claims`: one document a person's five minutes, `_id` = "<person>:<start of the five>". */
interface ClaimDoc {
  _id: string;
  userId: string;
  /** The pair whose kickoff holds it (one kickoff a pair). */
  relationshipId: string;
  at: Date;
}

/**
 * A person's kickoff time, claimed by unique inserts. Reading the other kickoffs before planning
 * (heldBy) does not stop two pairs of one mentor planned at the same moment, on two replicas or
 * two jobs of one, from both taking the same half hour; FerretDB's conditional updates are not
 * atomic either, but a unique `_id` is: the second insert is refused. Two half hours that overlap
 * always share a five-minute stretch; two less than five minutes apart may too (then the later
 * one counts as taken).
 */
export class KickoffClaims {
  constructor(private readonly connection: Connection) {}

  /**
   * Claims each slot for the pair's kickoff. Returns the first slot another pair holds (what this
   * call inserted is taken back), or null when all are the pair's now. Its own claims count as
   * its own: a move onto a time it holds, or its kickoff planned by two workers at once.
   */
  async claim(relationshipId: string, slots: readonly KickoffSlot[]): Promise<KickoffSlot | null> {
    const claims = slots.flatMap((slot) =>
      claimsOf(relationshipId, slot).map((doc) => ({ doc, slot })),
    );
    let refused: Set<number>;
    try {
      await this.claims().insertMany(
        claims.map(({ doc }) => doc),
        { ordered: false },
      );
      return null;
    } catch (error) {
      refused = refusedByUniqueIndex(error);
    }
    for (const index of refused) {
      const { doc, slot } = claims[index] as (typeof claims)[number];
      const holder = await this.claims().findOne({ _id: doc._id });
      if (holder?.relationshipId === relationshipId) continue;
      const inserted = claims.filter((_, i) => !refused.has(i)).map(({ doc }) => doc._id);
      if (inserted.length > 0) {
        // Indexed equality first: an `$in` alone would scan the collection on FerretDB.
        await this.claims().deleteMany({ relationshipId, _id: { $in: inserted } });
      }
      return slot;
    }
    return null;
  }

  /** Gives back the pair's claims but those of `keep` (its kickoff's slots as written). */
  async releaseExcept(relationshipId: string, keep: readonly KickoffSlot[]): Promise<void> {
    const kept = keep.flatMap((slot) => claimsOf(relationshipId, slot)).map((d) => d._id);
    await this.claims().deleteMany({ relationshipId, _id: { $nin: kept } });
  }

  /** Forgetting a person: their claims name them. */
  async forget(userId: string): Promise<number> {
    return (await this.claims().deleteMany({ userId })).deletedCount;
  }

  /**
   * Deletes at most `limit` claims of time before `cutoff`: a kickoff long past holds no one's
   * time any more, and without this every kickoff would leave its claims for good.
   */
  async purgeOlderThan(cutoff: Date, limit: number): Promise<number> {
    return deleteCollectionPage(this.claims(), { at: { $lt: cutoff } }, limit);
  }

  async ensureIndexes(): Promise<void> {
    await Promise.all([
      this.claims().createIndex({ relationshipId: 1 }),
      this.claims().createIndex({ userId: 1 }),
      // The purge's range read: served on MongoDB (FerretDB scans, hourly and a page at a time).
      this.claims().createIndex({ at: 1 }),
    ]);
  }

  private claims(): Collection<ClaimDoc> {
    return this.connection.collection<ClaimDoc>("kickoff_claims");
  }
}

/** The five-minute stretches a kickoff starting at `slot.start` touches, for its person. */
function claimsOf(relationshipId: string, slot: KickoffSlot): ClaimDoc[] {
  const first = Math.floor(slot.start.getTime() / STRETCH_MS) * STRETCH_MS;
  const end = slot.start.getTime() + KICKOFF_MINUTES * 60_000;
  const docs: ClaimDoc[] = [];
  for (let t = first; t < end; t += STRETCH_MS) {
    const at = new Date(t);
    docs.push({
      _id: `${slot.userId}:${at.toISOString()}`,
      userId: slot.userId,
      relationshipId,
      at,
    });
  }
  return docs;
}
