// People's changes to pairs, recorded for the check-in sweep (RelationshipChanges): what the
// records keep. A change that did not happen is never written later by a sweep, one a sweep's
// advance undid is written again (settings beside the others), and a forgotten person's words
// and id do not stay in them.
import mongoose from "mongoose";
import { afterAll, describe, expect, it, vi } from "vitest";
import { Database } from "../../src/db/database.js";
import { bucketOf, LOOK_NOW } from "../../src/domain/due-index.js";
import type { Relationship } from "../../src/domain/relationship.js";
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

/**
 * What FerretDB does when the sweep's advance read the pair before `changes` and wrote after:
 * the whole document as read comes back. Then the sweep's advance as written (its
 * compare-and-set no longer holds: nothing moves) and its writing again of what it did not show.
 */
async function undoneBySweep(pair: Relationship, changes: () => Promise<unknown>): Promise<void> {
  const relationships = raw.collection("relationships");
  const read = await relationships.findOne({ _id: new mongoose.Types.ObjectId(pair.id) });
  if (!read) throw new Error(`no pair ${pair.id}`);
  await changes();
  await relationships.replaceOne({ _id: read._id }, read);
  await db.relationships.advanceMany([
    {
      id: pair.id,
      from: read.dueBucket,
      lastChange: read.lastChange ?? null,
      expected: new Date(0),
      next: null,
      dueBucket: read.dueBucket,
    },
  ]);
}

