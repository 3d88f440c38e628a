// Issue 3, end to end over HTTP: every roadmap command, both people of a pair, several pairs,
// privacy, the input rules (each refused with a clear reply and nothing written), the audit trail.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Database } from "../../src/db/database.js";
import { at, errorLogs, PEOPLE, startTestBot, type TestBot } from "../support/test-bot.js";

const MENTEE2 = "UMENTEE2";
const LONELY = "ULONELY1";
const UNKNOWN = "UNOBODY99";

type Json = Record<string, unknown>;

/** How a mention kept in free text is stored and shown: the name `at` sends, as plain text. */
const plain = (userId: string) => `@${userId.toLowerCase()}`;

/** One bot for the file; each group of tests resets it first. */
let shared: TestBot;
beforeAll(async () => {
  shared = await startTestBot();
});
afterAll(() => shared.stop());

function addExtraPeople(bot: TestBot): void {
  bot.double.addUser({ id: MENTEE2, name: "tess", realName: "Tess Mentee", tz: "Europe/London" });
  bot.double.addUser({ id: LONELY, name: "lee", realName: "Lee Lonely", tz: "UTC" });
}

/** Sends a slash command and returns Slack's ephemeral reply (the response_url post). */
async function send(bot: TestBot, userId: string, text: string, command = "/mentor") {
  const sent = await bot.slack.command(userId, text, { command });
  expect(sent.status).toBe(200);
  const reply = await bot.double.waitForResponse(sent.responseUrl);
  expect(reply.response_type).toBe("ephemeral");
  return reply;
}

async function say(bot: TestBot, userId: string, text: string, command = "/mentor") {
  return String((await send(bot, userId, text, command)).text);
}

/** Pairs two people as the admin and returns the relationship id. */
async function pair(bot: TestBot, mentorId: string, menteeId: string): Promise<string> {
  expect(await say(bot, PEOPLE.admin, `pair ${at(mentorId)} ${at(menteeId)}`)).toContain(
    "is now mentoring",
  );
  const relationship = await bot.db.relationships.findOpenBetween(mentorId, menteeId);
  expect(relationship?.status).toBe("active");
  return relationship?.id ?? "";
}

function buttons(blocks: unknown): Array<{ action_id: string; value: string; text: string }> {
  const found: Array<{ action_id: string; value: string; text: string }> = [];
  for (const block of (blocks ?? []) as Array<{ elements?: Json[] }>) {
    for (const e of block.elements ?? []) {
      if (e.type === "button") {
        found.push({
          action_id: String(e.action_id),
          value: String(e.value),
          text: String((e.text as Json | undefined)?.text),
        });
      }
    }
  }
  return found;
}

/** Everything the roadmap of a relationship has written: to compare before and after a refusal. */
async function snapshot(bot: TestBot, relationshipId: string) {
  const relationship = await bot.db.relationships.findById(relationshipId);
  const milestones = await bot.db.milestones.list(relationshipId);
  const audit = await Promise.all(
    [relationshipId, ...milestones.map((m) => m.id)].map((id) => bot.db.audit.listFor(id)),
  );
  return {
    goal: relationship?.goal ?? null,
    updatedAt: relationship?.updatedAt,
    milestones,
    progress: await bot.db.progress.listForRelationship(relationshipId),
    audit: audit.flat(),
  };
}

