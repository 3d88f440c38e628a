// Issue 14 P3: profiles (time zone, status) are refreshed at most daily per person, and many
// stale people at once through users.list (Tier 2, 200 a page) instead of one users.info
// (Tier 4) each. Real FerretDB for the cache, the Slack double for users.list and users.info.
import { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Database } from "../../src/db/database.js";
import {
  BULK_REFRESH_FROM,
  SlackUserDirectory,
  USERS_LIST_PAGE,
} from "../../src/slack/user-directory.js";
import { testMongoUri, uniqueName } from "../support/isolation.js";
import { SlackDouble } from "../support/slack-double.js";
import { BOT_TOKEN } from "../support/test-bot.js";
import { TestClock } from "../support/test-clock.js";

const HOUR = 3600_000;
const ZONES = ["Europe/Berlin", "America/New_York", "Asia/Kolkata"] as const;

let database: Database;
let double: SlackDouble;
let client: WebClient;
let clock: TestClock;
let left: string[];
let directory: SlackUserDirectory;

beforeAll(async () => {
  database = await Database.connect(testMongoUri(uniqueName("userlist")));
  double = await SlackDouble.start();
  client = new WebClient(BOT_TOKEN, { slackApiUrl: double.apiUrl, retryConfig: { retries: 0 } });
});
afterAll(async () => {
  await double?.close();
  await database?.close();
});
beforeEach(() => {
  double.resetAll();
  clock = new TestClock(new Date("2026-11-23T15:00:00Z"));
  left = [];
  directory = new SlackUserDirectory(client, database.people, clock, async (id) => {
    left.push(id);
  });
});

/** `count` people in the workspace, with ids unique to this test. */
function workspace(count: number, extra: { deleted?: boolean } = {}): string[] {
  const prefix = `U${uniqueName("w").slice(-6).toUpperCase()}`;
  return Array.from({ length: count }, (_, i) => {
    const id = `${prefix}${String(i).padStart(4, "0")}`;
    double.addUser({ id, name: `p${i}`, tz: ZONES[i % 3], ...extra });
    return id;
  });
}

describe("refreshing profiles in bulk", () => {
  it("refreshes N stale people with ceil(N / 200) users.list pages and no users.info", async () => {
    const ids = workspace(201);
    const people = await directory.lookupMany(ids);

    expect(double.calls("users.list")).toHaveLength(Math.ceil(201 / USERS_LIST_PAGE));
    expect(double.calls("users.info")).toEqual([]);
    expect(ids.map((id) => people.get(id)?.timezone)).toEqual(ids.map((_, i) => ZONES[i % 3]));
    const [first, ...rest] = double.calls("users.list");
    expect(first?.params).toMatchObject({ limit: String(USERS_LIST_PAGE) });
    expect(double.calls("users.list")).toHaveLength(2);
    expect(first?.params.cursor).toBeUndefined();
    // Each next page starts at the cursor Slack handed out with the one before.
    const cursors = double
      .calls("users.list")
      .slice(0, -1)
      .map((c) => (c.response.response_metadata as { next_cursor: string }).next_cursor);
    expect(rest.map((c) => c.params.cursor)).toEqual(cursors);
  });

  it("asks Slack about a person at most once a day", async () => {
    const ids = workspace(BULK_REFRESH_FROM);
    await directory.lookupMany(ids);
    expect(double.calls("users.list")).toHaveLength(1);

    clock.advance(23 * HOUR);
    await directory.lookupMany(ids);
    await directory.lookup(ids[0] ?? "");
    expect(double.calls("users.list")).toHaveLength(1);
    expect(double.calls("users.info")).toEqual([]);

    clock.advance(2 * HOUR);
    await directory.lookupMany(ids);
    expect(double.calls("users.list")).toHaveLength(2);
    expect(double.calls("users.info")).toEqual([]);
  });

  it("a few stale people are asked with users.info, one each", async () => {
    const ids = workspace(3);
    await directory.lookupMany(ids);
    expect(double.calls("users.info").map((c) => c.params.user)).toEqual(ids);
    expect(double.calls("users.list")).toEqual([]);
  });

  it("treats a deactivated account found in the list as left, once", async () => {
    const ids = workspace(BULK_REFRESH_FROM);
    const [gone] = workspace(1, { deleted: true });
    const people = await directory.lookupMany([...ids, gone ?? ""]);
    expect(people.get(gone ?? "")).toMatchObject({ deleted: true });
    expect(left).toEqual([gone]);

    clock.advance(25 * HOUR);
    await directory.lookupMany([...ids, gone ?? ""]);
    expect(left).toEqual([gone]);
  });

  it("someone Slack does not list is unknown; Slack failing keeps the cached profiles", async () => {
    const ids = workspace(BULK_REFRESH_FROM);
    const people = await directory.lookupMany([...ids, "UNOBODY99"]);
    expect(people.get("UNOBODY99")).toBeNull();
    expect(people.get(ids[0] ?? "")?.timezone).toBe("Europe/Berlin");

    clock.advance(25 * HOUR);
    double.failNext("users.list", { status: 500 });
    const again = await directory.lookupMany(ids);
    expect(again.get(ids[0] ?? "")?.timezone).toBe("Europe/Berlin");
  });
});

