import type { Clock } from "../clock.js";

/** Who changed what, and when: every service writes here; MongoDB keeps it append-only. */
export interface AuditTrail {
  record(entry: {
    at: Date;
    actorId: string;
    action: string;
    entityType: string;
    entityId: string;
    details: Record<string, unknown>;
  }): Promise<void>;
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