/** The change the pair's document names as the last it shows, read from the server. */
async function lastChangeOf(relationshipId: string): Promise<string | null> {
  const doc = await raw
    .collection("relationships")
    .findOne({ _id: new mongoose.Types.ObjectId(relationshipId) });
  return doc?.lastChange ?? null;
}

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

  it("forgetting run again after a failure part-way still finds their pairs and clears their words", async () => {
    const pair = await createActivePair(db.relationships, now);
    const goal = { aspiration: "my private dream", targetDate: null, updatedAt: now };
    await db.relationships.setGoal(pair.id, { ...goal, updatedBy: pair.menteeId });
    await db.relationships.end(pair.id, "active", "my private reasons", now);
    const failing = vi
      .spyOn(db.relationshipChanges, "forgetPerson")
      .mockRejectedValueOnce(new Error("connection reset"));

    await expect(db.relationships.forgetPerson(pair.menteeId, [pair.id])).rejects.toThrow();
    failing.mockRestore();
    await db.relationships.forgetPerson(pair.menteeId, [pair.id]);
    const kept = JSON.stringify(await recordsOf(pair.id));
    expect(kept).not.toContain("my private dream");
    expect(kept).not.toContain("my private reasons");
    expect(kept).not.toContain(pair.menteeId);
    expect(await db.relationships.findById(pair.id)).toMatchObject({
      menteeId: "former-member",
      goal: null,
      endReason: null,
    });
  });

  it("settings an advance undid are written again, the pair's other settings kept", async () => {
    const pair = await createActivePair(db.relationships, now);
    await db.relationships.updateSettings(pair.id, { celebrationChannelId: "CSHOUTS" }, now);
    await undoneBySweep(pair, async () => {
      await db.relationships.updateSettings(pair.id, { celebrate: "private" }, now);
      await db.relationships.updateSettings(pair.id, { shareAspiration: true }, now);
    });
    expect((await db.relationships.findById(pair.id))?.settings).toEqual({
      celebrationChannelId: "CSHOUTS",
      celebrate: "private",
      shareAspiration: true,
    });
  });

  it("an aspiration an advance undid is written again", async () => {
    const pair = await createActivePair(db.relationships, now);
    const goal = { aspiration: "Lead a team", targetDate: null, updatedAt: now, updatedBy: "U1" };
    await undoneBySweep(pair, () => db.relationships.setGoal(pair.id, goal));
    expect((await db.relationships.findById(pair.id))?.goal).toEqual(goal);
  });

  it("forgetting the mentee empties the aspiration, whoever typed it; forgetting the mentor keeps it", async () => {
    const by = (updatedBy: string, aspiration: string) => ({
      aspiration,
      targetDate: null,
      updatedAt: now,
      updatedBy,
    });
    const mentees = await createActivePair(db.relationships, now);
    await db.relationships.setGoal(mentees.id, by(mentees.menteeId, "my private dream"));
    await db.relationships.setGoal(mentees.id, by(mentees.mentorId, "the mentor's words"));
    await db.relationships.forgetPerson(mentees.menteeId, [mentees.id]);
    const forgotten = JSON.stringify(await recordsOf(mentees.id));
    expect(forgotten).not.toContain("my private dream");
    expect(forgotten).not.toContain("the mentor's words");
    expect(forgotten).not.toContain(mentees.menteeId);
    expect((await db.relationships.findById(mentees.id))?.goal).toBeNull();

    const mentors = await createActivePair(db.relationships, now);
    await db.relationships.setGoal(mentors.id, by(mentors.mentorId, "their aspiration"));
    await db.relationships.forgetPerson(mentors.mentorId, [mentors.id]);
    const kept = JSON.stringify(await recordsOf(mentors.id));
    expect(kept).toContain("their aspiration");
    expect(kept).not.toContain(mentors.mentorId);
    expect((await db.relationships.findById(mentors.id))?.goal).toMatchObject({
      aspiration: "their aspiration",
      updatedBy: "former-member",
    });
  });

  it("forgetting a mentor an admin moved away leaves the pair its ending and its records, without them", async () => {
    const pair = await createActivePair(db.relationships, now);
    const moved = await db.relationships.reassign(pair, "UNEWMENTOR1", now);
    expect(moved?.formerMentorIds).toEqual([pair.mentorId]);
    await db.relationships.end(pair.id, "active", "Reached the goal together", now);

    await db.relationships.forgetPerson(pair.mentorId, [pair.id]);
    const after = await db.relationships.findById(pair.id);
    expect(after).toMatchObject({
      mentorId: "UNEWMENTOR1",
      endReason: "Reached the goal together",
    });
    expect(after?.formerMentorIds).toEqual([]);
    const records = JSON.stringify(await recordsOf(pair.id));
    expect(records).not.toContain(pair.mentorId);
    expect(records).toContain("Reached the goal together");
    expect(records).toContain("UNEWMENTOR1");
  });

  it("when the change a pair shows was deleted (its new mentor forgotten), only later ones are written again", async () => {
    const pair = await createActivePair(db.relationships, now);
    const hour = 3600_000;
    const asked = new Date(now.getTime() + 2 * hour);
    const swept = new Date(now.getTime() + 7 * 24 * hour);
    const next = new Date(now.getTime() + 14 * 24 * hour);
    // Someone moved the next check-in; a sweep then placed the pair at its slot, as it does.
    await db.relationships.updateSchedule(pair.id, { nextCheckinAt: asked }, now);
    await db.relationships.advanceMany([
      {
        id: pair.id,
        from: LOOK_NOW,
        lastChange: await lastChangeOf(pair.id),
        expected: asked,
        next: swept,
        dueBucket: bucketOf(swept),
      },
    ]);
    await db.relationships.reassign(pair, "UNEWMENTOR", now);
    const reassignment = await lastChangeOf(pair.id);
    await db.relationships.forgetPerson("UNEWMENTOR", [pair.id]);

    // The next advance, of the pair as it reads now: it shows the reassignment, now deleted.
    await db.relationships.advanceMany([
      {
        id: pair.id,
        from: bucketOf(swept),
        lastChange: reassignment,
        expected: swept,
        next,
        dueBucket: bucketOf(next),
      },
    ]);

    // The schedule change before it was shown long ago: it does not take the pair back.
    const stored = await raw
      .collection("relationships")
      .findOne({ _id: new mongoose.Types.ObjectId(pair.id) });
    expect(stored).toMatchObject({ nextCheckinAt: next, dueBucket: bucketOf(next) });
  });
});
