import { Schema } from "mongoose";

export const exchangeSchema = new Schema(
  {
    relationshipId: { type: String, required: true },
    authorId: { type: String, required: true },
    kind: { type: String, enum: ["offer", "advice"], required: true },
    source: { type: String, required: true },
    text: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { collection: "exchanges" },
);

// A pair's latest, for App Home and the roadmap.
exchangeSchema.index({ relationshipId: 1, at: -1 });
// Forgetting a person: what they wrote.
exchangeSchema.index({ authorId: 1 });
