// An upgrade to the monthly "Navigating the workplace" prompts, on a real MongoDB-wire server:
// open pairs from before them get their first prompt on their next monthly anniversary, once;
// ended and pending pairs get none, and a pair already planned keeps its plan.
import mongoose, { Types } from "mongoose";
import { afterAll, describe, expect, it } from "vitest";
import { Database } from "../../src/db/database.js";
import { firstPromptAfter } from "../../src/domain/workplace.js";
import { testMongoUri, uniqueName } from "../support/isolation.js";
import { TestClock } from "../support/test-clock.js";

const clock = new TestClock(new Date("2026-11-28T12:00:00Z"));
const uri = testMongoUri(uniqueName("workplace_upgrade"));
const opened: Database[] = [];
afterAll(async () => {
  for (const db of opened) await db.close();
});

const pair = (status: string, activatedAt: string | null) => ({
  _id: new Types.ObjectId(),
  mentorId: `UM${Math.random().toString(36).slice(2, 8)}`,
  menteeId: `UE${Math.random().toString(36).slice(2, 8)}`,
  status,
  activatedAt: activatedAt ? new Date(activatedAt) : null,
  createdAt: new Date("2026-01-01T00:00:00Z"),
});

describe("workplace prompts on upgrade", () => {
  it("plans each open pair from before them once, on its next monthly anniversary", async () => {
    const active = pair("active", "2026-09-10T08:00:00Z");
    const paused = pair("paused", "2026-11-20T08:00:00Z");
    const ended = pair("ended", "2026-05-01T08:00:00Z");
    const pending = pair("pending", null);
    const planned = pair("active", "2026-10-01T08:00:00Z");
    const raw = await mongoose.createConnection(uri).asPromise();
    await raw.collection("relationships").insertMany([active, paused, ended, pending, planned]);
    const kept = new Date("2026-12-05T15:00:00Z");
    await raw
      .collection("workplace_prompts")
      .insertOne({ relationshipId: String(planned._id), nextAt: kept });
    await raw.close();

    const db = await Database.connect(uri, clock);
    opened.push(db);
    const nextOf = async (r: { _id: Types.ObjectId }) =>
      (await db.workplacePrompts.find(String(r._id)))?.nextAt ?? null;
    expect(await nextOf(active)).toEqual(new Date("2026-12-10T08:00:00Z"));
    expect(await nextOf(paused)).toEqual(new Date("2026-12-20T08:00:00Z"));
    expect(await nextOf(ended)).toBeNull();
    expect(await nextOf(pending)).toBeNull();
    expect(await nextOf(planned)).toEqual(kept);

    // A second start (or another replica) plans nothing again.
    await db.workplacePrompts.advance(String(active._id), new Date("2026-12-10T08:00:00Z"), kept);
    opened.push(await Database.connect(uri, clock));
    expect(await nextOf(active)).toEqual(kept);
  });

  it("pages through the relationships by _id", async () => {
    const pagesUri = testMongoUri(uniqueName("workplace_pages"));
    const db = await Database.connect(pagesUri, clock);
    opened.push(db);
    const raw = await mongoose.createConnection(pagesUri).asPromise();
    const pairs = Array.from({ length: 5 }, () => pair("active", "2026-11-01T09:00:00Z"));
    await raw.collection("relationships").insertMany(pairs);
    await raw.close();
    expect(await db.workplacePrompts.planOpenPairs(clock.now(), 2)).toBe(5);
    expect(await db.workplacePrompts.planOpenPairs(clock.now(), 2)).toBe(0);
  });
});

describe("firstPromptAfter", () => {
  it("is the first monthly anniversary after now, and never less than a month after pairing", () => {
    const now = new Date("2026-11-28T12:00:00Z");
    expect(firstPromptAfter(new Date("2026-11-27T09:00:00Z"), now)).toEqual(
      new Date("2026-12-27T09:00:00Z"),
    );
    expect(firstPromptAfter(new Date("2026-08-28T13:00:00Z"), now)).toEqual(
      new Date("2026-11-28T13:00:00Z"),
    );
    expect(firstPromptAfter(new Date("2026-08-28T11:00:00Z"), now)).toEqual(
      new Date("2026-12-28T11:00:00Z"),
    );
    // The 31st in a shorter month: the month's last day (30 November is after now).
    expect(firstPromptAfter(new Date("2026-01-31T09:00:00Z"), now)).toEqual(
      new Date("2026-11-30T09:00:00Z"),
    );
  });
});
