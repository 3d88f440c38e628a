// Issue 14 P3 at 10,000 people: a walk of users.list twice a day keeps every cached profile
// fresh, so the hour's sweep finds its mentees' profiles fresh and never walks users.list
// itself (50 pages of Tier 2 at 10,000 people, 2.5 minutes the hour's check-ins would wait).
// Real FerretDB for the cache and the walk's progress, the Slack double for users.list.
import { WebClient } from "@slack/web-api";
import mongoose, { type Connection } from "mongoose";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PersonRepository } from "../../src/db/people/person.repository.js";
import { ProfileWalkRepository } from "../../src/db/people/profile-walk.repository.js";
import {
  PROFILE_REFRESH_EVERY_MS,
  ProfileRefresh,
  type ProfileRefreshDeps,
} from "../../src/slack/profile-refresh.js";
import { SlackUserDirectory, USERS_LIST_PAGE } from "../../src/slack/user-directory.js";
import { testMongoUri, uniqueName } from "../support/isolation.js";
import { SlackDouble } from "../support/slack-double.js";
import { BOT_TOKEN } from "../support/test-bot.js";
import { TestClock } from "../support/test-clock.js";

const HOUR = 3600_000;

let double: SlackDouble;
let client: WebClient;
let connection: Connection;
let people: PersonRepository;
let walks: ProfileWalkRepository;
let clock: TestClock;
let left: string[];
let zoneChanges: string[];
let directory: SlackUserDirectory;

beforeAll(async () => {
  double = await SlackDouble.start();
  client = new WebClient(BOT_TOKEN, { slackApiUrl: double.apiUrl, retryConfig: { retries: 0 } });
});
afterAll(async () => {
  await double?.close();
});
// A database each: the walk's progress is one document per workspace.
beforeEach(async () => {
  double.resetAll();
  connection = await mongoose.createConnection(testMongoUri(uniqueName("walk"))).asPromise();
  people = new PersonRepository(connection);
  walks = new ProfileWalkRepository(connection);
  await people.ensureIndexes();
  clock = new TestClock(new Date("2026-11-23T03:00:00Z"));
  left = [];
  zoneChanges = [];
  directory = new SlackUserDirectory(
    client,
    people,
    clock,
    async (id) => {
      left.push(id);
    },
    {
      zoneChanged: async (id, from, to) => {
        zoneChanges.push(`${id} ${from} -> ${to}`);
      },
    },
  );
});
afterEach(async () => {
  await connection?.dropDatabase();
  await connection?.close();
});

function refresh(over: Partial<ProfileRefreshDeps> = {}): ProfileRefresh {
  return new ProfileRefresh({
    client,
    directory,
    walks,
    clock,
    everyMs: PROFILE_REFRESH_EVERY_MS,
    ...over,
  });
}

/** `count` people in the workspace; the first `known` of them met by the bot (cached) now. */
async function workspace(count: number, known: number): Promise<string[]> {
  const prefix = `U${uniqueName("w").slice(-6).toUpperCase()}`;
  const ids = Array.from({ length: count }, (_, i) => {
    const id = `${prefix}${String(i).padStart(4, "0")}`;
    double.addUser({ id, name: `p${i}`, tz: "Europe/Berlin" });
    return id;
  });
  await directory.lookupMany(ids.slice(0, known));
  double.forgetCalls();
  return ids;
}

