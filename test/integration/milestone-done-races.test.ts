// "Done" at the moment a note lands on the same milestone: `/mentor done` (or its button) on one
// replica, `/mentor log` on another. FerretDB writes back the whole milestone an update read, so
// the note's write could put the milestone back "in progress" after "done" (and its shout-out)
// went out (and one landing as `/mentor reopen` put "done" back). The roadmap, on either replica,
// must say what the person decided. Each race is run many times: it shows up only sometimes.
import mongoose from "mongoose";
import { afterAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/database.js";
import { MilestoneRepository } from "../../src/db/milestones/milestone.repository.js";
import { MilestoneDones } from "../../src/db/milestones/milestone-dones.js";
import type { Milestone, MilestoneStatus, ProgressNote } from "../../src/domain/roadmap.js";
import { cachedReplica } from "../support/cached-replica.js";
import { testMongoUri, uniqueName } from "../support/isolation.js";
import { createActivePair } from "../support/relationships.js";

const TRIALS = 40;
/** Forty races and their setup on a loaded machine (the suite's files run at once): room for them. */
const RACES_TIMEOUT_MS = 120_000;
const t0 = new Date("2026-11-30T09:00:00Z");
const doneAt = new Date(t0.getTime() + 60_000);

const uri = testMongoUri(uniqueName("donerace"));
const prefix = uniqueName("dr");
const opened: Array<{ close(): Promise<unknown> }> = [];
/** Two replicas on one database and one read cache: `/mentor done` on one, the note on the other. */
const doer = await cachedReplica(uri, prefix, opened);
const noter = await cachedReplica(uri, prefix, opened);
afterAll(async () => {
  for (const one of opened.reverse()) await one.close();
});

/** A pair's one milestone, with `status`. */
async function milestoneIn(status: MilestoneStatus): Promise<Milestone> {
  const pair = await createActivePair(doer.relationships, t0);
  const milestone = await doer.milestones.add(pair.id, {
    title: "Ship it",
    description: "",
    dueDate: null,
    createdBy: pair.menteeId,
    now: t0,
  });
  if (status === "planned") return milestone;
  return (await doer.milestones.changeStatus(milestone.id, status, {}, t0)) ?? milestone;
}

/**
 * A pair's milestone for each trial, made before the races (not timed with them), and each
 * roadmap cached on both replicas, as after a `/mentor roadmap`.
 */
async function roadmaps(status: MilestoneStatus): Promise<Milestone[]> {
  const milestones: Milestone[] = [];
  for (let i = 0; i < TRIALS; i += 10) {
    milestones.push(...(await Promise.all(Array.from({ length: 10 }, () => milestoneIn(status)))));
  }
  await Promise.all(
    milestones.flatMap((m) => [doer, noter].map((db) => db.milestones.list(m.relationshipId))),
  );
  return milestones;
}

const noteOf = (milestone: Milestone, i: number): ProgressNote => ({
  text: `note ${i}`,
  authorId: `U-mentor-${milestone.relationshipId}`,
  at: doneAt,
});

/** What `/mentor done` writes (MilestoneProgressService.markDone). */
const markDone = (db: Database, milestone: Milestone, by: string) =>
  db.milestones.changeStatus(
    milestone.id,
    "done",
    { doneAt, doneBy: by, shareAnswer: null },
    doneAt,
  );

/** What `/mentor reopen` writes (MilestoneProgressService.reopen). */
const reopen = (db: Database, milestone: Milestone) =>
  db.milestones.changeStatus(milestone.id, "in_progress", { doneAt: null, doneBy: null }, doneAt);

/** Each milestone as both replicas' roadmaps show it: status and who marked it. */
async function shown(milestones: readonly Milestone[]): Promise<string[]> {
  const lines: string[] = [];
  for (const m of milestones) {
    for (const db of [doer, noter]) {
      const stored = (await db.milestones.list(m.relationshipId)).find((s) => s.id === m.id);
      lines.push(`${stored?.status} by ${stored?.doneBy}`);
    }
  }
  return lines;
}

describe("a milestone marked done at the moment a note lands on it", () => {
  it(
    `in progress, the note in a batch (${TRIALS} times): the roadmap says done`,
    async () => {
      const milestones = await roadmaps("in_progress");
      for (const [i, milestone] of milestones.entries()) {
        await Promise.all([
          markDone(doer, milestone, `U${i}`),
          noter.latestNotes.record(milestone, noteOf(milestone, i)),
        ]);
      }
      expect(await shown(milestones)).toEqual(
        milestones.flatMap((_, i) => [`done by U${i}`, `done by U${i}`]),
      );
    },
    RACES_TIMEOUT_MS,
  );

  it(
    `planned, the first note moving it along (${TRIALS} times): the roadmap says done`,
    async () => {
      const milestones = await roadmaps("planned");
      for (const [i, milestone] of milestones.entries()) {
        const note = noteOf(milestone, i);
        await Promise.all([
          markDone(doer, milestone, `U${i}`),
          // What a note on a planned milestone writes (MilestoneProgressService.setLatestNote).
          noter.milestones.changeStatus(milestone.id, "in_progress", { latestNote: note }, note.at),
        ]);
      }
      expect(await shown(milestones)).toEqual(
        milestones.flatMap((_, i) => [`done by U${i}`, `done by U${i}`]),
      );
    },
    RACES_TIMEOUT_MS,
  );

  it(
    `done, taken back as a note lands (${TRIALS} times): the roadmap says in progress`,
    async () => {
      const milestones = await roadmaps("in_progress");
      for (let i = 0; i < TRIALS; i += 10) {
        await Promise.all(
          milestones.slice(i, i + 10).map((m, j) => markDone(doer, m, `U${i + j}`)),
        );
      }
      for (const [i, milestone] of milestones.entries()) {
        await Promise.all([
          reopen(doer, milestone),
          noter.latestNotes.record(milestone, noteOf(milestone, i)),
        ]);
      }
      expect(await shown(milestones)).toEqual(
        milestones.flatMap(() => Array(2).fill("in_progress by null")),
      );
    },
    RACES_TIMEOUT_MS,
  );

  it("taken back, a later note leaves it in progress", async () => {
    const milestone = await milestoneIn("in_progress");
    await markDone(doer, milestone, "U1");
    await reopen(doer, milestone);
    await noter.latestNotes.record(milestone, noteOf(milestone, 1));
    const planned = await milestoneIn("planned");
    await markDone(doer, planned, "U2");
    await reopen(doer, planned);
    await noter.milestones.update(planned.id, { title: "Ship it twice" }, doneAt);
    expect(await shown([milestone, planned])).toEqual([
      "in_progress by null",
      "in_progress by null",
      "in_progress by null",
      "in_progress by null",
    ]);
  });
});

describe("a note's writing again of a decision, as a newer decision lands", () => {
  it("writes the newer one: a reopen between the note's read of the record and its write stands", async () => {
    // The note's write undid nothing here, but it read the record ("done") just before the
    // reopen was recorded and written: its write of "done" would undo the reopen. Played in this
    // order on purpose, as a loaded machine sometimes does (3 of 240 races ended "done").
    const raw = await mongoose.createConnection(uri).asPromise();
    opened.push(raw);
    const dones = new MilestoneDones(raw);
    let reopenFirst: (() => Promise<unknown>) | null = null;
    const late = Object.assign(Object.create(dones) as MilestoneDones, {
      of: async (ids: readonly string[]) => {
        const read = await dones.of(ids);
        const landing = reopenFirst;
        reopenFirst = null;
        await landing?.();
        return read;
      },
    });
    const noting = new MilestoneRepository(raw, late);
    const milestone = await milestoneIn("in_progress");
    await markDone(doer, milestone, "U1");
    reopenFirst = () => reopen(doer, milestone);
    const note = noteOf(milestone, 1);
    await noting.setLatestNotes([
      { milestoneId: milestone.id, relationshipId: milestone.relationshipId, note },
    ]);
    expect(await noting.findById(milestone.id)).toMatchObject({
      status: "in_progress",
      doneBy: null,
      latestNote: { text: "note 1" },
    });
  });
});
