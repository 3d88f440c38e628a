// Appends coalesced on a real MongoDB-wire server: what many callers insert at once goes in
// fewer commands, and each caller still learns its own document's fate.
import mongoose from "mongoose";
import { afterAll, describe, expect, it } from "vitest";
import { Database } from "../../src/db/database.js";
import { InsertCoalescer } from "../../src/db/insert-coalescer.js";
import { isDuplicateKeyError } from "../../src/db/mongo-errors.js";
import { testMongoUri, uniqueName } from "../support/isolation.js";

const uri = testMongoUri(uniqueName("coalesce"));
const db = await Database.connect(uri);
const client = new mongoose.mongo.MongoClient(uri, { monitorCommands: true });
await client.connect();
afterAll(async () => {
  await client.close();
  await db.close();
});

const inserts: number[] = [];
client.on("commandStarted", (event) => {
  if (event.commandName === "insert") inserts.push(event.command.documents.length);
});

interface Mark {
  _id: string;
  n?: number;
}

describe("coalesced inserts", () => {
  it("writes 60 documents inserted at once in fewer commands than documents", async () => {
    const marks = new InsertCoalescer<Mark>(() => client.db().collection<Mark>("marks_many"));
    inserts.length = 0;
    await Promise.all(Array.from({ length: 60 }, (_, n) => marks.insert({ _id: `m${n}`, n })));

    expect(await client.db().collection("marks_many").countDocuments()).toBe(60);
    expect(inserts.reduce((a, b) => a + b, 0)).toBe(60);
    // Inserted in one run of code, they go in one command.
    expect(inserts).toEqual([60]);
  });

  it("refuses a duplicate to its own caller only, and writes the others", async () => {
    const marks = new InsertCoalescer<Mark>(() => client.db().collection<Mark>("marks_dup"));
    await marks.insert({ _id: "first" });
    const outcomes = await Promise.allSettled([
      marks.insert({ _id: "a" }),
      marks.insert({ _id: "first" }),
      marks.insert({ _id: "b" }),
      marks.insert({ _id: "a" }),
    ]);

    expect(outcomes.map((o) => o.status)).toEqual([
      "fulfilled",
      "rejected",
      "fulfilled",
      "rejected",
    ]);
    for (const o of outcomes) {
      if (o.status === "rejected") expect(isDuplicateKeyError(o.reason)).toBe(true);
    }
    const ids = await client.db().collection<Mark>("marks_dup").distinct("_id");
    expect(ids.sort()).toEqual(["a", "b", "first"]);
  });

  it("refuses an invalid entry at once, and the entries beside it are kept", async () => {
    const at = new Date("2026-11-28T10:00:00Z");
    const entry = { relationshipId: "r1", milestoneId: "m1", authorId: "U1", text: "", at };
    const outcomes = await Promise.allSettled([
      db.progress.add({ ...entry, kind: "log", text: "one" }),
      db.progress.add({ ...entry, kind: "sideways" as "log", text: "bad" }),
      db.progress.add({ ...entry, kind: "done", text: "two" }),
    ]);

    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    const kept = await db.progress.listForRelationship("r1");
    expect(kept.map((e) => e.text).sort()).toEqual(["one", "two"]);
  });

  it("keeps every audit line of a burst, each with its own details", async () => {
    const at = new Date("2026-11-28T10:00:00Z");
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        db.audit.record({
          at,
          actorId: `U${i}`,
          action: "milestone.progress_logged",
          entityType: "milestone",
          entityId: "burst",
          details: { note: `note ${i}` },
        }),
      ),
    );

    const lines = await db.audit.listFor("burst");
    expect(lines).toHaveLength(30);
    expect(new Set(lines.map((l) => l.details.note)).size).toBe(30);
  });

  it("counts a tally event once when it is recorded twice at the same moment", async () => {
    const event = {
      kind: "checkin_sent" as const,
      sourceId: "c-twice",
      relationshipId: "pair-twice",
      at: new Date("2026-11-28T10:00:00Z"),
    };
    await Promise.all([db.tallies.record(event), db.tallies.record(event)]);

    const tally = (await db.tallies.forPairs(["pair-twice"])).get("pair-twice");
    expect(tally?.checkinsSent).toBe(1);
  });
});
