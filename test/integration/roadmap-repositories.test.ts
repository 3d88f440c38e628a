// The roadmap's repositories on the real MongoDB-wire server: positions, races, soft removal,
// first-wins status changes, goals, and progress history order.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Database } from "../../src/db/database.js";
import { testMongoUri, uniqueName } from "../support/isolation.js";
import { createActivePair } from "../support/relationships.js";

let db: Database;
const t0 = new Date("2026-11-23T15:00:00Z");
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);

beforeAll(async () => {
  db = await Database.connect(testMongoUri(uniqueName("repo")));
});
afterAll(async () => {
  await db?.close();
});

async function newRelationship(): Promise<string> {
  return (await createActivePair(db.relationships, t0)).id;
}

const draft = (title: string, dueDate: string | null = null) => ({
  title,
  description: "",
  dueDate,
  createdBy: "UMENTEE1",
  now: t0,
});

describe("MilestoneRepository", () => {
  it("numbers milestones 1, 2, 3 in the order they are added", async () => {
    const rel = await newRelationship();
    const a = await db.milestones.add(rel, draft("First", "2027-01-31"));
    const b = await db.milestones.add(rel, draft("Second"));
    const c = await db.milestones.add(rel, draft("Third"));
    expect([a.position, b.position, c.position]).toEqual([1, 2, 3]);
    expect(a).toMatchObject({
      relationshipId: rel,
      title: "First",
      dueDate: "2027-01-31",
      status: "planned",
      doneAt: null,
      latestNote: null,
    });
    const list = await db.milestones.list(rel);
    expect(list.map((m) => m.title)).toEqual(["First", "Second", "Third"]);
    expect(await db.milestones.findById(b.id)).toMatchObject({ title: "Second", position: 2 });
  });

  it("keeps each relationship's numbering separate", async () => {
    const [one, two] = [await newRelationship(), await newRelationship()];
    await db.milestones.add(one, draft("One A"));
    const first = await db.milestones.add(two, draft("Two A"));
    expect(first.position).toBe(1);
    expect((await db.milestones.list(two)).map((m) => m.title)).toEqual(["Two A"]);
  });

  it("gives 10 concurrent adds 10 distinct positions", async () => {
    const rel = await newRelationship();
    const added = await Promise.all(
      Array.from({ length: 10 }, (_, i) => db.milestones.add(rel, draft(`Race ${i}`))),
    );
    const positions = added.map((m) => m.position).sort((x, y) => x - y);
    expect(new Set(positions).size).toBe(10);
    expect(positions).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(await db.milestones.list(rel)).toHaveLength(10);
  });

  it("remove hides a milestone from the list; later adds keep counting up", async () => {
    const rel = await newRelationship();
    const a = await db.milestones.add(rel, draft("A"));
    const b = await db.milestones.add(rel, draft("B"));
    const c = await db.milestones.add(rel, draft("C"));

    const removed = await db.milestones.remove(c.id, minutes(1));
    expect(removed).toMatchObject({ id: c.id, title: "C" });
    expect((await db.milestones.list(rel)).map((m) => m.id)).toEqual([a.id, b.id]);
    expect(await db.milestones.findById(c.id)).toBeNull();
    // Removing twice finds nothing the second time.
    expect(await db.milestones.remove(c.id, minutes(2))).toBeNull();

    // The removed one was last; its position is not reused, so the unique index holds.
    const d = await db.milestones.add(rel, draft("D"));
    expect(d.position).toBe(4);
    await db.milestones.remove(a.id, minutes(3));
    const e = await db.milestones.add(rel, draft("E"));
    expect(e.position).toBe(5);
    expect((await db.milestones.list(rel)).map((m) => m.title)).toEqual(["B", "D", "E"]);
  });

  it("update and changeStatus refuse removed milestones and unknown ids", async () => {
    const rel = await newRelationship();
    const a = await db.milestones.add(rel, draft("A"));
    await db.milestones.remove(a.id, minutes(1));
    expect(await db.milestones.update(a.id, { title: "Back" }, minutes(2))).toBeNull();
    expect(await db.milestones.changeStatus(a.id, "done", {}, minutes(2))).toBeNull();
    expect(await db.milestones.findById("not-an-object-id")).toBeNull();
    expect(await db.milestones.findById("0123456789abcdef01234567")).toBeNull();
  });

  it("changeStatus to the status it already has returns null: the first change wins", async () => {
    const rel = await newRelationship();
    const a = await db.milestones.add(rel, draft("A"));
    const note = { text: "Started", authorId: "UMENTEE1", at: minutes(1) };
    const started = await db.milestones.changeStatus(
      a.id,
      "in_progress",
      { latestNote: note },
      minutes(1),
    );
    expect(started).toMatchObject({ status: "in_progress", latestNote: note });
    expect(await db.milestones.changeStatus(a.id, "in_progress", {}, minutes(2))).toBeNull();

    // Sequential here on purpose: FerretDB 1.x runs findAndModify as a query then an update
    // (FerretDB issue #2168), so a true race is only first-wins on MongoDB itself.
    const done = await db.milestones.changeStatus(a.id, "done", { doneAt: minutes(3) }, minutes(3));
    expect(done).toMatchObject({ status: "done", doneAt: minutes(3) });
    expect(
      await db.milestones.changeStatus(a.id, "done", { doneAt: minutes(4) }, minutes(4)),
    ).toBeNull();
    expect(await db.milestones.changeStatus(a.id, "done", {}, minutes(5))).toBeNull();
    // The second "done" changed nothing: doneAt is still the first one's.
    expect((await db.milestones.findById(a.id))?.doneAt).toEqual(minutes(3));
  });

  it("update changes title, due date and latest note", async () => {
    const rel = await newRelationship();
    const a = await db.milestones.add(rel, draft("A", "2027-01-01"));
    const note = { text: "Halfway", authorId: "UMENTOR1", at: minutes(5) };
    const updated = await db.milestones.update(
      a.id,
      { title: "A, renamed", dueDate: "2027-02-01", latestNote: note },
      minutes(5),
    );
    expect(updated).toMatchObject({
      title: "A, renamed",
      dueDate: "2027-02-01",
      latestNote: note,
      position: 1,
      status: "planned",
    });
  });
});

