// Issue 9, the CSV export: `/mentor export` streams pairs, milestones and check-ins to CSV files
// and shares them in the admin's DM with Slack's upload flow, read back here from the double.
import { parse } from "csv-parse/sync";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { say } from "../support/mentor-commands.js";
import { ProgramSeed } from "../support/program-seed.js";
import type { SharedFile } from "../support/slack-double.js";
import { errorLogs, PEOPLE, sharedTestBot } from "../support/test-bot.js";

const bot = sharedTestBot();
let seed: ProgramSeed;
beforeEach(async () => {
  seed = new ProgramSeed(bot.db, bot.clock.now());
});
afterEach(() => {
  expect(errorLogs(bot)).toEqual([]);
});

const ADMIN_DM = `D${PEOPLE.admin}`;
const ASPIRATION = 'Lead "platform", then\nthe whole org';

async function named(userId: string, displayName: string): Promise<void> {
  await bot.db.people.upsert({
    slackUserId: userId,
    displayName,
    realName: displayName,
    timezone: null,
    isBot: false,
    deleted: false,
    refreshedAt: bot.clock.now(),
  });
}

/** One pair with awkward text everywhere, one ended pair, one pending request. */
async function seedProgram(): Promise<string> {
  const pair = await seed.pair(PEOPLE.mentor, PEOPLE.mentee, { daysAgo: 40 });
  await named(PEOPLE.mentor, "Maria, the mentor");
  await named(PEOPLE.mentee, "=cmd|' /C calc'!A0");
  await bot.db.relationships.setGoal(pair, {
    aspiration: ASPIRATION,
    targetDate: "2028-06-30",
    updatedAt: seed.ago(30),
    updatedBy: PEOPLE.mentee,
  });
  await seed.milestone(pair, '=HYPERLINK("http://evil.example","click")', { doneDaysAgo: 3 });
  await seed.milestone(pair, "+1 more talk", { dueDate: "2026-10-01" });
  await seed.milestone(pair, "-2 bugs, @here", { dueDate: "2027-01-31" });
  await seed.checkin(pair, 20, "on_track");
  await seed.checkin(pair, 13, "missed");
  await seed.checkin(pair, 6, "missed");
  await seed.pair("UMENTOR9", "UMENTEE9", { status: "ended", daysAgo: 20 });
  await seed.pair(PEOPLE.other, PEOPLE.mentee, { status: "pending", daysAgo: 2 });
  await seed.tallies();
  return pair;
}

async function exportedFiles(): Promise<Map<string, SharedFile>> {
  await bot.double.waitFor("files.completeUploadExternal", (c) => !c.failed, 15_000);
  return new Map(bot.double.sharedFiles(ADMIN_DM).map((f) => [f.filename, f]));
}

/** The program's audit actions, once `count` are there (the job writes the last after sharing). */
async function auditActions(count: number): Promise<Array<[string, string]>> {
  for (let i = 0; i < 200; i++) {
    const entries = await bot.db.audit.listFor("program");
    if (entries.length >= count) return entries.map((e) => [e.action, e.actorId]);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`fewer than ${count} audit entries`);
}

const rows = (file: SharedFile | undefined): Array<Record<string, string>> =>
  parse(file?.content ?? "", { columns: true, bom: true });

