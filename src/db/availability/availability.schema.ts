import { Schema } from "mongoose";

export const availabilitySchema = new Schema(
  {
    userId: { type: String, required: true, unique: true },
    hours: {
      type: new Schema({ start: String, end: String, days: [Number] }, { _id: false }),
      default: null,
    },
    away: {
      type: new Schema({ until: String, note: String }, { _id: false }),
      default: null,
    },
    awayNotices: {
      type: Map,
      of: new Schema({ until: String, seenAt: Date, since: Date, toldAt: Date }, { _id: false }),
      default: {},
    },
    updatedAt: { type: Date, required: true },
  },
  { collection: "availability" },
);
