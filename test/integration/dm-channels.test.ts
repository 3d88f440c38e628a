// DM channel ids kept in Redis: conversations.open (Slack's Tier 3, about 50 a minute) runs
// once per person across every worker replica, not once per message.

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WebClient } from "@slack/web-api";
import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { RedisDmChannels } from "../../src/cache/dm-channels.js";
import { Database } from "../../src/db/database.js";
import { DirectMessenger } from "../../src/slack/direct-messenger.js";
import { SlackFileDelivery } from "../../src/slack/file-delivery.js";
import { tellActor } from "../../src/slack/listeners/interactions/tell-actor.js";
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
  return messengerOver(new RedisDmChannels(redis, prefix));
}

function messengerOver(channels: RedisDmChannels): DirectMessenger {
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

describe("the other DMs use the same remembered channel", () => {
  it("a note to a button's presser opens their DM once, and reuses the one messages opened", async () => {
    const channels = new RedisDmChannels(redis, uniqueName("dm"));
    const messenger = messengerOver(channels);
    await tellActor(client, channels, "UTELL1", undefined, "That form is closed.");
    await tellActor(client, channels, "UTELL1", undefined, "That form is closed.");
    await messenger.sendOnce(uniqueName("k"), "UTELL1", message);

    const notes = double.calls("chat.postEphemeral");
    expect(notes.map((c) => [c.params.channel, c.params.user])).toEqual([
      [double.dmChannelId("UTELL1"), "UTELL1"],
      [double.dmChannelId("UTELL1"), "UTELL1"],
    ]);
    expect(double.dmsTo("UTELL1")).toHaveLength(1);
    expect(double.calls("conversations.open")).toHaveLength(1);
  });

  it("a note to a remembered channel Slack no longer knows reopens it and is still said", async () => {
    const channels = new RedisDmChannels(redis, uniqueName("dm"));
    await tellActor(client, channels, "UTELL2", undefined, "first");
    double.failNext("chat.postEphemeral", { error: "channel_not_found" });
    await tellActor(client, channels, "UTELL2", undefined, "second");

    const said = double.calls("chat.postEphemeral").filter((c) => !c.failed);
    expect(said.map((c) => c.params.text)).toEqual(["first", "second"]);
    expect(double.calls("conversations.open")).toHaveLength(2);
  });

  it("file shares go into the remembered DM: one conversations.open for every export", async () => {
    const channels = new RedisDmChannels(redis, uniqueName("dm"));
    const messenger = messengerOver(channels);
    const delivery = new SlackFileDelivery(client, database.deliveries, clock, messenger, channels);
    const folder = await mkdtemp(join(tmpdir(), "dm-files-"));
    try {
      const path = join(folder, "my-data.csv");
      await writeFile(path, "a,b\n1,2\n");
      const file = { filename: "my-data.csv", title: "My data", path, bytes: 8, rows: 1 };
      await messenger.sendOnce(uniqueName("k"), "UFILES1", message);
      await delivery.share("UFILES1", uniqueName("k"), "my_data", [file]);
      await delivery.share("UFILES1", uniqueName("k"), "my_data", [file]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }

    expect(double.sharedFiles(double.dmChannelId("UFILES1"))).toHaveLength(2);
    expect(double.calls("conversations.open")).toHaveLength(1);
  });
});
