import type { Connection, Model } from "mongoose";
import type { Purgeable } from "../../domain/retention.js";
import { deletePage } from "../paged-delete.js";
import { auditEntrySchema } from "./audit.schema.js";

export interface AuditEntry {
  at: Date;
  /** A Slack user id, or "system" for scheduled work. */
  actorId: string;
  /** Dotted verb, e.g. "relationship.requested". */
  action: string;
  entityType: string;
  entityId: string;
  details: Record<string, unknown>;
}

/** Who changed what, and when: append-only. */
export class AuditRepository implements Purgeable {
  private readonly model: Model<AuditEntry>;

  constructor(connection: Connection) {
    this.model = connection.model<AuditEntry>("AuditEntry", auditEntrySchema);
  }

  async record(entry: AuditEntry): Promise<void> {
    await this.model.create(entry);
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

  purgeOlderThan(cutoff: Date, limit: number): Promise<number> {
    return deletePage(this.model, { at: { $lt: cutoff } }, limit);
  }

  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
  }
}
