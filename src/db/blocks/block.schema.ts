import { Schema } from "mongoose";

// _id is "<blockerId>:<blockedId>": the one index FerretDB always uses, unique,
// so a check is one _id lookup and two racing blocks store one record.
export const blockSchema = new Schema(
  {
    _id: { type: String, required: true },
    blockerId: { type: String, required: true },
    blockedId: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: "blocks", versionKey: false },
);
