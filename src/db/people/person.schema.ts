import { Schema } from "mongoose";

export const personSchema = new Schema(
  {
    slackUserId: { type: String, required: true, unique: true },
    displayName: { type: String, required: true },
    realName: { type: String, default: "" },
    timezone: { type: String, default: null },
    isBot: { type: Boolean, default: false },
    deleted: { type: Boolean, default: false },
    status: {
      type: new Schema({ emoji: String, text: String, expiresAt: Date }, { _id: false }),
      default: null,
    },
    refreshedAt: { type: Date, required: true },
  },
  { collection: "people", timestamps: true },
);