describe("RelationshipRepository.setGoal", () => {
  it("stores the goal and reads it back, replacing the previous one", async () => {
    const rel = await newRelationship();
    expect((await db.relationships.findById(rel))?.goal).toBeNull();

    const goal = {
      aspiration: "Lead a platform team",
      targetDate: "2028-06-30",
      updatedAt: minutes(1),
      updatedBy: "UMENTEE1",
    };
    const saved = await db.relationships.setGoal(rel, goal);
    expect(saved?.goal).toEqual(goal);
    expect((await db.relationships.findById(rel))?.goal).toEqual(goal);

    const replacement = {
      aspiration: "Become a staff engineer",
      targetDate: null,
      updatedAt: minutes(2),
      updatedBy: "UMENTOR1",
    };
    await db.relationships.setGoal(rel, replacement);
    expect((await db.relationships.findById(rel))?.goal).toEqual(replacement);
  });

  it("returns null for an unknown or malformed id", async () => {
    const goal = { aspiration: "x", targetDate: null, updatedAt: t0, updatedBy: "U1" };
    expect(await db.relationships.setGoal("0123456789abcdef01234567", goal)).toBeNull();
    expect(await db.relationships.setGoal('{"$gt": ""}', goal)).toBeNull();
  });
});

describe("ProgressEntryRepository", () => {
  it("lists a relationship's entries newest first, with a limit", async () => {
    const rel = await newRelationship();
    const other = await newRelationship();
    const entry = (text: string, at: Date, relationshipId = rel) => ({
      relationshipId,
      milestoneId: "m1",
      authorId: "UMENTEE1",
      kind: "log" as const,
      text,
      at,
    });
    // Inserted out of order on purpose.
    await db.progress.add(entry("second", minutes(2)));
    await db.progress.add(entry("first", minutes(1)));
    await db.progress.add(entry("fourth", minutes(4)));
    await db.progress.add(entry("third", minutes(3)));
    await db.progress.add(entry("elsewhere", minutes(9), other));

    const all = await db.progress.listForRelationship(rel);
    expect(all.map((e) => e.text)).toEqual(["fourth", "third", "second", "first"]);
    expect(all[0]).toEqual(entry("fourth", minutes(4)));
    expect((await db.progress.listForRelationship(rel, 2)).map((e) => e.text)).toEqual([
      "fourth",
      "third",
    ]);
    expect((await db.progress.listForRelationship(other)).map((e) => e.text)).toEqual([
      "elsewhere",
    ]);
  });

  it("breaks ties at the same instant by insertion order, newest first", async () => {
    const rel = await newRelationship();
    for (const text of ["a", "b", "c"]) {
      await db.progress.add({
        relationshipId: rel,
        milestoneId: "m1",
        authorId: "UMENTEE1",
        kind: "log",
        text,
        at: t0,
      });
    }
    expect((await db.progress.listForRelationship(rel)).map((e) => e.text)).toEqual([
      "c",
      "b",
      "a",
    ]);
  });
});
