import { Schema } from "mongoose";

export const introductionSchema = new Schema(
  {
    relationshipId: { type: String, required: true },
    kind: { type: String, enum: ["introduction", "request"], required: true },
    mentorId: { type: String, required: true },
    menteeId: { type: String, required: true },
    personId: { type: String, default: null },
    text: { type: String, required: true },
    createdBy: { type: String, required: true },
    // Set from the injected clock, not by mongoose, so tests control time.
    createdAt: { type: Date, required: true },
    sentAt: { type: Date, default: null },
  },
  { collection: "introductions", versionKey: false },
);

// A pair's introductions, newest first (App Home).
introductionSchema.index({ relationshipId: 1, createdAt: -1 });
// The daily cap: a mentor's introductions in the last day.
introductionSchema.index({ createdBy: 1, createdAt: 1 });
// The program report: introductions made in a window of time.
introductionSchema.index({ createdAt: 1 });