describe("the periodic walk of users.list", () => {
  it("keeps every known profile fresh: a day later, looking them all up asks Slack nothing", async () => {
    const ids = await workspace(450, 300);
    const known = ids.slice(0, 300);
    const [moved = ""] = known;
    double.addUser({ id: moved, name: "p0", tz: "Asia/Tokyo" });

    clock.advance(20 * HOUR);
    const result = await refresh().run();

    expect(result).toEqual({ outcome: "walked", resumed: false, pages: 3, known: 300, changed: 1 });
    expect(double.calls("users.list").map((c) => c.params.limit)).toEqual(
      Array(3).fill(String(USERS_LIST_PAGE)),
    );
    expect(zoneChanges).toEqual([`${moved} Europe/Berlin -> Asia/Tokyo`]);
    expect((await people.find(moved))?.timezone).toBe("Asia/Tokyo");
    // Strangers on the list are not cached: the bot keeps only the people it met.
    expect(await people.findMany(ids.slice(300))).toEqual([]);

    // 28 hours after they were first read, 8 after the walk: fresh, no call to Slack.
    clock.advance(8 * HOUR);
    double.forgetCalls();
    const found = await directory.lookupMany(known);
    expect(double.calls()).toEqual([]);
    expect(found.get(moved)?.timezone).toBe("Asia/Tokyo");
  });

  it("hears of an account deactivated since, once", async () => {
    const ids = await workspace(60, 60);
    const [gone = ""] = ids;
    double.addUser({ id: gone, name: "p0", tz: "Europe/Berlin", deleted: true });

    clock.advance(13 * HOUR);
    await refresh().run();
    clock.advance(13 * HOUR);
    await refresh().run();

    expect(left).toEqual([gone]);
    expect(await people.find(gone)).toMatchObject({ deleted: true });
  });

  it("does not walk again within half a period of the last walk (a restart, a second replica)", async () => {
    await workspace(250, 250);
    await refresh().run();
    double.forgetCalls();

    clock.advance(5 * HOUR);
    expect(await refresh().run()).toEqual({ outcome: "recent" });
    expect(double.calls("users.list")).toEqual([]);

    clock.advance(2 * HOUR);
    expect(await refresh().run()).toMatchObject({ outcome: "walked", pages: 2 });
  });

  it("goes on from where Slack interrupted it, without reading the first pages again", async () => {
    const ids = await workspace(250, 250);
    let listCalls = 0;
    const failingSecondPage: ProfileRefreshDeps["client"] = {
      users: {
        list: (args) => {
          listCalls += 1;
          if (listCalls === 2) double.failNext("users.list", { status: 500 });
          return client.users.list(args);
        },
      },
    };
    const [, second = ""] = ids.filter((_, i) => i % USERS_LIST_PAGE === 0);
    const secondCursor = Buffer.from(`user:${second}`).toString("base64");

    await expect(refresh({ client: failingSecondPage }).run()).rejects.toThrow();
    expect(double.calls("users.list").map((c) => c.params.cursor)).toEqual([
      undefined,
      secondCursor,
    ]);

    double.forgetCalls();
    clock.advance(10 * 60_000);
    const result = await refresh().run();
    expect(result).toEqual({ outcome: "walked", resumed: true, pages: 1, known: 50, changed: 0 });
    expect(double.calls("users.list")[0]?.params.cursor).toBe(secondCursor);
  });

  it("starts over when the saved cursor is too old or Slack no longer takes it", async () => {
    await workspace(250, 250);
    const firstPageThenFail: ProfileRefreshDeps["client"] = {
      users: {
        list: async (args) => {
          const page = await client.users.list(args);
          double.failNext("users.list", { status: 500 });
          return page;
        },
      },
    };
    await expect(refresh({ client: firstPageThenFail }).run()).rejects.toThrow();

    // Slack answers invalid_cursor: from the start.
    double.forgetCalls();
    double.failNext("users.list", { error: "invalid_cursor" });
    expect(await refresh().run()).toMatchObject({ outcome: "walked", resumed: false, pages: 2 });
    expect(double.calls("users.list").map((c) => c.params.cursor ?? null)[1]).toBeNull();

    // Interrupted again, and left for over an hour: from the start.
    clock.advance(13 * HOUR);
    await expect(refresh({ client: firstPageThenFail }).run()).rejects.toThrow();
    double.stopFailing("users.list");
    double.forgetCalls();
    clock.advance(2 * HOUR);
    expect(await refresh().run()).toMatchObject({ outcome: "walked", resumed: false, pages: 2 });
    expect(double.calls("users.list")[0]?.params.cursor).toBeUndefined();
  });
});
