// DM channel ids kept in Redis: conversations.open (Slack's Tier 3, about 50 a minute) runs
// once per person across every worker replica, not once per message.
import { WebClient } from "@slack/web-api";
import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { RedisDmChannels } from "../../src/cache/dm-channels.js";
import { Database } from "../../src/db/database.js";
import { DirectMessenger } from "../../src/slack/direct-messenger.js";
import { testMongoUri, testRedisUrl, uniqueName } from "../support/isolation.js";
import { SlackDouble } from "../support/slack-double.js";
import { BOT_TOKEN } from "../support/test-bot.js";
import { TestClock } from "../support/test-clock.js";

let database: Database;
let redis: Redis;
let double: SlackDouble;
let client: WebClient;
const clock = new TestClock(new Date("2026-11-23T15:00:00Z"));
const message = { text: "Time for your check-in" };

beforeAll(async () => {
  database = await Database.connect(testMongoUri(uniqueName("dmchannels")));
  redis = new Redis(testRedisUrl());
  double = await SlackDouble.start();
  client = new WebClient(BOT_TOKEN, { slackApiUrl: double.apiUrl, retryConfig: { retries: 0 } });
});
afterAll(async () => {
  await double?.close();
  await redis?.quit();
  await database?.close();
});
beforeEach(() => double.reset());

/** A worker replica: its own messenger, the shared Redis and MongoDB. */
function replica(prefix: string): DirectMessenger {
  const channels = new RedisDmChannels(redis, prefix);
  return new DirectMessenger(client, database.deliveries, clock, undefined, undefined, channels);
}

describe("DM channel ids remembered in Redis", () => {
  it("opens a person's DM once, however many messages and replicas follow", async () => {
    const prefix = uniqueName("dm");
    const [a, b] = [replica(prefix), replica(prefix)];
    await a.sendOnce(uniqueName("k"), "UCACHE1", message);
    await b.sendOnce(uniqueName("k"), "UCACHE1", message);
    await a.sendOnce(uniqueName("k"), "UCACHE1", message);
    await b.sendOnce(uniqueName("k"), "UCACHE2", message);

    expect(double.dmsTo("UCACHE1")).toHaveLength(3);
    expect(double.dmsTo("UCACHE2")).toHaveLength(1);
    expect(double.calls("conversations.open").map((c) => c.params.users)).toEqual([
      "UCACHE1",
      "UCACHE2",
    ]);
  });

  it("reopens a remembered channel Slack no longer knows, and the message still goes once", async () => {
    const prefix = uniqueName("dm");
    const messenger = replica(prefix);
    await messenger.sendOnce(uniqueName("k"), "UCACHE3", message);
    double.failNext("chat.postMessage", { error: "channel_not_found" });

    const key = uniqueName("k");
    const receipt = await messenger.sendOnce(key, "UCACHE3", message);

    expect(receipt?.channel).toBe(double.dmChannelId("UCACHE3"));
    expect(double.dmsTo("UCACHE3")).toHaveLength(2);
    expect(double.calls("conversations.open")).toHaveLength(2);
    // Sent under its key: asking again posts nothing more.
    await messenger.sendOnce(key, "UCACHE3", message);
    expect(double.dmsTo("UCACHE3")).toHaveLength(2);
  });

  it("after Redis lost the ids, the next message opens the DM again", async () => {
    const prefix = uniqueName("dm");
    const messenger = replica(prefix);
    await messenger.sendOnce(uniqueName("k"), "UCACHE4", message);
    await redis.del(`${prefix}:dm-channels`);
    await messenger.sendOnce(uniqueName("k"), "UCACHE4", message);

    expect(double.dmsTo("UCACHE4")).toHaveLength(2);
    expect(double.calls("conversations.open")).toHaveLength(2);
  });
});
