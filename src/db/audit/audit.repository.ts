import type { Connection, Model } from "mongoose";
import type { AuditEntry, AuditTrail } from "../../domain/audit-trail.js";
import type { PersonalDataHolder } from "../../domain/forgetting.js";
import type { ReassignmentRecords, RecordedReassignment } from "../../domain/reassignment.js";
import type { Purgeable } from "../../domain/retention.js";
import { coalescedCreate } from "../insert-coalescer.js";
import { deletePage } from "../paged-delete.js";
import { auditEntrySchema } from "./audit.schema.js";

/** Who changed what, and when: append-only. */
export class AuditRepository
  implements AuditTrail, Purgeable, PersonalDataHolder, ReassignmentRecords
{
  private readonly model: Model<AuditEntry>;
  /** Many requests write a line at once under load: together, in fewer commands. */
  private readonly append: (entry: AuditEntry) => Promise<void>;

  constructor(connection: Connection) {
    this.model = connection.model<AuditEntry>("AuditEntry", auditEntrySchema);
    this.append = coalescedCreate(this.model);
  }

  record(entry: AuditEntry): Promise<void> {
    return this.append(entry);
  }

  async listFor(entityId: string): Promise<AuditEntry[]> {
    const docs = await this.model.find({ entityId }).sort({ at: 1 }).lean<AuditEntry[]>();
    return docs.map(({ at, actorId, action, entityType, entityId: id, details }) => ({
      at,
      actorId,
      action,
      entityType,
      entityId: id,
      details,
    }));
  }

  /**
   * The pairs an admin moved away from this mentor, as the trail recorded them: reassignments
   * from before pairs kept their former mentors (Relationship.formerMentorIds).
   */
  async pairsReassignedAwayFrom(mentorId: string): Promise<string[]> {
    const docs = await this.model
      .find(
        { action: "relationship.reassigned", "details.fromMentorId": String(mentorId) },
        { entityId: 1 },
      )
      .lean<Array<{ entityId: string }>>();
    return docs.map((doc) => doc.entityId);
  }

  /** The pair's latest recorded reassignment that names its job's time (`at`, since this release). */
  async latestReassignment(relationshipId: string): Promise<RecordedReassignment | null> {
    const [doc] = await this.model
      .find({ entityId: String(relationshipId), action: "relationship.reassigned" }, { details: 1 })
      .sort({ at: -1 })
      .limit(1)
      .lean<Array<{ details?: Record<string, unknown> }>>();
    const { fromMentorId, toMentorId, at } = doc?.details ?? {};
    if (typeof fromMentorId !== "string" || typeof toMentorId !== "string") return null;
    return typeof at === "string" ? { fromMentorId, toMentorId, at } : null;
  }

  purgeOlderThan(cutoff: Date, limit: number): Promise<number> {
    return deletePage(this.model, { at: { $lt: cutoff } }, limit);
  }

  /**
   * The trail keeps who did what and when, but not the words: in the entries the person made,
   * and in the aspirations set on their pairs (the mentee's, whoever typed them), details keep
   * only ids, kinds and statuses. Each read is an indexed equality; a cursor keeps memory to
   * one entry at a time.
   */
  async forgetPerson(userId: string, relationshipIds: readonly string[] = []): Promise<number> {
    let changed = await this.stripWords({ actorId: String(userId) });
    for (const id of relationshipIds) {
      changed += await this.stripWords({ entityId: String(id), action: "goal.set" });
    }
    return changed;
  }

  private async stripWords(filter: Record<string, string>): Promise<number> {
    let changed = 0;
    const cursor = this.model
      .find(filter, { details: 1 })
      .lean<Array<{ _id: unknown; details?: Record<string, unknown> }>>()
      .cursor();
    for await (const doc of cursor) {
      const details = idsOnly(doc.details ?? {});
      if (Object.keys(details).length === Object.keys(doc.details ?? {}).length) continue;
      await this.model.updateOne({ _id: doc._id }, { $set: { details } });
      changed++;
    }
    return changed;
  }

  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
  }
}

/** Keys that hold ids or settings, never what someone wrote. */
const KEPT_DETAIL = /(Id|Ids|kind|status|byMember|count)$/;

function idsOnly(details: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(details).filter(
      ([key, value]) => KEPT_DETAIL.test(key) && (typeof value !== "string" || value.length <= 40),
    ),
  );
}
