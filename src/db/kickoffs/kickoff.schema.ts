import { Schema } from "mongoose";

const answersSchema = new Schema(
  {
    aspiration: { type: String, required: true },
    targetDate: { type: String, required: true },
    skills: { type: String, required: true },
    challenges: { type: String, required: true },
    support: { type: String, required: true },
    offer: { type: String, default: "" },
    at: { type: Date, required: true },
  },
  { _id: false },
);

export const kickoffSchema = new Schema(
  {
    // One kickoff per pair, even when two workers plan it at once.
    relationshipId: { type: String, required: true, unique: true },
    mentorId: { type: String, required: true },
    menteeId: { type: String, required: true },
    at: { type: Date, default: null },
    mentorStartsAt: { type: Date, required: true },
    menteeStartsAt: { type: Date, required: true },
    mentorInviteAt: { type: Date, default: null },
    menteeInviteAt: { type: Date, default: null },
    mentorRemindAt: { type: Date, default: null },
    menteeRemindAt: { type: Date, default: null },
    confirmAt: { type: Date, default: null },
    scheduledBy: { type: String, default: null },
    moves: { type: Number, default: 0 },
    // The people's steps, as kickoffs from before `kickoff_steps` hold them: read, and written
    // only to forget the mentee's answers.
    answers: { type: answersSchema, default: null },
    suggestedAt: { type: Date, default: null },
    suggestedTemplate: { type: String, default: null },
    confirmedAt: { type: Date, default: null },
    dueAt: { type: Date, default: null },
    // Set from the injected clock, not by mongoose, so tests control time.
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: "kickoffs" },
);

// The sweep: kickoffs with a reminder or a confirmation due.
kickoffSchema.index({ dueAt: 1 });
// Forgetting a person: their kickoffs, on either side.
kickoffSchema.index({ menteeId: 1 });
kickoffSchema.index({ mentorId: 1 });
