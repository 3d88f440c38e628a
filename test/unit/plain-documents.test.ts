import mongoose, { Schema } from "mongoose";
import { describe, expect, it } from "vitest";
import { auditEntrySchema } from "../../src/db/audit/audit.schema.js";
import { plainDocuments } from "../../src/db/plain-documents.js";
import { progressEntrySchema } from "../../src/db/progress/progress-entry.schema.js";

// The short way must store exactly what mongoose would, or leave the entry to mongoose.
type Model = "progress" | "audit";
const schemas = { progress: progressEntrySchema, audit: auditEntrySchema };
const connection = mongoose.createConnection();
const Progress = connection.model("PlainProgress", progressEntrySchema);
const Audit = connection.model("PlainAudit", auditEntrySchema);
const at = new Date("2026-11-23T15:00:00Z");

const progress = {
  relationshipId: "r1",
  milestoneId: "m1",
  authorId: "U1",
  kind: "log",
  text: "Read a chapter",
  at,
};
const audit = {
  at,
  actorId: "U1",
  action: "milestone.progress_logged",
  entityType: "milestone",
  entityId: "m1",
  details: { note: "Read a chapter" },
};

/** What mongoose would insert (without its `_id`), or the error it refuses the entry with. */
async function byMongoose(model: Model, entry: object) {
  const doc = model === "progress" ? new Progress(entry) : new Audit(entry);
  try {
    await doc.validate();
  } catch (error) {
    return { refused: (error as Error).name };
  }
  const { _id, ...rest } = doc.toObject() as Record<string, unknown>;
  return rest;
}

describe("plain documents", () => {
  const cases: Array<[string, Model, Record<string, unknown>, "short" | "mongoose"]> = [
    ["a progress entry", "progress", progress, "short"],
    ["without its text (the default)", "progress", { ...progress, text: undefined }, "short"],
    ["an audit line with details", "audit", audit, "short"],
    ["an audit line without details", "audit", { ...audit, details: undefined }, "short"],
    ["an audit line with empty details", "audit", { ...audit, details: {} }, "short"],
    ["nested details", "audit", { ...audit, details: { before: { title: "a" } } }, "mongoose"],
    ["a kind outside the enum", "progress", { ...progress, kind: "deleted" }, "mongoose"],
    ["an empty required string", "progress", { ...progress, authorId: "" }, "mongoose"],
    ["a missing required field", "progress", { ...progress, at: undefined }, "mongoose"],
    ["a field not in the schema", "progress", { ...progress, extra: 1 }, "mongoose"],
    ["a number to cast", "progress", { ...progress, text: 5 }, "mongoose"],
    ["a date as a string", "progress", { ...progress, at: at.toISOString() }, "mongoose"],
  ];

  for (const [what, model, entry, way] of cases) {
    it(`${what}: ${way === "short" ? "the same document as mongoose's" : "left to mongoose"}`, async () => {
      const plain = plainDocuments(schemas[model]);
      const made = plain?.(entry);
      if (way === "mongoose") {
        expect(made).toBeNull();
        return;
      }
      const { _id, ...rest } = made ?? {};
      expect(_id).toBeInstanceOf(mongoose.Types.ObjectId);
      expect(rest).toEqual(await byMongoose(model, entry));
    });
  }

  it("gives each document its own _id", () => {
    const plain = plainDocuments(progressEntrySchema);
    expect(plain?.(progress)?._id).not.toEqual(plain?.(progress)?._id);
  });

  it("leaves schemas with anything else to mongoose", () => {
    expect(plainDocuments(new Schema({ n: Number }, { versionKey: false }))).toBeNull();
    expect(
      plainDocuments(new Schema({ s: { type: String, trim: true } }, { versionKey: false })),
    ).toBeNull();
    expect(plainDocuments(new Schema({ s: String }))).toBeNull(); // keeps a version key
  });
});
