import type { Clock } from "../clock.js";

/** One line of the audit trail. */
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

/** Port: who changed what, and when. Every service writes here; MongoDB keeps it append-only. */
export interface AuditTrail {
  record(entry: AuditEntry): Promise<void>;
}

/** Records `action` ("checkin.answered") by `actorId` on an entity, at the clock's time. */
export function recordAudit(
  trail: AuditTrail,
  clock: Clock,
  actorId: string,
  action: string,
  entityId: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  const entityType = action.split(".")[0] ?? action;
  return trail.record({ at: clock.now(), actorId, action, entityType, entityId, details });
}
