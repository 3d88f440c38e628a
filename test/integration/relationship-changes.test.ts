// People's changes to pairs, recorded for the check-in sweep (RelationshipChanges): what the
// records keep. A change that did not happen is never written later by a sweep, and a forgotten
// person's words and id do not stay in them.
import mongoose from "mongoose";
import { afterAll, describe, expect, it } from "vitest";
import { Database } from "../../src/db/database.js";
import { testMongoUri, uniqueName } from "../support/isolation.js";
import { createActivePair } from "../support/relationships.js";

const now = new Date("2026-11-30T10:00:00Z");
const name = uniqueName("relchanges");
const db = await Database.connect(testMongoUri(name));
const raw = await mongoose.createConnection(testMongoUri(name)).asPromise();
afterAll(async () => {
  await raw.close();
  await db.close();
});

/** The pair's records, read from the server (not through the repository). */
const recordsOf = (relationshipId: string) =>
  raw.collection("relationship_changes").find({ relationshipId }).toArray();

describe("recorded changes to a pair", () => {
  it("a change refused by its condition leaves no record: no sweep writes it later", async () => {
    const pair = await createActivePair(db.relationships, now);
    expect(await db.relationships.end(pair.id, "active", "done", now)).not.toBeNull();
    expect(await db.relationships.end(pair.id, "active", "again", now)).toBeNull();
    expect(await db.relationships.reassign(pair, "UNEWMENTOR", now)).toBeNull();
    const records = await recordsOf(pair.id);
    expect(records.map((r) => r.set.endReason)).toEqual(["done"]);
  });

  it("forgetting a person clears the reasons and drops the reassignments that name them", async () => {
    const pair = await createActivePair(db.relationships, now);
    await db.relationships.reassign(pair, "UNEWMENTOR", now);
    await db.relationships.end(pair.id, "active", "my private reasons", now);
    expect(JSON.stringify(await recordsOf(pair.id))).toContain(pair.menteeId);

    await db.relationships.forgetPerson(pair.menteeId, [pair.id]);
    const kept = JSON.stringify(await recordsOf(pair.id));
    expect(kept).not.toContain("my private reasons");
    expect(kept).not.toContain(pair.menteeId);
    expect(await db.relationships.findById(pair.id)).toMatchObject({ status: "ended" });
  });
});