describe("roadmap commands, one pair", () => {
  let bot: TestBot;
  let rel: string;

  beforeEach(async () => {
    bot = shared;
    await bot.reset();
    addExtraPeople(bot);
    rel = await pair(bot, PEOPLE.mentor, PEOPLE.mentee);
  });
  afterEach(() => {
    expect(errorLogs(bot)).toEqual([]);
  });

  it("goal sets the aspiration with and without a target date, and replaces it", async () => {
    const first = await say(bot, PEOPLE.mentee, "goal Lead a platform team by 2028-06-30");
    expect(first).toContain("Career aspiration saved");
    expect(first).toContain("Lead a platform team");
    expect(first).toContain("Fri 30 Jun 2028");
    expect((await bot.db.relationships.findById(rel))?.goal).toMatchObject({
      aspiration: "Lead a platform team",
      targetDate: "2028-06-30",
      updatedBy: PEOPLE.mentee,
    });

    // The mentor replaces it; no date this time.
    const second = await say(bot, PEOPLE.mentor, "goal Become a staff engineer");
    expect(second).toContain("Become a staff engineer");
    expect(second).not.toContain("target");
    expect((await bot.db.relationships.findById(rel))?.goal).toMatchObject({
      aspiration: "Become a staff engineer",
      targetDate: null,
      updatedBy: PEOPLE.mentor,
    });

    // "by" followed by words stays part of the aspiration.
    await say(bot, PEOPLE.mentee, "goal Lead by example");
    expect((await bot.db.relationships.findById(rel))?.goal?.aspiration).toBe("Lead by example");

    const audit = await bot.db.audit.listFor(rel);
    expect(
      audit.filter((a) => a.action === "goal.set").map((a) => [a.actorId, a.details.aspiration]),
    ).toEqual([
      [PEOPLE.mentee, "Lead a platform team"],
      [PEOPLE.mentor, "Become a staff engineer"],
      [PEOPLE.mentee, "Lead by example"],
    ]);
  });

  it("milestone add numbers milestones 1, 2, 3, with or without a due date", async () => {
    const one = await say(
      bot,
      PEOPLE.mentee,
      "milestone add Finish the AWS certification by 2027-03-31",
    );
    expect(one).toContain("Added milestone 1: *Finish the AWS certification*, due Wed 31 Mar 2027");
    expect(await say(bot, PEOPLE.mentor, "milestone add Give a talk")).toContain(
      "Added milestone 2: *Give a talk*.",
    );
    expect(await say(bot, PEOPLE.mentee, "milestones add Mentor an intern")).toContain(
      "Added milestone 3",
    );

    const list = await bot.db.milestones.list(rel);
    expect(list.map((m) => [m.title, m.dueDate, m.status])).toEqual([
      ["Finish the AWS certification", "2027-03-31", "planned"],
      ["Give a talk", null, "planned"],
      ["Mentor an intern", null, "planned"],
    ]);
    const [first, second] = list;
    expect(await bot.db.audit.listFor(first?.id ?? "")).toMatchObject([
      {
        actorId: PEOPLE.mentee,
        action: "milestone.added",
        details: {
          title: "Finish the AWS certification",
          dueDate: "2027-03-31",
          relationshipId: rel,
        },
      },
    ]);
    expect(await bot.db.audit.listFor(second?.id ?? "")).toMatchObject([
      { actorId: PEOPLE.mentor, action: "milestone.added" },
    ]);
  });

  it("milestone add with no title opens the add-milestone modal with the command's trigger_id", async () => {
    const sent = await bot.slack.command(PEOPLE.mentee, "milestone add");
    expect(sent.status).toBe(200);
    const open = await bot.double.waitFor("views.open");
    expect(String(open.params.trigger_id)).toMatch(/\.1234567890\.[0-9a-f]{32}$/);
    const view = open.params.view as Json;
    expect(view).toMatchObject({
      type: "modal",
      callback_id: "milestone.add",
      private_metadata: rel,
    });
    const blockIds = (view.blocks as Json[]).map((b) => b.block_id);
    // With no title, a roadmap template may be picked instead (issue 16).
    expect(blockIds).toEqual(["title", "dueDate", "description", "template"]);
    // No reply message: the modal is the answer.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(bot.double.responsesTo(sent.responseUrl)).toEqual([]);
    expect(await bot.db.milestones.list(rel)).toEqual([]);
  });

  it("milestone add with no title from someone without a roadmap opens nothing", async () => {
    expect(await say(bot, PEOPLE.other, "milestone add")).toMatch(/^No roadmap found/);
    expect(bot.double.calls("views.open")).toEqual([]);
  });

  it("no roadmap found names the program admins to ask for a pairing", async () => {
    expect(await say(bot, PEOPLE.other, "roadmap")).toContain(
      `ask a program admin to pair you (<@${PEOPLE.admin}>)`,
    );
  });

  it("milestone edit changes the title and due date; the date is kept when not given", async () => {
    await say(bot, PEOPLE.mentee, "milestone add Give a talk by 2027-01-15");
    const reply = await say(
      bot,
      PEOPLE.mentor,
      "milestone edit 1 Give a conference talk by 2027-03-31",
    );
    expect(reply).toContain("Updated milestone 1: *Give a conference talk*, due Wed 31 Mar 2027");
    expect(await say(bot, PEOPLE.mentee, "milestone edit 1 Give two talks")).toContain(
      "due Wed 31 Mar 2027",
    );
    const [m] = await bot.db.milestones.list(rel);
    expect(m).toMatchObject({ title: "Give two talks", dueDate: "2027-03-31" });
    const edits = (await bot.db.audit.listFor(m?.id ?? "")).filter(
      (a) => a.action === "milestone.edited",
    );
    expect(edits.map((a) => a.actorId)).toEqual([PEOPLE.mentor, PEOPLE.mentee]);
    expect(edits[0]?.details).toMatchObject({
      before: { title: "Give a talk", dueDate: "2027-01-15" },
      after: { title: "Give a conference talk", dueDate: "2027-03-31" },
    });
  });

  it("milestone remove asks first; Remove removes it and renumbers the rest", async () => {
    for (const title of ["One", "Two", "Three"]) {
      await say(bot, PEOPLE.mentee, `milestone add ${title}`);
    }
    const [, two, three] = await bot.db.milestones.list(rel);
    const question = await send(bot, PEOPLE.mentee, "milestone remove 2");
    expect(String(question.text)).toContain("Remove milestone 2: Two?");
    const offered = buttons(question.blocks);
    expect(offered.map((b) => [b.text, b.action_id])).toEqual([
      ["Remove", "milestone.remove.confirm"],
      ["Keep it", "milestone.remove.cancel"],
    ]);
    expect(offered[0]?.value).toBe(two?.id);
    // Asking wrote nothing.
    expect(await bot.db.milestones.list(rel)).toHaveLength(3);

    const pressed = await bot.slack.blockAction(PEOPLE.mentee, {
      actionId: "milestone.remove.confirm",
      value: offered[0]?.value ?? "",
      message: { ts: "1700000000.000500", channelId: `D${PEOPLE.mentee}` },
    });
    const done = await bot.double.waitForResponse(pressed.responseUrl);
    expect(done).toMatchObject({ replace_original: true });
    expect(String(done.text)).toContain("Removed the milestone *Two*");
    expect((await bot.db.milestones.list(rel)).map((m) => m.title)).toEqual(["One", "Three"]);
    expect((await bot.db.audit.listFor(two?.id ?? "")).map((a) => [a.action, a.actorId])).toEqual([
      ["milestone.added", PEOPLE.mentee],
      ["milestone.removed", PEOPLE.mentee],
    ]);

    // "Three" is now number 2.
    expect(await say(bot, PEOPLE.mentor, "log 2 Outline written")).toContain(
      "milestone 2: *Three*",
    );
    expect((await bot.db.milestones.findById(three?.id ?? ""))?.status).toBe("in_progress");
    const roadmap = await send(bot, PEOPLE.mentee, "roadmap");
    expect(String(roadmap.text)).toContain("1. One (Planned)\n2. Three (In progress)");
    expect(String(roadmap.text)).not.toContain("Two");
  });

  it("Keep it removes nothing", async () => {
    await say(bot, PEOPLE.mentee, "milestone add One");
    const question = await send(bot, PEOPLE.mentor, "milestone remove 1");
    const keep = buttons(question.blocks).find((b) => b.action_id === "milestone.remove.cancel");
    const pressed = await bot.slack.blockAction(PEOPLE.mentor, {
      actionId: "milestone.remove.cancel",
      value: keep?.value ?? "",
      message: { ts: "1700000000.000600", channelId: `D${PEOPLE.mentor}` },
    });
    const reply = await bot.double.waitForResponse(pressed.responseUrl);
    expect(String(reply.text)).toBe("Kept it: nothing was removed.");
    expect((await bot.db.milestones.list(rel)).map((m) => m.title)).toEqual(["One"]);
  });

  it("milestone remove of an unknown number is refused; an outsider's Remove press removes nothing", async () => {
    await say(bot, PEOPLE.mentee, "milestone add One");
    expect(await say(bot, PEOPLE.mentee, "milestone remove 5")).toContain("There's no milestone 5");
    const [one] = await bot.db.milestones.list(rel);
    const pressed = await bot.slack.blockAction(PEOPLE.other, {
      actionId: "milestone.remove.confirm",
      value: one?.id ?? "",
    });
    const reply = String((await bot.double.waitForResponse(pressed.responseUrl)).text);
    expect(reply).toMatch(/^No roadmap found/);
    expect(reply).not.toContain("One");
    expect(await bot.db.milestones.list(rel)).toHaveLength(1);
  });

  it("roadmap shows aspiration, target date, done of total, and each milestone in full", async () => {
    await say(bot, PEOPLE.mentee, "goal Lead a platform team by 2028-06-30");
    await say(bot, PEOPLE.mentee, "milestone add Finish the AWS certification by 2026-12-01");
    await say(bot, PEOPLE.mentee, "milestone add Give a talk by 2027-05-31");
    await say(bot, PEOPLE.mentee, "milestone add Mentor an intern");
    await say(bot, PEOPLE.mentor, "log 2 Submitted the abstract");
    await say(bot, PEOPLE.mentee, "done 3 Intern shipped a feature");

    // Move past the first due date: 2026-12-05 everywhere.
    bot.clock.set("2026-12-05T12:00:00Z");
    for (const viewer of [PEOPLE.mentee, PEOPLE.mentor]) {
      const reply = await send(bot, viewer, "roadmap");
      const text = String(reply.text);
      expect(text).toContain(`Roadmap of <@${PEOPLE.mentee}>: Lead a platform team`);
      expect(text).toContain("1 of 3 milestones reached");
      expect(text).toContain("1. Finish the AWS certification (Planned)");
      expect(text).toContain("2. Give a talk (In progress)");
      expect(text).toContain("3. Mentor an intern (Done)");

      const blocks = (reply.blocks as Json[]).map((b) =>
        JSON.stringify(b.text ?? b.elements ?? ""),
      );
      const all = blocks.join("\n");
      expect(all).toContain("Lead a platform team");
      expect(all).toContain("target: Fri 30 Jun 2028");
      expect(all).toContain("*1 of 3* milestones reached");
      const line = (n: number) => blocks.find((b) => b.includes(`*${n}. `)) ?? "";
      expect(line(1)).toContain("Finish the AWS certification");
      expect(line(1)).toContain("Planned");
      expect(line(1)).toContain("*overdue*, was due Tue 1 Dec 2026");
      expect(line(2)).toContain("Give a talk");
      expect(line(2)).toContain("In progress");
      expect(line(2)).toContain("due Mon 31 May 2027");
      expect(line(2)).not.toContain("overdue");
      expect(line(2)).toContain("Submitted the abstract");
      expect(line(2)).toContain(`<@${PEOPLE.mentor}>`);
      // When the note was written: Slack's date token for 2026-11-23T15:00Z.
      expect(line(2)).toContain(`<!date^${Date.parse("2026-11-23T15:00:00Z") / 1000}^`);
      expect(line(3)).toContain("Done");
      expect(line(3)).toContain("reached");
      expect(line(3)).toContain("Intern shipped a feature");
      expect(line(3)).not.toContain("overdue");
    }
  });

  it("roadmap before anything is written shows an empty roadmap with how to start", async () => {
    const reply = await send(bot, PEOPLE.mentee, "roadmap");
    expect(String(reply.text)).toContain("no aspiration yet");
    expect(String(reply.text)).toContain("0 of 0 milestones reached");
    expect(JSON.stringify(reply.blocks)).toContain("/mentor milestone add");
  });

  it("roadmap shows at once what another replica wrote after the last read", async () => {
    await say(bot, PEOPLE.mentee, "milestone add Ship a feature");
    expect(await say(bot, PEOPLE.mentee, "roadmap")).toContain("0 of 1 milestones reached");
    // bot.db is a second process on the same MongoDB and Redis, as another replica would be.
    const other = bot.db;
    await other.milestones.add(rel, {
      title: "Give a talk",
      description: "",
      dueDate: null,
      createdBy: PEOPLE.mentor,
      now: bot.clock.now(),
    });
    await other.relationships.setGoal(rel, {
      aspiration: "Lead a platform team",
      targetDate: null,
      updatedAt: bot.clock.now(),
      updatedBy: PEOPLE.mentee,
    });
    const reply = await send(bot, PEOPLE.mentee, "roadmap");
    expect(String(reply.text)).toContain("0 of 2 milestones reached");
    expect(JSON.stringify(reply.blocks)).toContain("Give a talk");
    expect(JSON.stringify(reply.blocks)).toContain("Lead a platform team");
  });

  it("text typed with & < > (which Slack sends as entities) is kept and shown as typed", async () => {
    await say(bot, PEOPLE.mentee, "goal R&D lead <platform> by 2027-12-31");
    await say(bot, PEOPLE.mentee, "milestone add Q&A with the <team>");
    const roadmap = JSON.stringify((await send(bot, PEOPLE.mentee, "roadmap")).blocks);
    expect(roadmap).toContain("R&amp;D lead &lt;platform&gt;");
    expect(roadmap).toContain("Q&amp;A with the &lt;team&gt;");
    expect(roadmap).not.toContain("&amp;amp;");
    expect(roadmap).not.toContain("&amp;lt;");
  });

  it("a 2,000-character note of & fits Slack: the roadmap shows a preview, `milestone 1` all of it", async () => {
    await say(bot, PEOPLE.mentee, `milestone add ${"<&>".repeat(50)}`);
    await say(bot, PEOPLE.mentee, `log 1 ${"&".repeat(2000)}`);
    // The double refuses (as Slack does) a response over Block Kit's limits: none was refused.
    const roadmap = JSON.stringify((await send(bot, PEOPLE.mentee, "roadmap")).blocks);
    expect(roadmap).toContain("…");
    expect(roadmap).toContain("/mentor milestone 1");
    const detail = (await send(bot, PEOPLE.mentee, "milestone 1")).blocks as Array<{
      text?: { text: string };
    }>;
    const shown = detail.map((b) => b.text?.text ?? "").join("");
    expect(shown.split("&amp;").length - 1).toBe(2000 + 50);
    expect(bot.double.refusedResponsePosts).toEqual([]);
  });

  it("log moves a planned milestone to in progress; the note shows in the roadmap", async () => {
    await say(bot, PEOPLE.mentee, "milestone add Finish the AWS certification");
    const reply = await say(bot, PEOPLE.mentee, "log 1 Booked the exam for June");
    expect(reply).toBe(
      "Progress logged on milestone 1: *Finish the AWS certification* (now in progress).",
    );
    const [m] = await bot.db.milestones.list(rel);
    expect(m).toMatchObject({
      status: "in_progress",
      latestNote: { text: "Booked the exam for June", authorId: PEOPLE.mentee },
    });
    // A second log, a minute later, keeps it in progress and replaces the latest note.
    bot.clock.advance(60_000);
    await say(bot, PEOPLE.mentor, "log 1 Practice test: 78%");
    const [again] = await bot.db.milestones.list(rel);
    expect(again).toMatchObject({
      status: "in_progress",
      latestNote: { text: "Practice test: 78%", authorId: PEOPLE.mentor },
    });
    expect(JSON.stringify((await send(bot, PEOPLE.mentee, "roadmap")).blocks)).toContain(
      "Practice test: 78%",
    );
    const progress = await bot.db.progress.listForRelationship(rel);
    expect(progress.map((p) => [p.kind, p.authorId, p.text])).toEqual([
      ["log", PEOPLE.mentor, "Practice test: 78%"],
      ["log", PEOPLE.mentee, "Booked the exam for June"],
    ]);
    expect(
      (await bot.db.audit.listFor(m?.id ?? ""))
        .filter((a) => a.action === "milestone.progress_logged")
        .map((a) => [a.actorId, a.details.note]),
    ).toEqual([
      [PEOPLE.mentee, "Booked the exam for June"],
      [PEOPLE.mentor, "Practice test: 78%"],
    ]);
  });

  it("a person named in a note reads as @name wherever it shows, never as markup", async () => {
    await say(bot, PEOPLE.mentee, "milestone add Give a talk");
    // Olly is no partner: the mention ending the note stays a word of it.
    await say(
      bot,
      PEOPLE.mentee,
      `log 1 Talked about the design, thanks ${at(PEOPLE.other, "olly")}`,
    );
    const [m] = await bot.db.milestones.list(rel);
    expect(m?.latestNote?.text).toBe("Talked about the design, thanks @olly");
    for (const shown of [
      JSON.stringify((await send(bot, PEOPLE.mentor, "roadmap")).blocks),
      JSON.stringify(await send(bot, PEOPLE.mentor, "milestone 1")),
    ]) {
      expect(shown).toContain("thanks @olly");
      expect(shown).not.toContain("<@UOTHER01");
      expect(shown).not.toContain("&lt;@");
    }
    // Slack may send a mention without its name: the bot names whom it knows, else "someone".
    const mentor = await bot.db.people.find(PEOPLE.mentor);
    expect(mentor?.displayName).toBeTruthy();
    await say(
      bot,
      PEOPLE.mentee,
      `log 1 Rehearsed with <@${PEOPLE.mentor}> and <@${UNKNOWN}> today`,
    );
    const progress = await bot.db.progress.listForRelationship(rel);
    expect(progress[0]?.text).toBe(`Rehearsed with @${mentor?.displayName} and someone today`);
  });

  it("notes logged at once on one milestone are all recorded; the roadmap shows the last as its latest", async () => {
    await say(bot, PEOPLE.mentee, "milestone add Give a talk");
    await say(bot, PEOPLE.mentee, "log 1 Picked a topic");
    const notes = Array.from({ length: 8 }, (_, i) => `Rehearsal ${i + 1}`);
    const replies = await Promise.all(
      notes.map((n, i) => say(bot, i % 2 ? PEOPLE.mentor : PEOPLE.mentee, `log 1 ${n}`)),
    );
    for (const reply of replies) {
      expect(reply).toBe("Progress logged on milestone 1: *Give a talk* (now in progress).");
    }
    const progress = await bot.db.progress.listForRelationship(rel);
    expect(progress.map((p) => p.text).sort()).toEqual([...notes, "Picked a topic"].sort());
    const [m] = await bot.db.milestones.list(rel);
    const audited = (await bot.db.audit.listFor(m?.id ?? "")).filter(
      (a) => a.action === "milestone.progress_logged",
    );
    expect(audited).toHaveLength(9);
    // Which of the notes sent at once came last is up to the network; one of them did.
    const latest = m?.latestNote?.text ?? "";
    expect(notes).toContain(latest);
    expect(JSON.stringify((await send(bot, PEOPLE.mentor, "roadmap")).blocks)).toContain(latest);
  });

  it("a note on a milestone removed meanwhile is refused, and writes nothing", async () => {
    await say(bot, PEOPLE.mentee, "milestone add Give a talk");
    await say(bot, PEOPLE.mentee, "milestone add Write the slides");
    await say(bot, PEOPLE.mentee, "log 1 Picked a topic");
    // The bot has the roadmap cached; another process removes milestone 1 behind its back, so
    // the bot still finds it when it reads (as when the removal lands between its read and its
    // write), and learns otherwise only when it writes.
    const [talk, slides] = await bot.db.milestones.list(rel);
    const outside = await Database.connect(bot.config.mongodbUri);
    try {
      await outside.milestones.remove(talk?.id ?? "", bot.clock.now());
      const written = async () => ({
        progress: await outside.progress.listForRelationship(rel),
        audit: [
          ...(await outside.audit.listFor(talk?.id ?? "")),
          ...(await outside.audit.listFor(slides?.id ?? "")),
        ],
        slides: await outside.milestones.findById(slides?.id ?? ""),
      });
      const before = await written();

      expect(await say(bot, PEOPLE.mentor, "log 1 Rehearsed twice")).toContain(
        "There's no milestone with that number on this roadmap",
      );
      expect(await written()).toEqual(before);
      // The next command sees the roadmap as it now is.
      expect(await say(bot, PEOPLE.mentor, "log 1 Drafted the slides")).toBe(
        "Progress logged on milestone 1: *Write the slides* (now in progress).",
      );
    } finally {
      await outside.close();
    }
  });

  it("after the pair ends and the two are paired again, a note goes to the new roadmap", async () => {
    await say(bot, PEOPLE.mentee, "milestone add Give a talk");
    expect(await say(bot, PEOPLE.mentee, "log 1 Picked a topic")).toContain("*Give a talk*");
    await bot.db.relationships.end(rel, "active", "test", bot.clock.now());
    const again = await pair(bot, PEOPLE.mentor, PEOPLE.mentee);
    expect(again).not.toBe(rel);
    await say(bot, PEOPLE.mentee, "milestone add Ship the beta");

    // The bot guesses the last pair to read ahead; the pair it finds is the one used.
    expect(await say(bot, PEOPLE.mentee, "log 1 Wrote the release notes")).toBe(
      "Progress logged on milestone 1: *Ship the beta* (now in progress).",
    );
    expect(await say(bot, PEOPLE.mentor, "roadmap")).toContain("Ship the beta");
    const [talk] = await bot.db.milestones.list(rel);
    expect(talk?.latestNote?.text).toBe("Picked a topic");
    expect((await bot.db.progress.listForRelationship(again)).map((e) => e.text)).toEqual([
      "Wrote the release notes",
    ]);
  });

  it("/progress <n> <note> is the alias of /mentor log", async () => {
    await say(bot, PEOPLE.mentee, "milestone add Give a talk");
    const reply = await say(bot, PEOPLE.mentee, "1 Wrote the outline", "/progress");
    expect(reply).toContain("Progress logged on milestone 1: *Give a talk* (now in progress)");
    const [m] = await bot.db.milestones.list(rel);
    expect(m?.latestNote?.text).toBe("Wrote the outline");
    expect(await say(bot, PEOPLE.mentor, "", "/progress")).toContain(
      "Start with the milestone's number",
    );
    expect(
      await say(bot, PEOPLE.mentor, `1 Reviewed slides ${at(PEOPLE.mentee)}`, "/progress"),
    ).toContain("Progress logged on milestone 1");
  });

  it("done marks a milestone reached with the date; a second done says it already was", async () => {
    await say(bot, PEOPLE.mentee, "milestone add Finish the AWS certification");
    await say(bot, PEOPLE.mentee, "milestone add Give a talk");
    const reply = await say(bot, PEOPLE.mentee, "done 1 Passed with 92%");
    expect(reply).toContain("Milestone 1 reached: *Finish the AWS certification*");
    // The mentee is in Kolkata: 15:00Z on the 23rd is 20:30 there, still Monday the 23rd.
    expect(reply).toContain("on Mon 23 Nov 2026");
    expect(reply).toContain("*1 of 2* milestones reached");
    const [m] = await bot.db.milestones.list(rel);
    expect(m).toMatchObject({
      status: "done",
      doneAt: new Date("2026-11-23T15:00:00Z"),
      latestNote: { text: "Passed with 92%" },
    });

    bot.clock.set("2026-11-25T09:00:00Z");
    const again = await say(bot, PEOPLE.mentor, "done 1");
    expect(again).toContain(
      "Milestone 1, *Finish the AWS certification*, was already marked as reached.",
    );
    const [still] = await bot.db.milestones.list(rel);
    expect(still?.doneAt).toEqual(new Date("2026-11-23T15:00:00Z"));

    const audit = (await bot.db.audit.listFor(m?.id ?? "")).filter(
      (a) => a.action === "milestone.done",
    );
    expect(audit).toMatchObject([{ actorId: PEOPLE.mentee, details: { note: "Passed with 92%" } }]);
    const entries = await bot.db.progress.listForRelationship(rel);
    expect(entries.map((e) => e.kind)).toEqual(["done"]);

    // done without a note works too, from the mentor.
    const second = await say(bot, PEOPLE.mentor, "done 2");
    expect(second).toContain("Milestone 2 reached: *Give a talk*, on Wed 25 Nov 2026");
    expect(second).toContain("*2 of 2*");
  });

  it("the date in done's reply is the actor's own today", async () => {
    await say(bot, PEOPLE.mentee, "milestone add One");
    // 20:00Z on the 23rd: 01:30 on the 24th in Kolkata, 15:00 on the 23rd in New York.
    bot.clock.set("2026-11-23T20:00:00Z");
    expect(await say(bot, PEOPLE.mentee, "done 1")).toContain("on Tue 24 Nov 2026");
  });

  it("an admin can read a roadmap with /mentor roadmap <@mentee>", async () => {
    await say(bot, PEOPLE.mentee, "goal Lead a platform team");
    await say(bot, PEOPLE.mentee, "milestone add Give a talk");
    const text = await say(bot, PEOPLE.admin, `roadmap ${at(PEOPLE.mentee)}`);
    expect(text).toContain("Lead a platform team");
    expect(text).toContain("1. Give a talk (Planned)");
    expect(await say(bot, PEOPLE.admin, `roadmap ${at(PEOPLE.mentor)}`)).toContain(
      "Lead a platform team",
    );
    // Without naming anyone, the admin (in no pair) has no roadmap of their own.
    expect(await say(bot, PEOPLE.admin, "roadmap")).toMatch(/^No roadmap found/);
  });
});

