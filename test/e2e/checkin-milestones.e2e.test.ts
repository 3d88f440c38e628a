// The open milestones a check-in shows: kept on the pair, so a check-in reads none, and never
// shown as they were before a change to the roadmap.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pairAsAdmin, say } from "../support/mentor-commands.js";
import { notificationsDrained } from "../support/queue-drain.js";
import { errorLogs, PEOPLE, sharedTestBot } from "../support/test-bot.js";

const bot = sharedTestBot();
let rel: string;

beforeEach(async () => {
  rel = await pairAsAdmin(bot);
  await notificationsDrained(bot);
});
afterEach(() => {
  expect(errorLogs(bot)).toEqual([]);
});

/** Asks for a check-in now (a minute after the last: one a minute) and returns what it showed. */
async function nextCheckin(): Promise<string> {
  bot.clock.set(new Date(bot.clock.now().getTime() + 60_000));
  const before = checkinDms().length;
  expect(await say(bot, PEOPLE.mentor, "checkin now")).toBeTruthy();
  await notificationsDrained(bot);
  const dms = checkinDms();
  expect(dms).toHaveLength(before + 1);
  return JSON.stringify(dms.at(-1)?.params.blocks);
}

const checkinDms = () =>
  bot.double
    .dmsTo(PEOPLE.mentee)
    .filter((c) => String(c.params.text).includes("Time for your check-in"));

describe("the milestones a check-in shows", () => {
  it("are the roadmap as it is after each change", async () => {
    expect(await nextCheckin()).toContain("No open milestones");
    await say(bot, PEOPLE.mentee, "milestone add Finish the AWS certification");
    await say(bot, PEOPLE.mentee, "milestone add Give a talk at the guild");
    const both = await nextCheckin();
    expect(both).toContain("1. Finish the AWS certification");
    expect(both).toContain("2. Give a talk at the guild");

    await say(bot, PEOPLE.mentee, "done 1");
    const one = await nextCheckin();
    expect(one).not.toContain("AWS");
    expect(one).toContain("2. Give a talk at the guild");

    await say(bot, PEOPLE.mentee, "milestone edit 2 Give a talk at the summit by 2027-03-01");
    expect(await nextCheckin()).toContain("2. Give a talk at the summit");
    expect(await say(bot, PEOPLE.mentee, "milestone remove 2")).toContain("Remove milestone 2");
    const [, talk] = await bot.db.milestones.list(rel);
    await bot.slack.blockAction(PEOPLE.mentee, {
      actionId: "milestone.remove.confirm",
      value: talk?.id ?? "",
    });
    await expect.poll(async () => (await bot.db.milestones.list(rel)).length).toBe(1);
    // What is left of the roadmap, milestone 1, is reached.
    expect(await nextCheckin()).toContain("You've reached every milestone");
  });

  it("come from the pair until its roadmap changes, and never from before a change", async () => {
    await say(bot, PEOPLE.mentee, "milestone add Finish the AWS certification");
    await say(bot, PEOPLE.mentee, "log 1 Booked the exam");
    await nextCheckin();
    const pair = await bot.db.relationships.findById(rel);
    expect(pair?.openMilestones?.map((m) => m.milestone.title)).toEqual([
      "Finish the AWS certification",
    ]);
    // What the pair keeps is what the check-in shows: no milestone is read for it.
    await bot.db.relationships.saveOpenMilestones(rel, pair?.roadmapRev ?? -1, [
      { number: 1, milestone: { id: "kept", title: "As the pair keeps it", dueDate: null } },
    ]);
    expect(await nextCheckin()).toContain("As the pair keeps it");

    // A note changes nothing a check-in shows; a new milestone does.
    await say(bot, PEOPLE.mentee, "log 1 Passed the practice test");
    expect(await nextCheckin()).toContain("As the pair keeps it");
    await say(bot, PEOPLE.mentee, "milestone add Give a talk at the guild");
    const fresh = await nextCheckin();
    expect(fresh).not.toContain("As the pair keeps it");
    expect(fresh).toContain("1. Finish the AWS certification");
    expect(fresh).toContain("2. Give a talk at the guild");
  });

  it("congratulate a mentee who reached every milestone, in the check-in and its Log progress", async () => {
    await say(bot, PEOPLE.mentee, "milestone add Finish the AWS certification");
    await say(bot, PEOPLE.mentee, "done 1");
    const shown = await nextCheckin();
    expect(shown).toContain("You've reached every milestone on your roadmap");
    expect(shown).not.toContain("No open milestones");

    const [checkin] = await bot.db.checkins.recent(rel, 1);
    const before = bot.double.calls("views.open").length;
    await bot.slack.blockAction(PEOPLE.mentee, {
      actionId: "checkin.log_progress",
      value: checkin?.id ?? "",
    });
    await bot.double.waitFor("views.open", () => bot.double.calls("views.open").length > before);
    const form = JSON.stringify(bot.double.calls("views.open").at(-1)?.params.view);
    expect(form).toContain("You've reached every milestone on your roadmap");
    expect(form).not.toContain("no open milestones");
  });
});
