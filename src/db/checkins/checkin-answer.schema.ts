import { Schema } from "mongoose";

/**
 * One row per answered check-in: the unique insert decides which of two
 * simultaneous answers counts (a conditional update is not atomic on FerretDB).
 */
export const checkinAnswerSchema = new Schema(
  {
    checkinId: { type: String, required: true, unique: true },
    at: { type: Date, required: true },
  },
  { collection: "checkin_answers", versionKey: false },
);
