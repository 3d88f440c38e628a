import { Schema } from "mongoose";

export const personSchema = new Schema(
  {
    // The Slack user id (as `slackUserId`): FerretDB serves `_id`, also in `$in`, from its index,
    // and scans the whole collection for `$in` on any other field (a sweep page reads 1,000).
    // People cached before are keyed again on the first start after the upgrade.
    _id: { type: String },
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
