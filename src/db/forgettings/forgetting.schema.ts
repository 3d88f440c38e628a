import { Schema } from "mongoose";

// _id is the person's Slack id: one forgetting under way a person, found by the one index
// FerretDB always uses.
export const forgettingSchema = new Schema(
  {
    _id: { type: String, required: true },
    relationshipIds: { type: [String], default: [] },
    openIds: { type: [String], default: [] },
    requestIds: { type: [String], default: [] },
    startedAt: { type: Date, required: true },
  },
  { collection: "forgettings", versionKey: false },
);
