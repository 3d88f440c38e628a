import { Schema } from "mongoose";

export const auditEntrySchema = new Schema(
  {
    at: { type: Date, required: true },
    actorId: { type: String, required: true },
    action: { type: String, required: true },
    entityType: { type: String, required: true },
    entityId: { type: String, required: true },
    details: { type: Schema.Types.Mixed, default: {} },
  },
  { collection: "audit_log", versionKey: false },
);

auditEntrySchema.index({ entityId: 1, at: -1 });
// The retention sweep finds the oldest entries by time.
auditEntrySchema.index({ at: 1 });
// Forgetting someone: the entries they made, to strip free text from.
auditEntrySchema.index({ actorId: 1 });
