// Issue 11: COMMANDS_PER_MINUTE per person over commands and button clicks, counted in Redis
// and so shared by every replica; past it, a friendly "slow down" and nothing is done.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { say } from "../support/mentor-commands.js";
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