describe("/mentor export", () => {
  it("DMs an admin pairs.csv, milestones.csv and checkins.csv that parse back to the program", async () => {
    const pairId = await seedProgram();
    expect(await say(bot, PEOPLE.admin, "export")).toBe(
      "Exporting the program: I'll DM you pairs.csv, milestones.csv and checkins.csv in a moment.",
    );
    const files = await exportedFiles();
    expect([...files.keys()]).toEqual(["pairs.csv", "milestones.csv", "checkins.csv"]);
    for (const file of files.values()) expect(file.content.length).toBe(file.length);
    expect(files.get("pairs.csv")?.initialComment).toBe(
      "Here is the program export: pairs.csv (3 rows), milestones.csv (3 rows), checkins.csv (3 rows).",
    );

    const pairs = rows(files.get("pairs.csv"));
    expect(pairs.map((p) => p.status).sort()).toEqual(["active", "ended", "pending"]);
    expect(pairs.find((p) => p.relationship_id === pairId)).toEqual({
      relationship_id: pairId,
      mentor_id: PEOPLE.mentor,
      mentor_name: "Maria, the mentor",
      mentee_id: PEOPLE.mentee,
      mentee_name: "'=cmd|' /C calc'!A0",
      status: "active",
      started: seed.ago(40).toISOString(),
      ended: "",
      aspiration: ASPIRATION,
      milestones_done: "1",
      milestones_total: "3",
      milestones_overdue: "1",
      checkins_sent: "3",
      checkins_answered: "1",
      last_checkin_answer: "on_track",
      missed_streak: "2",
    });
    // RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
    const raw = files.get("pairs.csv")?.content.toString("utf8") ?? "";
    expect(raw).toContain('"Lead ""platform"", then\nthe whole org"');
    expect(raw.startsWith("relationship_id,mentor_id,mentor_name,")).toBe(true);

    const milestones = rows(files.get("milestones.csv"));
    expect(milestones.map((m) => [m.number, m.title, m.status, m.overdue])).toEqual([
      ["1", '\'=HYPERLINK("http://evil.example","click")', "done", "no"],
      ["2", "'+1 more talk", "planned", "yes"],
      ["3", "'-2 bugs, @here", "planned", "no"],
    ]);
    expect(milestones.every((m) => m.mentor_id === PEOPLE.mentor)).toBe(true);

    const checkins = rows(files.get("checkins.csv"));
    expect(checkins.map((c) => [c.status, c.answer, c.sent_at])).toEqual([
      ["answered", "on_track", seed.ago(20).toISOString()],
      ["missed", "", seed.ago(13).toISOString()],
      ["missed", "", seed.ago(6).toISOString()],
    ]);

    expect(await auditActions(2)).toEqual([
      ["program.export_requested", PEOPLE.admin],
      ["program.exported", PEOPLE.admin],
    ]);
  });

  it("says paused in pairs.csv for a pair whose check-ins are paused", async () => {
    const paused = await seed.pair(PEOPLE.mentor, PEOPLE.mentee, { daysAgo: 40 });
    expect(await say(bot, PEOPLE.mentee, "checkin pause")).toContain("Check-ins are paused");
    await say(bot, PEOPLE.admin, "export");
    const pairs = rows((await exportedFiles()).get("pairs.csv"));
    expect(pairs.map((p) => [p.relationship_id, p.status])).toEqual([[paused, "paused"]]);
  });

  it("says declined in pairs.csv for a pairing request that was declined", async () => {
    const declined = await seed.pair(PEOPLE.other, PEOPLE.mentee, {
      status: "pending",
      daysAgo: 2,
    });
    await bot.db.relationships.end(declined, "pending", "declined", bot.clock.now());
    await say(bot, PEOPLE.admin, "export");
    const pairs = rows((await exportedFiles()).get("pairs.csv"));
    expect(pairs.map((p) => [p.relationship_id, p.status])).toEqual([[declined, "declined"]]);
  });

  it("refuses anyone but a program admin, revealing nothing, and queues nothing", async () => {
    await seedProgram();
    for (const userId of [PEOPLE.mentor, PEOPLE.mentee]) {
      expect(await say(bot, userId, "export")).toBe("Only program admins can do that.");
    }
    expect(await bot.db.audit.listFor("program")).toEqual([]);
  });

  it("tells the admin when Slack refuses the upload, and shares nothing", async () => {
    await seedProgram();
    bot.double.failNext("files.completeUploadExternal", { error: "not_in_channel" });
    await say(bot, PEOPLE.admin, "export");
    const dm = await bot.double.waitFor("chat.postMessage", (c) => c.params.channel === ADMIN_DM);
    expect(dm.params.text).toBe(
      "Sorry, Slack refused to upload the program export (it said `not_in_channel`), so nothing was shared. Please try again later, or ask whoever runs the app to look at its logs.",
    );
    expect(bot.double.sharedFiles()).toEqual([]);
    expect(await auditActions(2)).toEqual([
      ["program.export_requested", PEOPLE.admin],
      ["program.export_refused", PEOPLE.admin],
    ]);
  });

  it("says what to fix when the app lacks the files:write scope", async () => {
    bot.double.failNext("files.getUploadURLExternal", { error: "missing_scope" });
    await say(bot, PEOPLE.admin, "export");
    const dm = await bot.double.waitFor("chat.postMessage", (c) => c.params.channel === ADMIN_DM);
    expect(String(dm.params.text)).toContain("needs the `files:write` permission");
    expect(bot.double.sharedFiles()).toEqual([]);
  });

  it("shares the files once when a hiccup makes the job run again", async () => {
    await seedProgram();
    bot.double.failNext("files.completeUploadExternal", { status: 503 });
    await say(bot, PEOPLE.admin, "export");
    await bot.double.waitFor("files.completeUploadExternal", (c) => !c.failed, 15_000);
    expect(bot.double.calls("files.completeUploadExternal")).toHaveLength(2);
    expect(bot.double.sharedFiles(ADMIN_DM).map((f) => f.filename)).toEqual([
      "pairs.csv",
      "milestones.csv",
      "checkins.csv",
    ]);
  });
});
