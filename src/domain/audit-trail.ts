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

/** What services record with: one call per change, the time and entity type filled in. */
export interface Auditor {
  /**
   * Records `action` ("checkin.answered") by `actorId` on `entityId`. The entity type is the
   * action's first word ("checkin") unless `entityType` says otherwise.
   */
  record(
    actorId: string,
    action: string,
    entityId: string,
    details?: Record<string, unknown>,
    entityType?: string,
  ): Promise<void>;
}

/** The Auditor over an AuditTrail, at the clock's time: built once, injected into every service. */
export class TrailAuditor implements Auditor {
  constructor(
    private readonly trail: AuditTrail,
    private readonly clock: Clock,
  ) {}

  record(
    actorId: string,
    action: string,
    entityId: string,
    details: Record<string, unknown> = {},
    entityType: string = action.split(".")[0] ?? action,
  ): Promise<void> {
    return this.trail.record({
      at: this.clock.now(),
      actorId,
      action,
      entityType,
      entityId,
      details,
    });
  }
}
