import { Schema } from "mongoose";

const progressNoteSchema = new Schema(
  {
    text: { type: String, required: true },
    authorId: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { _id: false },
);

export const milestoneSchema = new Schema(
  {
    relationshipId: { type: String, required: true },
    position: { type: Number, required: true },
    title: { type: String, required: true },
    description: { type: String, default: "" },
    dueDate: { type: String, default: null },
    status: { type: String, enum: ["planned", "in_progress", "done"], default: "planned" },
    doneAt: { type: Date, default: null },
    doneBy: { type: String, default: null },
    shoutOutDueAt: { type: Date, default: null },
    shareAnswer: { type: String, enum: ["share", "keep_private"], default: null },
    latestNote: { type: progressNoteSchema, default: null },
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    // Removed milestones stay for the audit trail but leave the roadmap.
    removedAt: { type: Date, default: null },
  },
  { collection: "milestones" },
);

// Positions only grow, so (relationship, position) stays unique even with removals.
milestoneSchema.index({ relationshipId: 1, position: 1 }, { unique: true });
// The program report: milestones reached, and roadmaps touched, in a window of time.
milestoneSchema.index({ doneAt: 1 });
// Shout-outs waiting for the next day's slots.
milestoneSchema.index({ shoutOutDueAt: 1 });
milestoneSchema.index({ updatedAt: 1 });
