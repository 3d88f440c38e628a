// Issue 11: COMMANDS_PER_MINUTE per person over commands and button clicks, counted in Redis
// and so shared by every replica; past it, a friendly "slow down" and nothing is done.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { say } from "../support/mentor-commands.js";
import { createActivePair } from "../support/relationships.js";
import { at, PEOPLE, startTestBot, type TestBot } from "../support/test-bot.js";

let one: TestBot;
let two: TestBot;

beforeAll(async () => {
  one = await startTestBot({ COMMANDS_PER_MINUTE: "3" });
  // A second replica on the same Redis and MongoDB.
  two = await startTestBot({
    COMMANDS_PER_MINUTE: "3",
    MONGODB_URI: one.config.mongodbUri,
    QUEUE_PREFIX: one.config.queuePrefix,
  });
  two.clock.set(one.clock.now());
});
afterAll(async () => {
  await two.stop();
  await one.stop();
});

describe("the per-person rate limit", () => {
  it("answers the fourth command or click in a minute with a slow-down, across replicas", async () => {
    expect(await say(one, PEOPLE.other, "help")).toContain("/mentor");
    expect(await say(two, PEOPLE.other, "help")).toContain("/mentor");
    expect(await say(one, PEOPLE.other, "roadmap")).toContain("No roadmap found");

    const fourth = await say(two, PEOPLE.other, `pair ${at(PEOPLE.other)} ${at(PEOPLE.mentee)}`);
    expect(fourth).toContain("slow down");
    expect(await one.db.relationships.findOpenBetween(PEOPLE.other, PEOPLE.mentee)).toBeNull();

    const click = await one.slack.blockAction(PEOPLE.other, {
      actionId: "pairing.accept",
      value: "000000000000000000000000",
    });
    expect(click.status).toBe(200);
    expect(String((await one.double.waitForResponse(click.responseUrl)).text)).toContain(
      "slow down",
    );

    // Someone else is not slowed down.
    expect(await say(one, PEOPLE.mentee, "help")).toContain("/mentor");

    // A minute later the count starts again.
    one.clock.advance(60_000);
    two.clock.advance(60_000);
    expect(await say(two, PEOPLE.other, "help")).toContain("/mentor");
    expect(one.logs.some((l) => l.msg === "rate limit: request refused")).toBe(true);
  });
});

describe("messages typed to the bot", () => {
  it("share the limit: past it they get no answer, and someone else's still do", async () => {
    one.clock.advance(60_000);
    two.clock.advance(60_000);
    const dm = (user: string, n: number) => ({
      type: "message",
      channel: `D${user}`,
      channel_type: "im",
      user,
      text: `hello ${n}`,
      ts: `1700000100.00010${n}`,
    });
    for (const n of [1, 2, 3, 4, 5]) {
      expect((await one.slack.event(dm(PEOPLE.other, n))).status).toBe(200);
    }
    expect(await say(one, PEOPLE.other, "help")).toContain("slow down");
    const repliesTo = (user: string) =>
      one.double.calls("chat.postMessage").filter((c) => c.params.channel === `D${user}`);
    await vi.waitFor(() => expect(repliesTo(PEOPLE.other)).toHaveLength(3));
    await one.slack.event(dm(PEOPLE.mentor, 6));
    await one.double.waitFor("chat.postMessage", (c) => c.params.channel === `D${PEOPLE.mentor}`);
    expect(repliesTo(PEOPLE.other)).toHaveLength(3);
    expect(repliesTo(PEOPLE.mentor)).toHaveLength(1);
  });
});

describe("a progress note past the limit", () => {
  it("is answered with the slow-down and writes nothing, even where it would be refused anyway", async () => {
    // A fresh minute for everyone.
    one.clock.advance(60_000);
    two.clock.advance(60_000);
    const pair = await createActivePair(one.db.relationships, one.clock.now(), {
      mentorId: PEOPLE.mentor,
      menteeId: PEOPLE.mentee,
    });
    const milestone = await one.db.milestones.add(pair.id, {
      title: "Ship it",
      description: "",
      dueDate: null,
      createdBy: PEOPLE.mentee,
      now: one.clock.now(),
    });

    // Three notes at once, on both replicas: each is stored before its reply says so.
    const notes = ["first", "second", "third"];
    const replies = await Promise.all(
      notes.map((note, i) => say(i % 2 ? two : one, PEOPLE.mentee, `log 1 ${note}`)),
    );
    for (const reply of replies) expect(reply).toContain("Progress logged");
    const stored = async () => ({
      entries: (await one.db.progress.listForRelationship(pair.id)).map((e) => e.text).sort(),
      audit: (await one.db.audit.listFor(milestone.id)).length,
    });
    expect(await stored()).toEqual({ entries: [...notes].sort(), audit: 3 });

    // The fourth in the minute: refused, on either replica, and nothing more is stored.
    expect(await say(two, PEOPLE.mentee, "log 1 fourth")).toContain("slow down");
    expect(await say(one, PEOPLE.mentee, "log 9 no such milestone")).toContain("slow down");
    expect(await stored()).toEqual({ entries: [...notes].sort(), audit: 3 });
    const latest = (await one.db.milestones.findById(milestone.id))?.latestNote?.text;
    expect(notes).toContain(latest);

    // Someone with no roadmap past the limit hears the slow-down too, not "no roadmap".
    for (const text of ["help", "help", "help"]) await say(one, PEOPLE.other, text);
    expect(await say(two, PEOPLE.other, "log 1 hello")).toContain("slow down");
  });
});
