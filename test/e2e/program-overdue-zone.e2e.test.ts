// "Overdue" in the program report, the App Home's Program section and the CSV export is what the
// pair's own roadmap says: due before today where the mentee is, not in the workspace's default
// zone (UTC here), which is only for people Slack gives no zone.
import { parse } from "csv-parse/sync";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { say, sayFull } from "../support/mentor-commands.js";
import { ProgramSeed } from "../support/program-seed.js";
import { errorLogs, PEOPLE, sharedTestBot } from "../support/test-bot.js";

type Json = Record<string, unknown>;

const bot = sharedTestBot();
const MENTOR = "UMENTORZONE";
const IN_LOS_ANGELES = "UMENTEELAX";
const IN_AUCKLAND = "UMENTEEAKL";
beforeEach(() => {
  bot.double.addUser({ id: MENTOR, name: "mo", realName: "Mo Mentor" });
  bot.double.addUser({
    id: IN_LOS_ANGELES,
    name: "lee",
    realName: "Lee LA",
    tz: "America/Los_Angeles",
  });
  bot.double.addUser({
    id: IN_AUCKLAND,
    name: "aroha",
    realName: "Aroha AKL",
    tz: "Pacific/Auckland",
  });
});
afterEach(() => {
  expect(errorLogs(bot)).toEqual([]);
});

const rows = (content: Buffer | undefined): Array<Record<string, string>> =>
  parse(content ?? "", { columns: true, bom: true });

/** Whether each view calls the pair's one milestone overdue, at the clock's time. */
async function overdueAsSeenBy(menteeId: string, pairId: string) {
  const roadmap = await sayFull(bot, menteeId, "roadmap");

  const sent = await bot.slack.command(PEOPLE.admin, "program");
  const report = JSON.stringify((await bot.double.waitForResponse(sent.responseUrl)).blocks);
  const pairLine = report.split(/\\n|"/).find((l) => l.includes(`<@${menteeId}>`)) ?? "";

  await say(bot, PEOPLE.admin, "export");
  await bot.double.waitFor("files.completeUploadExternal", (c) => !c.failed, 15_000);
  const files = new Map(bot.double.sharedFiles(`D${PEOPLE.admin}`).map((f) => [f.filename, f]));
  const pair = rows(files.get("pairs.csv")?.content).find((p) => p.relationship_id === pairId);
  const milestone = rows(files.get("milestones.csv")?.content).find(
    (m) => m.relationship_id === pairId,
  );

  expect(pairLine).not.toBe(""); // Quiet since November: listed either way.
  return {
    roadmap: JSON.stringify(roadmap.blocks as Json[]).includes("*overdue*"),
    report: pairLine.includes("1 milestone overdue"),
    pairsCsv: pair?.milestones_overdue,
    milestonesCsv: milestone?.overdue,
  };
}

async function pairWithMilestoneDue(menteeId: string, dueDate: string): Promise<string> {
  const seed = new ProgramSeed(bot.db, bot.clock.now());
  const pair = await seed.pair(MENTOR, menteeId, { daysAgo: 70 });
  await seed.milestone(pair, "Ship the design doc", { dueDate });
  await seed.tallies();
  return pair;
}

describe("a milestone due yesterday or today in UTC", () => {
  it("is not overdue at 17:00 on its due date in Los Angeles, though UTC is a day on", async () => {
    const pair = await pairWithMilestoneDue(IN_LOS_ANGELES, "2027-03-01");
    bot.clock.set("2027-03-02T01:00:00Z"); // Mon 1 March, 17:00 in Los Angeles.
    expect(await overdueAsSeenBy(IN_LOS_ANGELES, pair)).toEqual({
      roadmap: false,
      report: false,
      pairsCsv: "0",
      milestonesCsv: "no",
    });
  });

  it("is overdue once its due date has passed in Auckland, though UTC is still on it", async () => {
    const pair = await pairWithMilestoneDue(IN_AUCKLAND, "2027-03-01");
    bot.clock.set("2027-03-01T12:00:00Z"); // Tue 2 March, 01:00 in Auckland.
    expect(await overdueAsSeenBy(IN_AUCKLAND, pair)).toEqual({
      roadmap: true,
      report: true,
      pairsCsv: "1",
      milestonesCsv: "yes",
    });
  });
});
