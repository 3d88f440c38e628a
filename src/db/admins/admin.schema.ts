import { Schema } from "mongoose";

// The Slack user id is the _id: the one index FerretDB always uses, and unique,
// so two racing "admins add" of the same person store one record.
export const adminSchema = new Schema(
  {
    _id: { type: String, required: true },
    addedBy: { type: String, required: true },
    addedAt: { type: Date, required: true },
  },
  { collection: "program_admins", versionKey: false },
);
