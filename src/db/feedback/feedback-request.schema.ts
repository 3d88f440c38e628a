import { Schema } from "mongoose";

export const feedbackRequestSchema = new Schema(
  {
    relationshipId: { type: String, required: true },
    requesterId: { type: String, required: true },
    giverId: { type: String, required: true },
    // True when the mentee named the giver; absent when it was their mentor by default.
    giverNamed: { type: Boolean },
    topic: { type: String, required: true },
    promptAt: { type: Date, required: true },
    status: {
      type: String,
      enum: ["scheduled", "asked", "answered", "expired", "cancelled"],
      required: true,
    },
    askedAt: { type: Date, default: null },
    message: { type: new Schema({ channel: String, ts: String }, { _id: false }), default: null },
    remindAt: { type: Date, default: null },
    remindedAt: { type: Date, default: null },
    expiresAt: { type: Date, default: null },
    createdAt: { type: Date, required: true },
  },
  { collection: "feedback_requests" },
);

// The sweep: scheduled prompts due, reminders due, expiries due.
feedbackRequestSchema.index({ status: 1, promptAt: 1 });
feedbackRequestSchema.index({ status: 1, remindAt: 1 });
feedbackRequestSchema.index({ status: 1, expiresAt: 1 });
// "My requests" and "feedback I owe".
feedbackRequestSchema.index({ requesterId: 1, createdAt: 1 });
feedbackRequestSchema.index({ giverId: 1, status: 1 });
// The program report: feedback asked in a window of time.
feedbackRequestSchema.index({ askedAt: 1 });
// Closing a pair's open requests when it ends (and a person's data when they leave).
feedbackRequestSchema.index({ relationshipId: 1 });
