// Issue 9, a person's own data: `/mentor my data` DMs the caller one JSON file with everything
// stored about them (and nothing about anyone else's mentorships), read back from the double.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { say } from "../support/mentor-commands.js";
import { ProgramSeed } from "../support/program-seed.js";
import { at, errorLogs, PEOPLE, sharedTestBot } from "../support/test-bot.js";

type Json = Record<string, unknown>;

const bot = sharedTestBot();
let seed: ProgramSeed;
beforeEach(async () => {
  seed = new ProgramSeed(bot.db, bot.clock.now());
});
afterEach(() => {
  expect(errorLogs(bot)).toEqual([]);
});

async function myDataFile(userId: string): Promise<{ json: Json; raw: string }> {
  await bot.double.waitFor("files.completeUploadExternal", (c) => !c.failed, 15_000);
  const [file] = bot.double.sharedFiles(`D${userId}`);
  expect(file?.filename).toBe("my-data.json");
  const raw = file?.content.toString("utf8") ?? "";
  return { json: JSON.parse(raw) as Json, raw };
}

const field = (records: unknown, key: string) => (records as Json[]).map((r) => r[key]);

describe("/mentor my data", () => {
  it("DMs the caller a JSON file with everything stored about them, and nothing of others", async () => {
    await say(bot, PEOPLE.admin, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`);
    await say(bot, PEOPLE.mentee, "goal Lead a platform team by 2028-06-30");
    await say(bot, PEOPLE.mentee, "milestone add Finish the AWS certification");
    await say(bot, PEOPLE.mentor, "log 1 Booked the exam for June");
    const pair = (await bot.db.relationships.findOpenBetween(PEOPLE.mentor, PEOPLE.mentee))?.id;
    if (!pair) throw new Error("no pair");
    await seed.checkin(pair, 3, "need_help");
    await seed.feedback(pair, { askedDaysAgo: 2, givenDaysAgo: 1 });
    await seed.introduction(pair, PEOPLE.other, 1);
    // Someone else's mentorship: none of it may leak into the file.
    const others = await seed.pair("UMENTOR9", "UMENTEE9");
    await seed.milestone(others, "Secret reorg plan");

    expect(await say(bot, PEOPLE.mentee, "my data")).toBe(
      "Gathering everything I store about you: I'll DM you a JSON file in a moment.",
    );
    const { json, raw } = await myDataFile(PEOPLE.mentee);

    expect(json.person).toBe(PEOPLE.mentee);
    expect((json.profile as Json).slackUserId).toBe(PEOPLE.mentee);
    expect((json.profile as Json).displayName).toBe("sam");
    const [mentorship] = json.mentorships as Json[];
    expect(json.mentorships).toHaveLength(1);
    expect(mentorship).toMatchObject({ _id: pair, mentorId: PEOPLE.mentor, status: "active" });
    expect(mentorship?.goal).toMatchObject({ aspiration: "Lead a platform team" });
    expect(field(json.milestones, "title")).toEqual(["Finish the AWS certification"]);
    expect(field(json.progressNotes, "text")).toContain("Booked the exam for June");
    expect(field(json.checkins, "status")).toEqual(["answered"]);
    expect((json.checkins as Json[])[0]?.answer).toMatchObject({ kind: "need_help" });
    expect(field(json.feedbackRequests, "topic")).toEqual(["Quarterly demo"]);
    expect(field(json.feedback, "wentWell")).toEqual(["Clear story"]);
    expect(field(json.introductions, "personId")).toEqual([PEOPLE.other]);
    expect(field(json.auditEntries, "action")).toEqual(
      expect.arrayContaining(["relationship.paired_by_admin", "goal.set", "person.data_requested"]),
    );
    expect(raw).not.toContain("Secret reorg plan");
    expect(raw).not.toContain("UMENTEE9");
    expect(raw).not.toContain("xoxb-");

    const shared = bot.double.sharedFiles(`D${PEOPLE.mentee}`);
    expect(shared).toHaveLength(1);
    expect(shared[0]?.initialComment).toContain("Here is everything I store about you");
  });

  it("keeps a mentorship an admin moved to another mentor, with what the former mentor wrote", async () => {
    await say(bot, PEOPLE.admin, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`);
    const pair = (await bot.db.relationships.findOpenBetween(PEOPLE.mentor, PEOPLE.mentee))?.id;
    if (!pair) throw new Error("no pair");
    await say(
      bot,
      PEOPLE.mentor,
      `milestone add Finish the AWS certification ${at(PEOPLE.mentee)}`,
    );
    await bot.db.exchanges.add({
      relationshipId: pair,
      authorId: PEOPLE.mentor,
      kind: "advice",
      source: "alliances",
      text: "Have coffee with one person from another team each week.",
      at: bot.clock.now(),
    });
    await seed.checkin(pair, 3, "on_track");
    const NEW_MENTOR = "UNEWMENT2";
    bot.double.addUser({ id: NEW_MENTOR, name: "nora", realName: "Nora New", tz: "Europe/London" });
    expect(
      await say(bot, PEOPLE.admin, `reassign ${at(PEOPLE.mentee)} ${at(NEW_MENTOR)}`),
    ).toContain("now continues");
    // The new mentor's own words in the pair are theirs, not the former mentor's.
    await say(bot, NEW_MENTOR, `milestone add Present at the guild ${at(PEOPLE.mentee)}`);

    await say(bot, PEOPLE.mentor, "my data");
    const { json, raw } = await myDataFile(PEOPLE.mentor);
    expect(json.mentorships).toEqual([
      expect.objectContaining({
        _id: pair,
        menteeId: PEOPLE.mentee,
        formerMentorIds: [PEOPLE.mentor],
      }),
    ]);
    expect(field(json.exchanges, "text")).toEqual([
      "Have coffee with one person from another team each week.",
    ]);
    expect(field(json.milestones, "title")).toEqual(["Finish the AWS certification"]);
    expect(field(json.checkins, "mentorId")).toEqual([PEOPLE.mentor]);
    expect(field(json.auditEntries, "action")).toEqual(
      expect.arrayContaining(["relationship.paired_by_admin", "relationship.reassigned"]),
    );
    // The pair's roadmap of today is not theirs.
    expect(raw).not.toContain("Present at the guild");
  });

  it("lists the blocks a person made, never one made of them", async () => {
    await say(bot, PEOPLE.other, `block ${at(PEOPLE.mentee)}`);
    await say(bot, PEOPLE.mentee, "my data");
    const { json, raw } = await myDataFile(PEOPLE.mentee);
    expect(json.blocks).toEqual([]);
    expect(raw).not.toContain(PEOPLE.other);
  });

  it("works for someone in no mentorship: their profile and their own audit entries", async () => {
    await say(bot, PEOPLE.other, "my data");
    const { json } = await myDataFile(PEOPLE.other);
    expect(json.mentorships).toEqual([]);
    expect(field(json.auditEntries, "action")).toEqual(["person.data_requested"]);
    expect(field(json.auditEntries, "actorId")).toEqual([PEOPLE.other]);
  });

  it("is only ever about the caller: naming someone else is refused and nothing is sent", async () => {
    expect(await say(bot, PEOPLE.admin, `my data ${at(PEOPLE.mentee)}`)).toBe(
      "`/mentor my data` is always about you, so it takes nothing more. For example: `/mentor my data`",
    );
    expect(await bot.db.audit.listFor(PEOPLE.mentee)).toEqual([]);
    expect(await bot.db.audit.listFor(PEOPLE.admin)).toEqual([]);
  });
});
