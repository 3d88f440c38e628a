import { Schema } from "mongoose";

export const progressEntrySchema = new Schema(
  {
    relationshipId: { type: String, required: true },
    milestoneId: { type: String, required: true },
    authorId: { type: String, required: true },
    kind: { type: String, enum: ["log", "done", "reopened"], required: true },
    text: { type: String, default: "" },
    at: { type: Date, required: true },
  },
  { collection: "progress_entries", versionKey: false },
);

progressEntrySchema.index({ milestoneId: 1, at: -1 });
progressEntrySchema.index({ relationshipId: 1, at: -1 });
// The program report: pairs with progress logged in a window of time.
progressEntrySchema.index({ at: 1 });
