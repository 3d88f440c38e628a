// Issue 9, the program report: `/mentor program` and the Program section of an admin's App Home,
// computed on real FerretDB from a seeded program.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pairAsAdmin, say } from "../support/mentor-commands.js";
import { ProgramSeed } from "../support/program-seed.js";
import { errorLogs, PEOPLE, sharedTestBot } from "../support/test-bot.js";

type Json = Record<string, unknown>;
type Block = { type: string; text?: { text: string }; elements?: Array<{ text?: string }> };

const bot = sharedTestBot();
let seed: ProgramSeed;
beforeEach(async () => {
  seed = new ProgramSeed(bot.db, bot.clock.now());
});
afterEach(() => {
  expect(errorLogs(bot)).toEqual([]);
});

const M = (n: number) => `UMENTOR${n}`;
const E = (n: number) => `UMENTEE${n}`;
const who = (n: number) => `<@${M(n)}> → <@${E(n)}>`;

/** What a reader sees: every section and context line of the reply, in order. */
function lines(body: Json): string[] {
  const blocks = (body.blocks ?? []) as Block[];
  return blocks.flatMap((b) => [
    ...(b.text ? b.text.text.split("\n") : []),
    ...(b.elements ?? []).flatMap((e) => (e.text ? e.text.split("\n") : [])),
  ]);
}

async function program(userId: string, args = ""): Promise<Json> {
  const sent = await bot.slack.command(userId, `program ${args}`.trim());
  expect(sent.status).toBe(200);
  return bot.double.waitForResponse(sent.responseUrl);
}

/** Two windows of history and one pair for each kind of trouble. */
async function seedProgram(): Promise<Record<string, string>> {
  const p1 = await seed.pair(M(1), E(1), { daysAgo: 70 });
  for (const [days, kind] of [
    [20, "on_track"],
    [13, "on_track"],
    [6, "need_help"],
    [50, "on_track"],
    [40, "on_track"],
  ] as const) {
    await seed.checkin(p1, days, kind);
  }
  await seed.milestone(p1, "AWS certification", { doneDaysAgo: 5 });
  await seed.milestone(p1, "First talk", { doneDaysAgo: 45 });
  await seed.milestone(p1, "Lead a retro", { doneDaysAgo: 35 });
  await seed.feedback(p1, { askedDaysAgo: 4, givenDaysAgo: 3 });
  await seed.introduction(p1, PEOPLE.other, 2);

  const p2 = await seed.pair(M(2), E(2), { daysAgo: 70 });
  for (const [days, outcome] of [
    [50, "progress"],
    [40, "missed"],
    [20, "on_track"],
    [13, "missed"],
    [6, "missed"],
  ] as const) {
    await seed.checkin(p2, days, outcome);
  }
  await seed.milestone(p2, "Ship the design doc", { dueDate: "2026-11-01" });

  const p3 = await seed.pair(M(3), E(3), { daysAgo: 45 });
  const p4 = await seed.pair(M(4), E(4), { status: "pending", daysAgo: 10 });
  const p5 = await seed.pair(M(5), E(5), { daysAgo: 5 });
  await seed.departed(E(5));
  await seed.pair(M(6), E(6), { status: "ended", daysAgo: 20 });
  await seed.pair(M(7), E(7), { status: "pending", daysAgo: 2 });
  await seed.tallies();
  return { p1, p2, p3, p4, p5 };
}

