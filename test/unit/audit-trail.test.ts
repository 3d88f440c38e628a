import { describe, expect, it } from "vitest";
import { type AuditEntry, type AuditTrail, TrailAuditor } from "../../src/domain/audit-trail.js";

function auditorAt(at: Date) {
  const entries: AuditEntry[] = [];
  const trail: AuditTrail = { record: async (entry) => void entries.push(entry) };
  return { auditor: new TrailAuditor(trail, { now: () => at }), entries };
}

describe("TrailAuditor", () => {
  const at = new Date("2026-03-02T10:00:00Z");

  it("files an action under its first word, at the clock's time", async () => {
    const { auditor, entries } = auditorAt(at);
    await auditor.record("U1", "checkin.answered", "c1", { kind: "on_track" });
    expect(entries).toEqual([
      {
        at,
        actorId: "U1",
        action: "checkin.answered",
        entityType: "checkin",
        entityId: "c1",
        details: { kind: "on_track" },
      },
    ]);
  });

  it("records no details as an empty object, and takes another entity type when told", async () => {
    const { auditor, entries } = auditorAt(at);
    await auditor.record("U1", "admin.added", "U2");
    await auditor.record("U1", "celebration.settings_changed", "r1", {}, "relationship");
    expect(entries.map((e) => [e.entityType, e.details])).toEqual([
      ["admin", {}],
      ["relationship", {}],
    ]);
  });
});