describe("a daily refresh writes only what changed", () => {
  it("writes a changed time zone; leaves an unchanged profile unwritten, yet fresh for a day", async () => {
    const ids = workspace(BULK_REFRESH_FROM);
    const [moved = "", same = ""] = ids;
    const firstSeen = clock.now();
    await directory.lookupMany(ids);
    double.addUser({ id: moved, name: "p0", tz: "Asia/Tokyo" });

    clock.advance(25 * HOUR);
    const people = await directory.lookupMany(ids);

    expect(double.calls("users.list")).toHaveLength(2);
    expect(people.get(moved)?.timezone).toBe("Asia/Tokyo");
    expect(await database.people.find(moved)).toMatchObject({
      timezone: "Asia/Tokyo",
      refreshedAt: clock.now(),
    });
    // Not rewritten: the cached profile still carries the first refresh.
    expect((await database.people.find(same))?.refreshedAt).toEqual(firstSeen);
    expect(people.get(same)?.refreshedAt).toEqual(clock.now());

    clock.advance(23 * HOUR);
    await directory.lookupMany(ids);
    await directory.lookup(same);
    expect(double.calls("users.list")).toHaveLength(2);
    expect(double.calls("users.info")).toEqual([]);
  });

  it("a cached person the listing did not return is not counted fresh by it", async () => {
    const ids = workspace(BULK_REFRESH_FROM);
    const gone = `U${uniqueName("g").slice(-6).toUpperCase()}`;
    await database.people.upsert({
      slackUserId: gone,
      displayName: "gone",
      realName: "",
      timezone: "UTC",
      isBot: false,
      deleted: false,
      refreshedAt: new Date(clock.now().getTime() - 25 * HOUR),
    });

    const people = await directory.lookupMany([...ids, gone]);
    expect(people.get(gone)).toBeNull();
    expect(double.calls("users.list")).toHaveLength(1);

    await directory.lookup(gone);
    expect(double.calls("users.info").map((c) => c.params.user)).toEqual([gone]);
  });
});

describe("a deactivated account on a users.list page", () => {
  it("a leaver whose notice could not be queued is told on the next walk; the others on the page at once", async () => {
    const ids = workspace(3);
    await directory.lookupMany(ids);
    const [first = "", second = "", stays = ""] = ids;
    for (const [i, id] of [first, second].entries()) {
      double.addUser({ id, name: `p${i}`, tz: ZONES[i % 3], deleted: true });
    }
    // Queueing the first leaver's notice fails once (Redis away for a moment).
    let refusals = 1;
    const told: string[] = [];
    directory = new SlackUserDirectory(client, database.people, clock, async (id) => {
      if (id === first && refusals-- > 0) throw new Error("Redis is away");
      told.push(id);
    });
    const page = async () => (await client.users.list({ limit: USERS_LIST_PAGE })).members ?? [];

    await directory.takeListedPage(await page()).catch(() => undefined);
    expect(told).toEqual([second]);
    expect((await database.people.find(stays))?.deleted).toBe(false);

    await directory.takeListedPage(await page());
    expect(told).toEqual([second, first]);
    await directory.takeListedPage(await page());
    expect(told).toEqual([second, first]);
  });
});