describe("/mentor program", () => {
  it("counts pairs, compares the last 30 days with the 30 before, and ranks who needs attention", async () => {
    await seedProgram();
    const report = lines(await program(PEOPLE.admin));

    expect(report).toContain("*Pairs:* 4 active · 0 paused · 2 pending · 1 ended");
    expect(report).toContain("• Check-ins sent: 6 (+2)");
    expect(report).toContain("• Check-ins answered: 4 of 6, 67% (−8 pts)");
    expect(report).toContain("• Sentiment: 75% On track, 25% Need help (of 4 answers)");
    expect(report).toContain("• Milestones reached: 1 (−1)");
    expect(report).toContain("• Feedback asked: 1 (+1), given: 1 (+1)");
    expect(report).toContain("• Introductions made: 1 (+1)");
    expect(report).toContain("*Needs attention:* 4 pairs, most urgent first");

    const attention = report.filter((line) => line.startsWith("• <@"));
    expect(attention).toEqual([
      `• ${who(5)}: <@${E(5)}> left the workspace`,
      `• ${who(2)}: 2 check-ins missed in a row; 1 milestone overdue`,
      `• ${who(3)}: no activity for 30 days`,
      `• ${who(4)}: pairing request waiting for 10 days`,
    ]);
  });

  it("counts a pair whose check-ins are paused as paused, and does not call it quiet", async () => {
    await pairAsAdmin(bot);
    expect(await say(bot, PEOPLE.mentee, "checkin pause")).toContain("Check-ins are paused");
    bot.clock.advance(31 * 24 * 3600 * 1000);

    const report = lines(await program(PEOPLE.admin));
    expect(report).toContain("*Pairs:* 0 active · 1 paused · 0 pending · 0 ended");
    expect(report).toContain("*Needs attention:* nothing right now. :tada:");
  });

  it("does not count a declined pairing request as an ended mentorship", async () => {
    const declined = await seed.pair(M(8), E(8), { status: "pending", daysAgo: 3 });
    await bot.db.relationships.end(declined, "pending", "declined", bot.clock.now());
    const report = lines(await program(PEOPLE.admin));
    expect(report).toContain("*Pairs:* 0 active · 0 paused · 0 pending · 0 ended");
  });

  it("refuses anyone but a program admin, revealing nothing, and writes nothing", async () => {
    const { p1 } = await seedProgram();
    for (const userId of [M(1), E(2), PEOPLE.other]) {
      const reply = await program(userId);
      expect(reply.text).toBe("Only program admins can do that.");
      expect(reply.blocks).toBeUndefined();
    }
    expect(await bot.db.audit.listFor("program")).toEqual([]);
    expect(p1).toBeTruthy();
  });

  it("records in the audit trail who ran the report, and when", async () => {
    await program(PEOPLE.admin);
    const entries = await bot.db.audit.listFor("program");
    expect(entries).toEqual([
      expect.objectContaining({
        actorId: PEOPLE.admin,
        action: "program.report_viewed",
        at: bot.clock.now(),
      }),
    ]);
  });

  it("says so when nothing needs attention", async () => {
    const report = lines(await program(PEOPLE.admin));
    expect(report).toContain("*Pairs:* 0 active · 0 paused · 0 pending · 0 ended");
    expect(report).toContain("• Check-ins answered: 0 of 0, no answer rate yet ");
    expect(report).toContain("*Needs attention:* nothing right now. :tada:");
  });

  it("pages a long list within Slack's 50 blocks and says how many more there are", async () => {
    for (let n = 1; n <= 63; n++) {
      await seed.pair(`UMR${String(n).padStart(5, "0")}`, `UME${String(n).padStart(5, "0")}`, {
        status: "pending",
        daysAgo: 8 + (n % 5),
      });
    }
    const first = await program(PEOPLE.admin);
    expect((first.blocks as Block[]).length).toBeLessThanOrEqual(50);
    const firstLines = lines(first);
    expect(firstLines).toContain("*Needs attention:* 63 pairs, most urgent first (page 1 of 2)");
    expect(firstLines.filter((l) => l.startsWith("• <@"))).toHaveLength(50);
    expect(firstLines).toContain("…and 13 more. `/mentor program 2` shows the next 50.");
    // Longest wait first.
    expect(firstLines.find((l) => l.startsWith("• <@"))).toContain("waiting for 12 days");

    const second = lines(await program(PEOPLE.admin, "2"));
    expect(second).toContain("*Needs attention:* 63 pairs, most urgent first (page 2 of 2)");
    expect(second.filter((l) => l.startsWith("• <@"))).toHaveLength(13);
    expect(second.some((l) => l.includes("more."))).toBe(false);
  });

  it("explains a bad page number", async () => {
    const reply = await program(PEOPLE.admin, "two");
    expect(reply.text).toBe(
      "Add a page number, or nothing for the first page. For example: `/mentor program 2`",
    );
  });
});

describe("the Program section of the App Home", () => {
  async function openHome(userId: string): Promise<Json> {
    const before = bot.double.calls("views.publish").length;
    await bot.slack.event({
      type: "app_home_opened",
      user: userId,
      channel: `D${userId}`,
      tab: "home",
    });
    const calls = await bot.double.waitForCalls("views.publish", before + 1);
    const call = calls.at(-1);
    expect(call?.params.user_id).toBe(userId);
    return call?.params.view as Json;
  }

  it("shows admins the summary and the ten most urgent pairs within 100 blocks", async () => {
    await seedProgram();
    for (let n = 1; n <= 12; n++) {
      await seed.pair(`UMR${String(n).padStart(5, "0")}`, `UME${String(n).padStart(5, "0")}`, {
        status: "pending",
        daysAgo: 9,
      });
    }
    const view = await openHome(PEOPLE.admin);
    const blocks = view.blocks as Block[];
    expect(blocks.length).toBeLessThanOrEqual(100);
    expect(blocks[0]?.text?.text).toBe("Program");
    const home = lines(view);
    expect(home).toContain("*Pairs:* 4 active · 0 paused · 14 pending · 1 ended");
    expect(home).toContain("*Needs attention:* 16 pairs, most urgent first");
    expect(home.filter((l) => l.startsWith("• <@"))).toHaveLength(10);
    expect(home[home.findIndex((l) => l.startsWith("• <@"))]).toBe(
      `• ${who(5)}: <@${E(5)}> left the workspace`,
    );
    expect(home).toContain("…and 6 more. `/mentor program` shows them all, page by page.");
  });

  it("is not on a member's Home", async () => {
    await seedProgram();
    const view = await openHome(E(1));
    const text = JSON.stringify(view);
    expect(text).not.toContain("Needs attention");
    expect(text).not.toContain('"Program"');
  });
});
