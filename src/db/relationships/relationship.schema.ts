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
    cadence: {
      type: new Schema(
        {
          frequency: { type: String, enum: ["weekly", "biweekly", "monthly"], required: true },
          weekday: { type: Number, min: 1, max: 7, required: true },
          time: { type: String, required: true },
          anchorDate: { type: String, default: null },
        },
        { _id: false },
      ),
      default: null,
    },
    nextCheckinAt: { type: Date, default: null },
    checkinsPaused: { type: Boolean, default: false },
    skipNextCheckin: { type: Boolean, default: false },
    // The sweep's hint for numbering the next check-in (see DueRelationship); null: unknown.
    checkinSequence: { type: Number, default: null },
    // The due index (src/domain/due-index.ts): -1 parked, 0 look now, else the hour it is due.
    dueBucket: { type: Number },
    // The last recorded change a person made that this document shows (RelationshipChanges).
    lastChange: { type: String },
    // Who of the two left the workspace (see Relationship.leftWorkspace); [] on a new pair.
    leftWorkspace: { type: [String], default: [] },
    // Who mentored the pair before a reassignment (see Relationship.formerMentorIds).
    formerMentorIds: { type: [String], default: undefined },
    // Roadmap changes counted, and the open milestones a check-in shows: see RoadmapPreviews.
    roadmapRev: { type: Number },
    roadmapPreview: { type: Schema.Types.Mixed },
    settings: { type: Schema.Types.Mixed, default: {} },
    // { <authorId>: { whatWorked, nextSteps, at } }: one per person, replaced when rewritten.
    reflections: { type: Schema.Types.Mixed, default: {} },
    // Set from the injected clock, not by mongoose, so tests control time.
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: "relationships" },
);

// "My relationships" from either side, filtered by status.
relationshipSchema.index({ mentorId: 1, status: 1 });
relationshipSchema.index({ menteeId: 1, status: 1 });
// Caps on asking: a requester's pending requests, and their recent declines.
relationshipSchema.index({ requestedBy: 1, status: 1 });
// The check-in sweep reads the due index bucket by bucket, by equality (FerretDB can use that).
relationshipSchema.index({ dueBucket: 1 });
