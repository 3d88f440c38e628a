import { Schema } from "mongoose";

/** Every stored forgetting is unfinished (done ones are deleted): the sweep reads them by this. */
export const UNFINISHED = "unfinished";

// _id is the person's Slack id: one forgetting under way a person, found by the one index
// FerretDB always uses. `state` is indexed so the sweep's lookup is an equality FerretDB pushes
// down, not a scan.
export const forgettingSchema = new Schema(
  {
    _id: { type: String, required: true },
    state: { type: String, required: true },
    relationshipIds: { type: [String], default: [] },
    openIds: { type: [String], default: [] },
    requestIds: { type: [String], default: [] },
    startedAt: { type: Date, required: true },
  },
  { collection: "forgettings", versionKey: false },
);
forgettingSchema.index({ state: 1 });
