import { Schema } from "mongoose";

/**
 * One row per answered check-in: the unique insert decides which of two
 * simultaneous answers counts (a conditional update is not atomic on FerretDB).
 * It keeps the answer, which a write of the same moment can take off the check-in
 * itself (see CheckinRepository.restoreAnswer); absent on rows from before.
 */
export const checkinAnswerSchema = new Schema(
  {
    checkinId: { type: String, required: true, unique: true },
    at: { type: Date, required: true },
    answer: { type: Schema.Types.Mixed, default: null },
    // Claimed for an answer still being written (its progress first): no answer yet.
    pending: { type: Boolean },
  },
  { collection: "checkin_answers", versionKey: false },
);