describe("privacy: outsiders learn nothing", () => {
  let bot: TestBot;
  let rel: string;

  beforeAll(async () => {
    bot = shared;
    await bot.reset();
    addExtraPeople(bot);
    rel = await pair(bot, PEOPLE.mentor, PEOPLE.mentee);
    await say(bot, PEOPLE.mentee, "goal Secret aspiration by 2028-06-30");
    await say(bot, PEOPLE.mentee, "milestone add Secret milestone");
    await say(bot, PEOPLE.mentee, "log 1 Secret note");
  });

  it("an outsider gets exactly the reply of someone with no roadmap, for every command", async () => {
    const none = await say(bot, LONELY, "roadmap");
    expect(none).toMatch(/^No roadmap found/);
    const before = await snapshot(bot, rel);

    const attempts = [
      `roadmap ${at(PEOPLE.mentee)}`,
      `roadmap ${at(PEOPLE.mentor)}`,
      "roadmap",
      `goal ${at(PEOPLE.mentee)} Take over`,
      `milestone add ${at(PEOPLE.mentee)} Sneaky`,
      `milestone edit 1 Sneaky ${at(PEOPLE.mentee)}`,
      `milestone remove 1 ${at(PEOPLE.mentee)}`,
      `log 1 Sneaky note ${at(PEOPLE.mentee)}`,
      `done 1 ${at(PEOPLE.mentee)}`,
    ];
    for (const text of attempts) {
      const reply = await send(bot, PEOPLE.other, text);
      expect(reply.text, text).toBe(none);
      const everything = JSON.stringify(reply);
      expect(everything).not.toContain("Secret");
      expect(everything).not.toContain(PEOPLE.mentor);
    }
    // The lonely person naming the mentee gets the same, too.
    expect(await say(bot, LONELY, `roadmap ${at(PEOPLE.mentee)}`)).toBe(none);
    expect(await snapshot(bot, rel)).toEqual(before);
    expect(bot.double.calls("views.open")).toEqual([]);
    expect(errorLogs(bot)).toEqual([]);
  });

  it("the pair themselves still see it", async () => {
    expect(await say(bot, PEOPLE.mentor, "roadmap")).toContain("Secret aspiration");
  });
});

