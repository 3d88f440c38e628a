// Issue 3, App Home end to end: app_home_opened publishes the dashboard, each event id is
// handled once (even across two bots sharing Redis), and the Home buttons' modals work and refuse.
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pairAsAdmin, say } from "../support/mentor-commands.js";
import type { RecordedCall } from "../support/slack-double.js";
import {
  errorLogs,
  PEOPLE,
  sharedTestBot,
  startTestBot,
  type TestBot,
} from "../support/test-bot.js";

type Json = Record<string, unknown>;

const MENTEE2 = "UMENTEE2";
const LONELY = "ULONELY1";

// Slack's documented inner event, vendored in test/fixtures/slack.
const SAMPLE_EVENT = JSON.parse(
  readFileSync(
    new URL(
      "../fixtures/slack/payloads/app_home_opened.slack-docs-inner-event.json",
      import.meta.url,
    ),
    "utf8",
  ),
) as Json;

function homeOpened(userId: string, tab = "home"): Json {
  return {
    ...structuredClone(SAMPLE_EVENT),
    user: userId,
    channel: `D${userId}`,
    tab,
  };
}

const bot = sharedTestBot({}, addPeople);
/** Bots a test starts besides the shared one. */
const bots: TestBot[] = [];

function addPeople(b: TestBot): void {
  b.double.addUser({ id: MENTEE2, name: "tess", realName: "Tess Mentee", tz: "Europe/London" });
  b.double.addUser({ id: LONELY, name: "lee", realName: "Lee Lonely", tz: "UTC" });
}

async function newBot(env: Record<string, string> = {}): Promise<TestBot> {
  const started = await startTestBot(env);
  bots.push(started);
  addPeople(started);
  return started;
}

