import { Schema } from "mongoose";

export const relationshipSchema = new Schema(
  {
    mentorId: { type: String, required: true },
    menteeId: { type: String, required: true },
    status: {
      type: String,
      enum: ["pending", "active", "paused", "ended"],
      required: true,
    },
    // Sorted "A:B" while the pair is open, "ended:<id>" after: see openPairKey().
    pairKey: { type: String, required: true, unique: true },
    createdBy: { type: String, required: true },
    requestedBy: { type: String, default: null },
    awaitingUserId: { type: String, default: null },
    endReason: { type: String, default: null },
    activatedAt: { type: Date, default: null },
    endedAt: { type: Date, default: null },
    goal: {
      type: new Schema(
        {
          aspiration: { type: String, required: true },
          targetDate: { type: String, default: null },
          updatedAt: { type: Date, required: true },
          updatedBy: { type: String, required: true },
        },
        { _id: false },
      ),
      default: null,
    },
    // Room for later issues: check-in cadence and per-pair settings.
    cadence: { type: Schema.Types.Mixed, default: null },
    settings: { type: Schema.Types.Mixed, default: {} },
    // Set from the injected clock, not by mongoose, so tests control time.
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: "relationships" },
);

// "My relationships" from either side, filtered by status.
relationshipSchema.index({ mentorId: 1, status: 1 });
relationshipSchema.index({ menteeId: 1, status: 1 });