describe("several relationships", () => {
  let bot: TestBot;
  let rel1: string;
  let rel2: string;

  beforeEach(async () => {
    bot = shared;
    await bot.reset();
    addExtraPeople(bot);
    rel1 = await pair(bot, PEOPLE.mentor, PEOPLE.mentee);
    rel2 = await pair(bot, PEOPLE.mentor, MENTEE2);
  });
  afterEach(() => {
    expect(errorLogs(bot)).toEqual([]);
  });

  it("without a <@user> the mentor gets the choices, and nothing is written", async () => {
    for (const text of [
      "roadmap",
      "goal Grow",
      "milestone add Something",
      "log 1 note",
      "done 1",
    ]) {
      const reply = await say(bot, PEOPLE.mentor, text);
      expect(reply, text).toContain("You're part of several mentorships");
      expect(reply).toContain(`<@${PEOPLE.mentee}>`);
      expect(reply).toContain(`<@${MENTEE2}>`);
    }
    for (const id of [rel1, rel2]) {
      expect(await bot.db.milestones.list(id)).toEqual([]);
      expect((await bot.db.relationships.findById(id))?.goal).toBeNull();
    }
    // The add-milestone modal is not opened for an ambiguous request either.
    expect(await say(bot, PEOPLE.mentor, "milestone add")).toContain("several mentorships");
    expect(bot.double.calls("views.open")).toEqual([]);
  });

  it("<@user> first or last picks the relationship", async () => {
    await say(bot, PEOPLE.mentor, `goal ${at(MENTEE2)} Run the QA guild by 2027-12-31`);
    await say(bot, PEOPLE.mentor, `goal Lead a platform team ${at(PEOPLE.mentee)}`);
    expect((await bot.db.relationships.findById(rel2))?.goal).toMatchObject({
      aspiration: "Run the QA guild",
      targetDate: "2027-12-31",
    });
    expect((await bot.db.relationships.findById(rel1))?.goal?.aspiration).toBe(
      "Lead a platform team",
    );

    await say(bot, PEOPLE.mentor, `milestone add ${at(MENTEE2)} Write test plan by 2027-01-31`);
    await say(bot, PEOPLE.mentor, `milestone add Give a talk by 2027-02-28 ${at(MENTEE2)}`);
    await say(bot, PEOPLE.mentor, `milestone add ${at(PEOPLE.mentee)} AWS certification`);
    expect((await bot.db.milestones.list(rel2)).map((m) => [m.title, m.dueDate])).toEqual([
      ["Write test plan", "2027-01-31"],
      ["Give a talk", "2027-02-28"],
    ]);
    expect((await bot.db.milestones.list(rel1)).map((m) => m.title)).toEqual(["AWS certification"]);

    expect(await say(bot, PEOPLE.mentor, `log 2 Booked a slot ${at(MENTEE2)}`)).toContain(
      "*Give a talk*",
    );
    expect(await say(bot, PEOPLE.mentor, `done ${at(MENTEE2)} 1`)).toContain(
      "Milestone 1 reached: *Write test plan*",
    );
    expect(
      await say(
        bot,
        PEOPLE.mentor,
        `milestone edit ${at(PEOPLE.mentee)} 1 AWS Solutions Architect`,
      ),
    ).toContain("Updated milestone 1: *AWS Solutions Architect*");
    const roadmap2 = await say(bot, PEOPLE.mentor, `roadmap ${at(MENTEE2)}`);
    expect(roadmap2).toContain("Run the QA guild");
    expect(roadmap2).toContain("1 of 2 milestones reached");
    expect(roadmap2).not.toContain("AWS");

    // The mentee with one pair needs no mention.
    expect(await say(bot, MENTEE2, "roadmap")).toContain("Run the QA guild");
    // A mentee naming someone they are not paired with gets no roadmap.
    expect(await say(bot, MENTEE2, `roadmap ${at(PEOPLE.mentee)}`)).toMatch(/^No roadmap found/);
  });

  it("a mention after a note picks the pair only when it names one of your partners", async () => {
    // The admin mentors MENTEE2 too (rel2 is the mentor's; this is the admin's own).
    const own = await pair(bot, PEOPLE.admin, LONELY);
    await say(bot, PEOPLE.admin, "milestone add Own milestone");
    await say(bot, PEOPLE.mentor, `milestone add Their milestone ${at(PEOPLE.mentee)}`);

    // Thanking someone else: the admin's own pair, the mention kept in the note.
    expect(
      await say(bot, PEOPLE.admin, `done 1 Great session, thanks ${at(PEOPLE.mentee)}`),
    ).toContain("Milestone 1 reached: *Own milestone*");
    expect((await bot.db.progress.listForRelationship(own))[0]?.text).toBe(
      `Great session, thanks ${plain(PEOPLE.mentee)}`,
    );
    expect((await bot.db.milestones.list(rel1))[0]?.status).not.toBe("done");

    // Nothing but the number before it: the admin's documented way to name another pair.
    expect(await say(bot, PEOPLE.admin, `done 1 ${at(PEOPLE.mentee)}`)).toContain(
      "Milestone 1 reached: *Their milestone*",
    );

    // A mentee with one pair naming someone else in a note logs it, not "No roadmap found".
    await say(bot, PEOPLE.mentor, `milestone add ${at(MENTEE2)} Write test plan`);
    expect(
      await say(bot, MENTEE2, `log 1 Met ${at(PEOPLE.mentee)} for lunch ${at(LONELY)}`),
    ).toContain("*Write test plan*");
    expect((await bot.db.progress.listForRelationship(rel2))[0]?.text).toBe(
      `Met ${plain(PEOPLE.mentee)} for lunch ${plain(LONELY)}`,
    );
  });

  it("a mention kept in a title or goal keeps the `by <date>` before it", async () => {
    await say(bot, MENTEE2, `milestone add Ship it by 2027-01-01 ${at(LONELY)}`);
    await say(bot, MENTEE2, `milestone add Plan it by 2027-01-15 ${at(LONELY)}`);
    await say(bot, MENTEE2, `milestone edit 2 Plan it twice by 2027-02-01 ${at(LONELY)}`);
    await say(bot, MENTEE2, `goal Lead with ${at(LONELY)} by 2027-06-30 ${at(LONELY)}`);
    expect((await bot.db.milestones.list(rel2)).map((m) => [m.title, m.dueDate])).toEqual([
      [`Ship it ${plain(LONELY)}`, "2027-01-01"],
      [`Plan it twice ${plain(LONELY)}`, "2027-02-01"],
    ]);
    expect((await bot.db.relationships.findById(rel2))?.goal).toMatchObject({
      aspiration: `Lead with ${plain(LONELY)} ${plain(LONELY)}`,
      targetDate: "2027-06-30",
    });
  });

  it("an admin naming a mentor of two gets the choices", async () => {
    const reply = await say(bot, PEOPLE.admin, `roadmap ${at(PEOPLE.mentor)}`);
    expect(reply).toContain("several mentorships");
    expect(reply).toContain(`<@${PEOPLE.mentee}>`);
    expect(reply).toContain(`<@${MENTEE2}>`);
  });
});

