import { Schema } from "mongoose";

export const deliverySchema = new Schema(
  {
    key: { type: String, required: true, unique: true },
    status: { type: String, enum: ["claimed", "sent"], required: true },
    token: { type: String, default: null },
    claimedAt: { type: Date, default: null },
    claimedUntil: { type: Date, default: null },
    channel: { type: String, default: null },
    ts: { type: String, default: null },
    sentAt: { type: Date, default: null },
  },
  { collection: "deliveries", versionKey: false },
);
// The retention sweep finds entries sent long ago by time.
deliverySchema.index({ sentAt: 1 });