afterEach(async () => {
  for (const b of [bot, ...bots]) expect(errorLogs(b)).toEqual([]);
  for (const b of bots.splice(0)) await b.stop();
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

const publishesTo = (b: TestBot, userId: string) =>
  b.double.calls("views.publish").filter((c) => c.params.user_id === userId);

/** Opens the Home tab as `userId` and returns the published view, as text to search. */
async function openHome(userId: string): Promise<{ view: Json; text: string }> {
  const before = publishesTo(bot, userId).length;
  const sent = await bot.slack.event(homeOpened(userId));
  expect(sent.status).toBe(200);
  const calls = await waitForPublishes(bot, userId, before + 1);
  const call = calls[calls.length - 1] as RecordedCall;
  expect(call.failed).toBeUndefined();
  const view = call.params.view as Json;
  return { view, text: JSON.stringify(view) };
}

async function waitForPublishes(b: TestBot, userId: string, count: number) {
  await b.double.waitFor("views.publish", () => publishesTo(b, userId).length >= count);
  return publishesTo(b, userId);
}

/** The Home's button with this action id whose value is this relationship. */
function homeButton(view: Json, actionId: string, relationshipId: string) {
  for (const block of view.blocks as Array<{ elements?: Json[] }>) {
    const found = block.elements?.find(
      (e) => e.action_id === actionId && e.value === relationshipId,
    );
    if (found) return found;
  }
  return undefined;
}

/** The value the modal's milestone select carries for the option reading `label`. */
function optionValue(modal: Json, label: string): string {
  const found = JSON.stringify(modal).match(
    new RegExp(`"text":"${label}"[^}]*},"value":"([^"]+)"`),
  );
  if (!found?.[1]) throw new Error(`no option ${label} in the modal`);
  return found[1];
}

const homeContainer = (view: Json) => ({ ...view, id: "VHOME0001", type: "home" });

const text = (value: string | null) => ({ value: { type: "plain_text_input", value } });
const date = (selected: string | null) => ({
  value: { type: "datepicker", selected_date: selected },
});
const option = (value: string | null) => ({
  value: { type: "static_select", selected_option: value === null ? null : { value } },
});

describe("app_home_opened", () => {
  it("shows a mentee their mentor, aspiration, milestones with status, notes and next check-in", async () => {
    const rel = await pairAsAdmin(bot, PEOPLE.mentor, PEOPLE.mentee);
    await say(bot, PEOPLE.mentee, "goal Lead a platform team by 2028-06-30");
    await say(bot, PEOPLE.mentee, "milestone add Finish the AWS certification by 2027-03-31");
    await say(bot, PEOPLE.mentee, "milestone add Give a talk");
    await say(bot, PEOPLE.mentee, "milestone add Mentor an intern");
    await say(bot, PEOPLE.mentor, "log 1 Booked the exam for June");
    bot.clock.advance(60_000);
    await say(bot, PEOPLE.mentee, "done 3 Intern shipped a feature");

    const { view, text: home } = await openHome(PEOPLE.mentee);
    expect(view.type).toBe("home");
    expect(home).toContain(`Your mentor:* <@${PEOPLE.mentor}>`);
    expect(home).toContain("Lead a platform team");
    expect(home).toContain("1 of 3");
    expect(home).toMatch(/1\. Finish the AWS certification\*.*In progress/);
    expect(home).toMatch(/2\. Give a talk\*.*Planned/);
    expect(home).toMatch(/3\. Mentor an intern\*.*Done/);
    expect(home).toContain("Latest notes");
    expect(home).toContain("Booked the exam for June");
    expect(home).toContain("Intern shipped a feature");
    expect(home).toMatch(/Next check-in/i);
    expect(homeButton(view, "home.add_milestone", rel)).toBeTruthy();
    expect(homeButton(view, "home.log_progress", rel)).toBeTruthy();
    // Published for that user only, through the real Web API with a token.
    expect(bot.double.calls("views.publish")).toHaveLength(1);
    expect(bot.double.calls("views.publish")[0]?.authenticated).toBe(true);
  });

  it("shows a mentor each mentee, with the buttons for each relationship", async () => {
    const rel1 = await pairAsAdmin(bot, PEOPLE.mentor, PEOPLE.mentee);
    const rel2 = await pairAsAdmin(bot, PEOPLE.mentor, MENTEE2);
    await say(bot, PEOPLE.mentee, "goal Lead a platform team");
    await say(bot, MENTEE2, "goal Run the QA guild");
    await say(bot, MENTEE2, "milestone add Write the test plan");

    const { view, text: home } = await openHome(PEOPLE.mentor);
    expect(home).toContain(`Your mentee:* <@${PEOPLE.mentee}>`);
    expect(home).toContain(`Your mentee:* <@${MENTEE2}>`);
    expect(home).toContain("Lead a platform team");
    expect(home).toContain("Run the QA guild");
    expect(home).toContain("Write the test plan");
    for (const rel of [rel1, rel2]) {
      expect(homeButton(view, "home.add_milestone", rel)).toBeTruthy();
      expect(homeButton(view, "home.log_progress", rel)).toBeTruthy();
    }
    // Each mentee sees only their own.
    const mentee2 = await openHome(MENTEE2);
    expect(mentee2.text).toContain("Run the QA guild");
    expect(mentee2.text).not.toContain("Lead a platform team");
  });

  it("shows someone with no relationship how to get started", async () => {
    const { view, text: home } = await openHome(LONELY);
    expect(home).toMatch(/get started/i);
    expect(home).toContain("/mentor pair");
    // "Ask a program admin" says whom to ask.
    expect(home).toContain(`Ask a program admin to pair you: <@${PEOPLE.admin}>, or`);
    expect(home).not.toContain("home.add_milestone");
    expect(view.type).toBe("home");
  });

  it("with no program admins, the empty Home says so rather than 'ask a program admin'", async () => {
    const alone = await newBot({ ADMIN_USER_IDS: "" });
    await alone.slack.event(homeOpened(LONELY));
    const [call] = await waitForPublishes(alone, LONELY, 1);
    const home = JSON.stringify(call?.params.view);
    expect(home).toContain("There are no program admins yet, so ask someone yourself");
    expect(home).not.toContain("Ask a program admin");
  });

  it("shows an admin with no mentorship of their own an admin's next steps, not a mentee's", async () => {
    const { text: home } = await openHome(PEOPLE.admin);
    expect(home).toContain("As a program admin");
    expect(home).toContain("`/mentor pair @mentor @mentee` (paired at once)");
    expect(home).toContain("`/mentor channels allow #channel`");
    expect(home).not.toContain("Ask a program admin to pair you");
    expect(home).not.toContain("they'll get a request to accept");
  });

  it("lists unanswered pairing requests to and from someone in no mentorship yet", async () => {
    expect(await say(bot, LONELY, `pair <@${PEOPLE.mentor}> <@${LONELY}>`)).toContain("I've asked");
    const asked = await openHome(PEOPLE.mentor);
    expect(asked.text).toContain(
      `<@${LONELY}> asked you to be their mentor: answer in my Messages tab.`,
    );
    const asking = await openHome(LONELY);
    expect(asking.text).toContain(`Waiting for <@${PEOPLE.mentor}> to accept being your mentor.`);
  });

  it("publishes nothing when the Messages tab is opened", async () => {
    await pairAsAdmin(bot, PEOPLE.mentor, PEOPLE.mentee);
    const sent = await bot.slack.event(homeOpened(PEOPLE.mentee, "messages"));
    expect(sent.status).toBe(200);
    await settle();
    expect(bot.double.calls("views.publish")).toEqual([]);
  });

  it("handles a redelivered event id once", async () => {
    const eventId = "Ev0HOME0000001";
    const first = await bot.slack.event(homeOpened(PEOPLE.mentee), { eventId });
    const retry = await bot.slack.event(homeOpened(PEOPLE.mentee), {
      eventId,
      retryNum: 1,
      retryReason: "http_timeout",
    });
    expect([first.status, retry.status]).toEqual([200, 200]);
    await waitForPublishes(bot, PEOPLE.mentee, 1);
    await settle();
    expect(bot.double.calls("views.publish")).toHaveLength(1);

    // A different event id is a new opening: published again.
    await bot.slack.event(homeOpened(PEOPLE.mentee), { eventId: "Ev0HOME0000002" });
    await waitForPublishes(bot, PEOPLE.mentee, 2);
  });

  it("handles an event id once across two bots sharing Redis and the queue prefix", async () => {
    const second = await newBot({
      MONGODB_URI: bot.config.mongodbUri,
      QUEUE_PREFIX: bot.config.queuePrefix,
      SLACK_API_URL: bot.double.apiUrl,
    });
    const eventId = "Ev0HOME0000003";
    await bot.slack.event(homeOpened(PEOPLE.mentee), { eventId });
    await second.slack.event(homeOpened(PEOPLE.mentee), {
      eventId,
      retryNum: 1,
      retryReason: "http_timeout",
    });
    await waitForPublishes(bot, PEOPLE.mentee, 1);
    await settle();
    // Both bots call the first bot's Slack double: one publish in all.
    expect(bot.double.calls("views.publish")).toHaveLength(1);
    expect(second.double.calls("views.publish")).toEqual([]);

    // The second bot does serve a new event id.
    await second.slack.event(homeOpened(PEOPLE.mentee), { eventId: "Ev0HOME0000004" });
    await waitForPublishes(bot, PEOPLE.mentee, 2);
  });
});

describe("Home buttons and their modals", () => {
  let rel: string;

  beforeEach(async () => {
    rel = await pairAsAdmin(bot, PEOPLE.mentor, PEOPLE.mentee);
    await say(bot, PEOPLE.mentee, "goal Lead a platform team");
  });

  async function pressAddMilestone(userId: string, relationshipId: string) {
    const { view } = await openHome(userId);
    return bot.slack.blockAction(userId, {
      actionId: "home.add_milestone",
      value: relationshipId,
      blockId: `home_${relationshipId}`,
      view: homeContainer(view),
    });
  }

  it("Add milestone opens the modal; submitting adds the milestone and refreshes the Home", async () => {
    const { view: home } = await openHome(PEOPLE.mentee);
    const button = homeButton(home, "home.add_milestone", rel);
    expect(button).toBeTruthy();
    const pressed = await bot.slack.blockAction(PEOPLE.mentee, {
      actionId: "home.add_milestone",
      value: String(button?.value),
      view: homeContainer(home),
    });
    expect(pressed.status).toBe(200);
    const open = await bot.double.waitFor("views.open");
    expect(String(open.params.trigger_id)).toBeTruthy();
    expect(open.params.view).toMatchObject({
      type: "modal",
      callback_id: "milestone.add",
      private_metadata: rel,
    });

    const publishedBefore = publishesTo(bot, PEOPLE.mentee).length;
    const submitted = await bot.slack.viewSubmission(PEOPLE.mentee, {
      callbackId: "milestone.add",
      privateMetadata: rel,
      values: {
        title: text("Give a conference talk"),
        dueDate: date("2027-05-31"),
        description: text("Accepted at a real conference"),
      },
    });
    expect(submitted.status).toBe(200);
    expect(submitted.json).toBeUndefined(); // a plain ack closes the modal

    const [m] = await bot.db.milestones.list(rel);
    expect(m).toMatchObject({
      title: "Give a conference talk",
      dueDate: "2027-05-31",
      description: "Accepted at a real conference",
      status: "planned",
    });
    expect(await bot.db.audit.listFor(m?.id ?? "")).toMatchObject([
      { actorId: PEOPLE.mentee, action: "milestone.added" },
    ]);
    const refreshed = await waitForPublishes(bot, PEOPLE.mentee, publishedBefore + 1);
    expect(JSON.stringify(refreshed[refreshed.length - 1]?.params.view)).toContain(
      "Give a conference talk",
    );
    // The mentor's Home shows it too, without reopening the tab.
    const mentorHomes = await waitForPublishes(bot, PEOPLE.mentor, 1);
    expect(JSON.stringify(mentorHomes[mentorHomes.length - 1]?.params.view)).toContain(
      "Give a conference talk",
    );
  });

  it("the modal works without a due date or description", async () => {
    await pressAddMilestone(PEOPLE.mentor, rel);
    await bot.double.waitFor("views.open");
    const submitted = await bot.slack.viewSubmission(PEOPLE.mentor, {
      callbackId: "milestone.add",
      privateMetadata: rel,
      values: { title: text("Read two books"), dueDate: date(null), description: text(null) },
    });
    expect(submitted.json).toBeUndefined();
    expect(await bot.db.milestones.list(rel)).toMatchObject([
      { title: "Read two books", dueDate: null, description: "" },
    ]);
  });

  const invalid: Array<[string, Json, string, RegExp]> = [
    [
      "a title of 151 characters",
      { title: text("t".repeat(151)), dueDate: date("2027-05-31") },
      "title",
      /151 characters; the limit is 150/,
    ],
    ["an empty title", { title: text(""), dueDate: date(null) }, "title", /Please add a title/],
    [
      "an operator as title",
      { title: text('{"$gt": ""}'), dueDate: date(null) },
      "title",
      /plain text/,
    ],
    ["a past date", { title: text("Talk"), dueDate: date("2026-11-22") }, "dueDate", /in the past/],
    [
      "an impossible date",
      { title: text("Talk"), dueDate: date("2027-02-30") },
      "dueDate",
      /isn't a date I know/,
    ],
    [
      "a date more than 10 years away",
      { title: text("Talk"), dueDate: date("2037-01-01") },
      "dueDate",
      /more than 10 years/,
    ],
    [
      "a description over 2000 characters",
      { title: text("Talk"), dueDate: date(null), description: text("d".repeat(2001)) },
      "description",
      /the limit is 2000/,
    ],
  ];

  it.each(invalid)(
    "refuses %s on the right field and writes nothing",
    async (_n, values, block, message) => {
      await pressAddMilestone(PEOPLE.mentee, rel);
      await bot.double.waitFor("views.open");
      const publishes = bot.double.calls("views.publish").length;
      const submitted = await bot.slack.viewSubmission(PEOPLE.mentee, {
        callbackId: "milestone.add",
        privateMetadata: rel,
        values: values as Record<string, Record<string, unknown>>,
      });
      expect(submitted.status).toBe(200);
      const json = submitted.json as { response_action: string; errors: Record<string, string> };
      expect(json.response_action).toBe("errors");
      expect(Object.keys(json.errors)).toEqual([block]);
      expect(json.errors[block]).toMatch(message);
      expect(json.errors[block]).not.toContain("`");
      expect(await bot.db.milestones.list(rel)).toEqual([]);
      await settle();
      expect(bot.double.calls("views.publish")).toHaveLength(publishes);
    },
  );

  it("Log progress opens the progress modal; submitting logs the note or marks it done", async () => {
    await say(bot, PEOPLE.mentee, "milestone add Finish the AWS certification");
    await say(bot, PEOPLE.mentee, "milestone add Give a talk");
    const { view: home } = await openHome(PEOPLE.mentee);
    await bot.slack.blockAction(PEOPLE.mentee, {
      actionId: "home.log_progress",
      value: String(homeButton(home, "home.log_progress", rel)?.value),
      view: homeContainer(home),
    });
    const open = await bot.double.waitFor("views.open");
    const modal = open.params.view as Json;
    expect(modal).toMatchObject({ callback_id: "progress.log", private_metadata: rel });
    const modalText = JSON.stringify(modal);
    expect(modalText).toContain("1. Finish the AWS certification");
    expect(modalText).toContain("2. Give a talk");

    const before = publishesTo(bot, PEOPLE.mentee).length;
    const logged = await bot.slack.viewSubmission(PEOPLE.mentee, {
      callbackId: "progress.log",
      privateMetadata: rel,
      values: {
        milestone: option(optionValue(modal, "2. Give a talk")),
        note: text("Submitted the abstract"),
        status: option(null),
      },
    });
    expect(logged.json).toBeUndefined();
    const [first, second] = await bot.db.milestones.list(rel);
    expect(first?.status).toBe("planned");
    expect(second).toMatchObject({
      status: "in_progress",
      latestNote: { text: "Submitted the abstract", authorId: PEOPLE.mentee },
    });
    const refreshed = await waitForPublishes(bot, PEOPLE.mentee, before + 1);
    expect(JSON.stringify(refreshed[refreshed.length - 1]?.params.view)).toContain(
      "Submitted the abstract",
    );

    // The mentor marks number 1 reached from the same modal.
    bot.clock.advance(60_000);
    const done = await bot.slack.viewSubmission(PEOPLE.mentor, {
      callbackId: "progress.log",
      privateMetadata: rel,
      values: {
        milestone: option(optionValue(modal, "1. Finish the AWS certification")),
        note: text("Passed with 92%"),
        status: option("done"),
      },
    });
    expect(done.json).toBeUndefined();
    const [reached] = await bot.db.milestones.list(rel);
    expect(reached).toMatchObject({ status: "done", latestNote: { text: "Passed with 92%" } });
    expect(
      (await bot.db.audit.listFor(reached?.id ?? "")).map((a) => [a.action, a.actorId]),
    ).toEqual([
      ["milestone.added", PEOPLE.mentee],
      ["milestone.done", PEOPLE.mentor],
    ]);
    await waitForPublishes(bot, PEOPLE.mentor, 1);
  });

  it("a milestone marked reached while the progress form is open: Done with a note still logs the note", async () => {
    await say(bot, PEOPLE.mentee, "milestone add Finish the AWS certification");
    const [milestone] = await bot.db.milestones.list(rel);
    // The mentor marks it reached while the mentee's form (listing it open) is on screen.
    await say(bot, PEOPLE.mentor, "done 1");
    bot.clock.advance(60_000);
    const submitted = await bot.slack.viewSubmission(PEOPLE.mentee, {
      callbackId: "progress.log",
      privateMetadata: rel,
      values: {
        milestone: option(milestone?.id ?? ""),
        note: text("Passed with 92%"),
        status: option("done"),
      },
    });
    expect(submitted.json).toBeUndefined();
    const [reached] = await bot.db.milestones.list(rel);
    expect(reached).toMatchObject({
      status: "done",
      latestNote: { text: "Passed with 92%", authorId: PEOPLE.mentee },
    });
    const notes = await bot.db.progress.listForRelationship(rel);
    expect(notes.map((n) => [n.authorId, n.text])).toContainEqual([
      PEOPLE.mentee,
      "Passed with 92%",
    ]);
  });

  it("a milestone removed while the progress form is open: the note still goes to the one picked", async () => {
    for (const title of ["Finish the AWS certification", "Give a talk", "Mentor an intern"])
      await say(bot, PEOPLE.mentee, `milestone add ${title}`);
    const { view: home } = await openHome(PEOPLE.mentee);
    await bot.slack.blockAction(PEOPLE.mentee, {
      actionId: "home.log_progress",
      value: String(homeButton(home, "home.log_progress", rel)?.value),
      view: homeContainer(home),
    });
    const modal = (await bot.double.waitFor("views.open")).params.view as Json;
    const talk = optionValue(modal, "2. Give a talk");
    const certification = optionValue(modal, "1. Finish the AWS certification");

    // Milestone 1 goes while the form is open: "Give a talk" is number 1 now.
    const [first] = await bot.db.milestones.list(rel);
    await bot.slack.blockAction(PEOPLE.mentor, {
      actionId: "milestone.remove.confirm",
      value: first?.id ?? "",
    });
    await expect.poll(async () => (await bot.db.milestones.list(rel)).length).toBe(2);

    const logged = await bot.slack.viewSubmission(PEOPLE.mentee, {
      callbackId: "progress.log",
      privateMetadata: rel,
      values: {
        milestone: option(talk),
        note: text("Submitted the abstract"),
        status: option(null),
      },
    });
    expect(logged.json).toBeUndefined();
    const [nowFirst, nowSecond] = await bot.db.milestones.list(rel);
    expect(nowFirst).toMatchObject({
      title: "Give a talk",
      latestNote: { text: "Submitted the abstract" },
    });
    expect(nowSecond).toMatchObject({ title: "Mentor an intern", latestNote: null });

    const gone = await bot.slack.viewSubmission(PEOPLE.mentee, {
      callbackId: "progress.log",
      privateMetadata: rel,
      values: { milestone: option(certification), note: text("Passed"), status: option(null) },
    });
    expect(gone.json).toMatchObject({
      response_action: "errors",
      errors: { milestone: expect.stringMatching(/isn't on the roadmap any more/) },
    });
    expect(await bot.db.progress.listForRelationship(rel)).toHaveLength(1);
  });

  it("the progress modal refuses an unknown milestone and a too-long note, writing nothing", async () => {
    await say(bot, PEOPLE.mentee, "milestone add Give a talk");
    const [talk] = await bot.db.milestones.list(rel);
    const id = talk?.id ?? "";
    const cases: Array<[Json, string, RegExp]> = [
      [{ milestone: option("9"), note: text("Hello") }, "milestone", /isn't on the roadmap/],
      [
        { milestone: option('{"$gt": ""}'), note: text("Hello") },
        "milestone",
        /isn't on the roadmap/,
      ],
      [{ milestone: option(null), note: text("Hello") }, "milestone", /Pick one of the/],
      [{ milestone: option(id), note: text("n".repeat(2001)) }, "note", /the limit is 2000/],
      [{ milestone: option(id), note: text("") }, "note", /Please add a note/],
    ];
    for (const [values, block, message] of cases) {
      const submitted = await bot.slack.viewSubmission(PEOPLE.mentee, {
        callbackId: "progress.log",
        privateMetadata: rel,
        values: values as Record<string, Record<string, unknown>>,
      });
      const json = submitted.json as { response_action: string; errors: Record<string, string> };
      expect(json.response_action).toBe("errors");
      expect(json.errors[block]).toMatch(message);
    }
    const [m] = await bot.db.milestones.list(rel);
    expect(m).toMatchObject({ status: "planned", latestNote: null });
    expect(await bot.db.progress.listForRelationship(rel)).toEqual([]);
  });

  it("an outsider pressing a Home button with someone else's relationship id opens nothing", async () => {
    const { view } = await openHome(PEOPLE.other);
    for (const actionId of ["home.add_milestone", "home.log_progress"]) {
      const pressed = await bot.slack.blockAction(PEOPLE.other, {
        actionId,
        value: rel,
        view: homeContainer(view),
      });
      expect(pressed.status).toBe(200);
    }
    // Nor does a malformed or operator-looking id.
    await bot.slack.blockAction(PEOPLE.other, {
      actionId: "home.add_milestone",
      value: '{"$gt": ""}',
      view: homeContainer(view),
    });
    await settle();
    expect(bot.double.calls("views.open")).toEqual([]);
  });

  it("a Home button of a mentorship that has since ended says so at once, and opens no form", async () => {
    const { view } = await openHome(PEOPLE.mentee);
    await bot.db.relationships.end(rel, "active", "done", bot.clock.now());
    for (const actionId of ["home.add_milestone", "home.log_progress"]) {
      await bot.slack.blockAction(PEOPLE.mentee, {
        actionId,
        value: rel,
        view: homeContainer(view),
      });
    }
    const refusals = () =>
      bot.double
        .calls("chat.postEphemeral")
        .filter((c) => c.params.user === PEOPLE.mentee && String(c.params.text).includes("ended"));
    await bot.double.waitFor("chat.postEphemeral", () => refusals().length >= 2);
    await settle();
    expect(bot.double.calls("views.open")).toEqual([]);
  });

  it("a forged submission with someone else's relationship id writes nothing", async () => {
    await say(bot, PEOPLE.mentee, "milestone add Give a talk");
    const before = await bot.db.milestones.list(rel);
    const forgedAdd = await bot.slack.viewSubmission(PEOPLE.other, {
      callbackId: "milestone.add",
      privateMetadata: rel,
      values: { title: text("Sneaky"), dueDate: date(null) },
    });
    const forgedLog = await bot.slack.viewSubmission(PEOPLE.other, {
      callbackId: "progress.log",
      privateMetadata: rel,
      values: { milestone: option("1"), note: text("Sneaky note"), status: option("done") },
    });
    for (const forged of [forgedAdd, forgedLog]) {
      const json = forged.json as { response_action: string; errors: Record<string, string> };
      expect(json.response_action).toBe("errors");
      const shown = JSON.stringify(json);
      expect(shown).toContain("No roadmap found");
      expect(shown).not.toContain("Give a talk");
      expect(shown).not.toContain("Lead a platform team");
    }
    expect(await bot.db.milestones.list(rel)).toEqual(before);
    expect(await bot.db.progress.listForRelationship(rel)).toEqual([]);
    await settle();
    expect(publishesTo(bot, PEOPLE.other)).toEqual([]);
  });
});
