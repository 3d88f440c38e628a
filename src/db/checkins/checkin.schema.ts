import { Schema } from "mongoose";

const answerSchema = new Schema(
  {
    kind: { type: String, enum: ["on_track", "need_help", "progress"], required: true },
    note: { type: String, default: "" },
    milestoneTitles: { type: [String], default: [] },
    by: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { _id: false },
);

export const checkinSchema = new Schema(
  {
    relationshipId: { type: String, required: true },
    mentorId: { type: String, required: true },
    menteeId: { type: String, required: true },
    slot: { type: String, required: true },
    scheduledFor: { type: Date, required: true },
    sequence: { type: Number, required: true },
    status: {
      type: String,
      enum: ["scheduled", "sent", "answered", "missed", "skipped"],
      required: true,
    },
    sentAt: { type: Date, default: null },
    message: {
      type: new Schema({ channel: String, ts: String }, { _id: false }),
      default: null,
    },
    remindAt: { type: Date, default: null },
    remindedAt: { type: Date, default: null },
    missAt: { type: Date, default: null },
    answer: { type: answerSchema, default: null },
    // When the answer reached the mentor; until then the follow-up pass announces it again.
    announcedAt: { type: Date, default: null },
    // Missed: when its run of misses was checked; until then the follow-up pass checks it.
    streakCheckedAt: { type: Date, default: null },
    // True while its reflection prompt may be owed (absent otherwise): a sweep looks it up.
    reflectionOwed: { type: Boolean },
    // The hour of its next follow-up step, -1 when none (src/domain/checkin-follow-up-index.ts).
    followUpBucket: { type: Number },
    createdAt: { type: Date, required: true },
  },
  { collection: "checkins" },
);

// The final guard of "sent once": one check-in per relationship and slot.
checkinSchema.index({ relationshipId: 1, slot: 1 }, { unique: true });
// A pair's check-ins are numbered 1, 2, 3…; the reflection prompt relies on it, so two
// check-ins created at once (a sweep and `checkin now`) can never share a number.
checkinSchema.index({ relationshipId: 1, sequence: 1 }, { unique: true });
// The follow-up pass reads by equality on the bucket (FerretDB would scan for a Date range).
checkinSchema.index({ followUpBucket: 1 });
// The sweep of reflection prompts still owed reads by equality (a handful at any time).
checkinSchema.index({ reflectionOwed: 1 });
// Also the upgrade's and the hourly repair's lookup of open check-ins by status.
checkinSchema.index({ status: 1, scheduledFor: 1 });
checkinSchema.index({ status: 1, remindAt: 1 });
checkinSchema.index({ status: 1, missAt: 1 });
checkinSchema.index({ relationshipId: 1, scheduledFor: -1 });
// The program report: check-ins sent, and answers given, in a window of time.
checkinSchema.index({ sentAt: 1 });
checkinSchema.index({ "answer.at": 1 });
