// A pair's counts, written at the same moment by the worker (a check-in sent) and by the web (an
// answer to the last one). FerretDB writes back the whole document an update read, so one count
// could undo the other: admins then saw a check-in never sent, or an answer never given (and a
// missed streak that an answer should have ended). Two replicas, both writes started together,
// many times: a race shows up only sometimes. And a tally the old code wrote still reads right.
import mongoose from "mongoose";
import { afterAll, describe, expect, it } from "vitest";
import { Database } from "../../src/db/database.js";
import type { PairTally, TallyEvent } from "../../src/domain/program-tally.js";
import { testMongoUri, uniqueName } from "../support/isolation.js";

const TRIALS = 40;
/** Forty races and their setup on a loaded machine (the suite's files run at once): room for them. */
const RACES_TIMEOUT_MS = 120_000;
const DAY = 24 * 3600_000;
const monday = new Date("2026-11-23T10:00:00Z");
const nextMonday = new Date(monday.getTime() + 7 * DAY);

const name = uniqueName("tallyraces");
const worker = await Database.connect(testMongoUri(name));
const web = await Database.connect(testMongoUri(name));
/** The database as the old code left it, written behind the bot's back. */
const raw = await mongoose.createConnection(testMongoUri(name)).asPromise();
afterAll(async () => {
  await raw.close();
  await web.close();
  await worker.close();
});

const sent = (pair: string, checkin: string, at: Date): TallyEvent => ({
  kind: "checkin_sent",
  sourceId: `${pair}-${checkin}`,
  relationshipId: pair,
  at,
});

/** The mentee's answer, this Monday, to last week's check-in (it counts on the day it was sent). */
const answeredLastWeek = (pair: string): TallyEvent => ({
  kind: "checkin_answered",
  sourceId: `${pair}-c1`,
  relationshipId: pair,
  at: nextMonday,
  countsOn: monday,
  answerKind: "on_track",
});

/** Two weeks of one pair, as admins see them: the counts, the days, the streak, the last answer. */
function shown(tally: PairTally | undefined): unknown {
  if (!tally) return "no tally";
  const { relationshipId: _, lastActivityAt: __, ...rest } = tally;
  return rest;
}

const expected = {
  days: {
    "2026-11-23": { checkinsSent: 1, checkinsAnswered: 1, onTrack: 1 },
    "2026-11-30": { checkinsSent: 1 },
  },
  checkinsSent: 2,
  checkinsAnswered: 1,
  lastAnswerKind: "on_track",
  missedStreak: 0,
};

describe("a pair's counts written by the worker and the web at once", () => {
  it(
    `a check-in sent as the last one is answered (${TRIALS} times): both counted`,
    async () => {
      const pairs = Array.from({ length: TRIALS }, (_, i) => `${name}-pair-${i}`);
      for (const pair of pairs) {
        // Last week's check-in went out (the pair's tally exists) and the one before was missed.
        await worker.tallies.recordFirst(sent(pair, "c1", monday));
        await worker.tallies.record({
          kind: "checkin_missed",
          sourceId: `${pair}-c0`,
          relationshipId: pair,
          at: new Date(monday.getTime() - 7 * DAY),
        });
        await Promise.all([
          // The worker's send job counts this week's DM...
          worker.tallies.recordFirst(sent(pair, "c2", nextMonday)),
          // ...as the mentee answers last week's on the web.
          web.tallies.record(answeredLastWeek(pair)),
        ]);
      }
      // The program report reads every tally; the export reads them by pair.
      const all = new Map<string, PairTally>();
      for await (const tally of web.tallies.all()) all.set(tally.relationshipId, tally);
      expect(pairs.map((p) => shown(all.get(p)))).toEqual(pairs.map(() => expected));
      const byPair = await web.tallies.forPairs(pairs);
      expect(pairs.map((p) => shown(byPair.get(p)))).toEqual(pairs.map(() => expected));
    },
    RACES_TIMEOUT_MS,
  );

  it("a tally written before the sent counts had their own document still reads right", async () => {
    const pair = `${name}-old`;
    // As the old code left it: every count in the pair's one document.
    await raw.collection("pair_tallies").insertOne({
      _id: pair as never,
      days: { "2026-11-23": { checkinsSent: 1 } },
      checkinsSent: 1,
      checkinsAnswered: 0,
      lastAnswerKind: null,
      missedStreak: 1,
      lastActivityAt: null,
    });
    await worker.tallies.recordFirst(sent(pair, "c2", nextMonday));
    await web.tallies.record(answeredLastWeek(pair));
    const byPair = await web.tallies.forPairs([pair]);
    expect(shown(byPair.get(pair))).toEqual(expected);
  });

  it("the report reads every pair once, however its counts are split between the two documents", async () => {
    // Ids that interleave: only sent counts (a, d), both (b), only the pair's own counts (c, e).
    const pairOf = (key: string) => `${name}-join-${key}`;
    for (const key of ["a", "b", "d"])
      await worker.tallies.recordFirst(sent(pairOf(key), "c1", monday));
    for (const key of ["b", "c", "e"]) {
      await web.tallies.record({
        kind: "checkin_answered",
        sourceId: `${pairOf(key)}-c1`,
        relationshipId: pairOf(key),
        at: monday,
        countsOn: monday,
        answerKind: "on_track",
      });
    }
    const seen: Array<[string, number, number]> = [];
    for await (const tally of web.tallies.all()) {
      if (tally.relationshipId.includes("-join-")) {
        seen.push([tally.relationshipId, tally.checkinsSent, tally.checkinsAnswered]);
      }
    }
    expect(seen.sort()).toEqual([
      [pairOf("a"), 1, 0],
      [pairOf("b"), 1, 1],
      [pairOf("c"), 0, 1],
      [pairOf("d"), 1, 0],
      [pairOf("e"), 0, 1],
    ]);
  });
});