describe("input rules: a clear reply, and nothing written", () => {
  let bot: TestBot;
  let rel: string;

  beforeAll(async () => {
    bot = shared;
    await bot.reset();
    addExtraPeople(bot);
    rel = await pair(bot, PEOPLE.mentor, PEOPLE.mentee);
    await say(bot, PEOPLE.mentee, "goal Lead a platform team by 2028-06-30");
    await say(bot, PEOPLE.mentee, "milestone add Give a talk by 2027-05-31");
    await say(bot, PEOPLE.mentee, "milestone add Finish the AWS certification");
  });

  const title151 = "t".repeat(151);
  const note2001 = "n".repeat(2001);
  const operator = '{"$gt": ""}';
  const cases: Array<[string, string, RegExp]> = [
    ["a title of 151 characters", `milestone add ${title151}`, /151 characters; the limit is 150/],
    ["an edited title of 151 characters", `milestone edit 1 ${title151}`, /the limit is 150/],
    ["a note of 2001 characters", `log 1 ${note2001}`, /2001 characters; the limit is 2000/],
    ["a done note of 2001 characters", `done 1 ${note2001}`, /the limit is 2000/],
    ["log with no arguments", "log", /Start with the milestone's number.*`\/mentor log 1 /],
    ["log with a number but no note", "log 1", /Please add a note\. For example: `\/mentor log 1 /],
    ["done with no arguments", "done", /Start with the milestone's number.*`\/mentor done 2 /],
    ["goal with no aspiration", "goal", /Please add an aspiration\. For example: `\/mentor goal /],
    ["goal with only a date", "goal by 2027-06-30", /Please add an aspiration/],
    ["milestone edit with no number", "milestone edit", /Start with the milestone's number/],
    ["milestone edit with no title", "milestone edit 1", /Please add a title/],
    ["milestone remove with no number", "milestone remove", /Start with the milestone's number/],
    [
      "milestone with no action",
      "milestone",
      /`add`, `edit <n>` or `remove <n>`, or give just its number/,
    ],
    [
      "an unknown number",
      "log 9 Did a thing",
      /no milestone 9 on this roadmap.*`\/mentor roadmap`/,
    ],
    ["an unknown number for done", "done 9", /no milestone 9/],
    ["an unknown number for edit", "milestone edit 3 New title", /no milestone 3/],
    ["number zero", "log 0 Did a thing", /Start with the milestone's number/],
    ["a word instead of a number", "log two Did a thing", /Start with the milestone's number/],
    [
      "February 30th",
      "milestone add Talk by 2027-02-30",
      /`2027-02-30` isn't a date I know\. Dates look like 2027-06-30/,
    ],
    ["month 13", "milestone add Talk by 2026-13-01", /`2026-13-01` isn't a date I know/],
    ["29 February of a common year", "milestone add Talk by 2027-02-29", /isn't a date I know/],
    ["a date in the past", "milestone add Talk by 2026-11-22", /2026-11-22 is in the past/],
    ["a past target date", "goal Lead by 2026-11-22", /is in the past/],
    ["a past date on edit", "milestone edit 1 Talk by 2026-11-22", /is in the past/],
    [
      "a date more than 10 years away",
      "milestone add Talk by 2036-11-24",
      /more than 10 years away/,
    ],
    ["a target more than 10 years away", "goal Retire by 2040-01-01", /more than 10 years away/],
    ["an operator as title", `milestone add ${operator}`, /looks like code.*plain text/],
    ["an operator as edited title", `milestone edit 1 ${operator}`, /looks like code/],
    ["an operator as aspiration", `goal ${operator}`, /looks like code/],
    ["an operator as note", `log 1 ${operator}`, /looks like code/],
    ["an operator as number (log)", `log ${operator} note`, /Start with the milestone's number/],
    ["an operator as number (done)", `done ${operator}`, /Start with the milestone's number/],
    [
      "an operator as number (remove)",
      `milestone remove ${operator}`,
      /Give just the milestone's number/,
    ],
    // After nothing but the number (after a note, it would be a word of the note).
    ["an unknown user as selector (last)", `done 1 ${at(UNKNOWN)}`, /^No roadmap found/],
    ["an unknown user as selector (first)", `goal ${at(UNKNOWN)} Take over`, /^No roadmap found/],
    ["an unknown user for roadmap", `roadmap ${at(UNKNOWN)}`, /^No roadmap found/],
  ];

  it.each(cases)("refuses %s", async (_name, text, expected) => {
    const before = await snapshot(bot, rel);
    const reply = await say(bot, PEOPLE.mentee, text);
    expect(reply).toMatch(expected);
    expect(reply).not.toMatch(/something went wrong/i);
    expect(await snapshot(bot, rel)).toEqual(before);
    expect(bot.double.calls("views.open")).toEqual([]);
    expect(errorLogs(bot)).toEqual([]);
  });

  it("accepts the limits themselves: a 150-character title, a 2000-character note, today, 10 years", async () => {
    const title150 = "t".repeat(150);
    expect(await say(bot, PEOPLE.mentee, `milestone add ${title150} by 2026-11-23`)).toContain(
      "Added milestone 3",
    );
    expect(await say(bot, PEOPLE.mentee, `log 3 ${"n".repeat(2000)}`)).toContain(
      "Progress logged on milestone 3",
    );
    expect(await say(bot, PEOPLE.mentee, "milestone add Far away by 2036-11-23")).toContain(
      "Added milestone 4",
    );
    expect(await say(bot, PEOPLE.mentee, "milestone add Leap day by 2028-02-29")).toContain(
      "due Tue 29 Feb 2028",
    );
    const list = await bot.db.milestones.list(rel);
    expect(list[2]).toMatchObject({ title: title150, dueDate: "2026-11-23" });
    expect(list[2]?.latestNote?.text).toHaveLength(2000);
    expect(errorLogs(bot)).toEqual([]);
  });
});
