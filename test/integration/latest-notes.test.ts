// Latest notes in group commits, on real servers: the notes many people log at once go in a few
// bulk writes, each caller still hears whether its milestone was there, and the pair's cached
// milestones are revised with the notes (not dropped), on every replica.
import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Database } from "../../src/db/database.js";
import type { Milestone, ProgressNote } from "../../src/domain/roadmap.js";
import { cachedReplica } from "../support/cached-replica.js";
import { testMongoUri, uniqueName } from "../support/isolation.js";
import { createActivePair } from "../support/relationships.js";

const t0 = new Date("2026-11-23T15:00:00Z");
const uri = testMongoUri(uniqueName("notes"));
const prefix = uniqueName("ln");
const opened: Array<{ close(): Promise<unknown> }> = [];
let a: Database;
let b: Database;
/** The same database with no cache: a write made behind the bot's back. */
let outside: Database;
/** Update commands on milestones, as the server saw them (every connection of this file). */
let milestoneUpdates = 0;

/** Each replica watches its commands (monitorCommands), to count the writes. */
const replica = () =>
  cachedReplica(`${uri}${uri.includes("?") ? "&" : "?"}monitorCommands=true`, prefix, opened);

beforeAll(async () => {
  a = await replica();
  b = await replica();
  outside = await Database.connect(uri);
  opened.push(outside);
  for (const connection of mongoose.connections) {
    connection.getClient?.()?.on("commandStarted", (event) => {
      if (event.commandName === "update" && event.command.update === "milestones") {
        milestoneUpdates++;
      }
    });
  }
});
afterAll(async () => {
  for (const one of opened.reverse()) await one.close();
});

async function roadmapWith(
  ...titles: string[]
): Promise<{ pairId: string; milestones: Milestone[] }> {
  const pair = await createActivePair(a.relationships, t0);
  const milestones: Milestone[] = [];
  for (const title of titles) {
    milestones.push(
      await a.milestones.add(pair.id, {
        title,
        description: "",
        dueDate: null,
        createdBy: pair.menteeId,
        now: t0,
      }),
    );
  }
  return { pairId: pair.id, milestones };
}

const note = (text: string, seconds = 0): ProgressNote => ({
  text,
  authorId: "UMENTEE1",
  at: new Date(t0.getTime() + seconds * 1000),
});

describe("latest notes written together", () => {
  it("records every note logged at once on one milestone; the last one is the latest, in fewer writes", async () => {
    const { milestones } = await roadmapWith("Give a talk");
    const [talk] = milestones as [Milestone];
    milestoneUpdates = 0;
    const notes = Array.from({ length: 30 }, (_, i) => note(`Rehearsal ${i}`, i));
    const recorded = await Promise.all(notes.map((n) => a.latestNotes.record(talk, n)));

    expect(recorded).toEqual(notes.map(() => true));
    expect((await outside.milestones.findById(talk.id))?.latestNote).toEqual(notes[29]);
    // They go together: in one write, or in a few if some came while one was under way.
    expect(milestoneUpdates).toBeGreaterThanOrEqual(1);
    expect(milestoneUpdates).toBeLessThanOrEqual(3);
  });

  it("refuses a note on a milestone removed meanwhile, alone; the others of its batch are written", async () => {
    const { milestones } = await roadmapWith("Ship a feature", "Write a design doc");
    const [ship, doc] = milestones as [Milestone, Milestone];
    await outside.milestones.remove(ship.id, t0);

    const first = a.latestNotes.record(doc, note("Outline done"));
    // Added in the same run of code, these go with the first (or, were it under way, after it).
    const together = [
      a.latestNotes.record(ship, note("Merged the branch", 1)),
      a.latestNotes.record(doc, note("Reviewed by the team", 2)),
    ];
    expect(await Promise.all([first, ...together])).toEqual([true, false, true]);

    expect((await outside.milestones.findById(doc.id))?.latestNote?.text).toBe(
      "Reviewed by the team",
    );
    // The removed one kept what it had: nothing.
    const client = new mongoose.mongo.MongoClient(uri);
    try {
      const raw = await client
        .db()
        .collection("milestones")
        .findOne({ _id: new mongoose.Types.ObjectId(ship.id) });
      expect(raw).toMatchObject({ removedAt: t0, latestNote: null });
    } finally {
      await client.close();
    }
  });

  it("runs what goes with a note once the note is written, never for a milestone removed meanwhile", async () => {
    const { milestones } = await roadmapWith("Ship a feature", "Write a design doc");
    const [ship, doc] = milestones as [Milestone, Milestone];
    await outside.milestones.remove(ship.id, t0);
    const ran: string[] = [];
    const alongside = (milestone: Milestone) => async () => {
      const stored = await outside.milestones.findById(milestone.id);
      ran.push(`${milestone.title}: ${stored?.latestNote?.text}`);
    };

    expect(await a.latestNotes.record(doc, note("Outline done"), alongside(doc))).toBe(true);
    const recorded = await Promise.all([
      a.latestNotes.record(ship, note("Merged the branch", 1), alongside(ship)),
      a.latestNotes.record(doc, note("Reviewed by the team", 2), alongside(doc)),
    ]);

    expect(recorded).toEqual([false, true]);
    // Each ran after its own note was written.
    expect(ran).toEqual([
      "Write a design doc: Outline done",
      "Write a design doc: Reviewed by the team",
    ]);
    // What goes with a note failing reaches its caller.
    await expect(
      a.latestNotes.record(doc, note("Shared it", 3), async () => {
        throw new Error("the progress entry was refused");
      }),
    ).rejects.toThrow("the progress entry was refused");
  });

  it("revises the pair's cached milestones with the note: every replica reads it from the cache", async () => {
    const { pairId, milestones } = await roadmapWith("Mentor an intern", "Run a retro");
    const [intern] = milestones as [Milestone];
    expect(await b.milestones.list(pairId)).toHaveLength(2);
    // Behind the cache's back: while the entry lives, reads do not see this.
    await outside.milestones.update(intern.id, { title: "Mentor two interns" }, t0);

    expect(await a.latestNotes.record(intern, note("First 1:1 held"))).toBe(true);
    const [cached] = await b.milestones.list(pairId);
    expect(cached).toMatchObject({ title: "Mentor an intern", latestNote: note("First 1:1 held") });

    // Any other write through a replica still drops the entry.
    await a.milestones.update(intern.id, { description: "Two this year" }, t0);
    expect((await b.milestones.list(pairId))[0]).toMatchObject({
      title: "Mentor two interns",
      description: "Two this year",
      latestNote: note("First 1:1 held"),
    });
  });
});
