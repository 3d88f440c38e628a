// Issue 6, end to end over HTTP: a reached milestone is celebrated once (double marking, a
// re-marked milestone, duplicated and retried jobs, two racing bots), privately when the mentee
// says so, in a channel the bot joins if it must, with a fallback that tells the mentor and the
// admins; the last milestone gets a bigger shout-out, and the mentor's congratulation reaches
// the mentee.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { waitForDm } from "../support/mentor-commands.js";
import { addNotificationJobs, notificationsDrained } from "../support/queue-drain.js";
import type { RecordedCall } from "../support/slack-double.js";
import { at, errorLogs, PEOPLE, type TestBot, TestBots } from "../support/test-bot.js";

type Json = Record<string, unknown>;

const WINS = "CWINS001";
const WAIT_MS = 10_000;

const bots = new TestBots();

const newBot = (env: Record<string, string> = {}): Promise<TestBot> =>
  bots.start({ CELEBRATION_CHANNEL_ID: WINS, ...env });

afterEach(async () => {
  for (const bot of bots.inUse()) expect(errorLogs(bot)).toEqual([]);
  await bots.release();
});
afterAll(() => bots.stopAll());

async function say(bot: TestBot, userId: string, text: string): Promise<string> {
  const sent = await bot.slack.command(userId, text);
  expect(sent.status).toBe(200);
  const reply = await bot.double.waitForResponse(sent.responseUrl);
  expect(reply.response_type).toBe("ephemeral");
  return String(reply.text);
}

/** Pairs mentor and mentee, sets the aspiration, adds the milestones; returns their ids. */
async function roadmap(
  bot: TestBot,
  titles: string[],
): Promise<{ relationshipId: string; milestoneIds: string[] }> {
  expect(await say(bot, PEOPLE.admin, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`)).toContain(
    "is now mentoring",
  );
  await say(bot, PEOPLE.mentee, "goal Lead a platform team");
  for (const title of titles) await say(bot, PEOPLE.mentee, `milestone add ${title}`);
  const relationshipId =
    (await bot.db.relationships.findOpenBetween(PEOPLE.mentor, PEOPLE.mentee))?.id ?? "";
  const milestoneIds = (await bot.db.milestones.list(relationshipId)).map((m) => m.id);
  // The pairing introductions are out of the way before anything is scripted to fail.
  await notificationsDrained(bot);
  return { relationshipId, milestoneIds };
}

const postsIn = (bot: TestBot, channel: string) =>
  bot.double.calls("chat.postMessage").filter((c) => !c.failed && c.params.channel === channel);

const textOf = (call: RecordedCall | undefined) =>
  `${String(call?.params.text)} ${JSON.stringify(call?.params.blocks ?? [])}`;

const mentorMilestoneDms = (bot: TestBot) =>
  bot.double
    .dmsTo(PEOPLE.mentor)
    .filter((c) => String(c.params.text).includes("reached milestone"));

const waitForPost = (bot: TestBot, channel: string) =>
  bot.double.waitFor("chat.postMessage", (c) => !c.failed && c.params.channel === channel, WAIT_MS);

function buttonsOf(call: RecordedCall | undefined): Json[] {
  const blocks = (call?.params.blocks ?? []) as Array<{ elements?: Json[] }>;
  return blocks.flatMap((b) => b.elements ?? []).filter((e) => e.type === "button");
}

describe("the shout-out", () => {
  it("names the milestone, the aspiration (the mentee opted in) and the progress, thanks the mentor, and goes out once under double marking", async () => {
    const bot = await newBot();
    const { milestoneIds } = await roadmap(bot, [
      "Finish the AWS certification",
      "Give a talk",
      "Mentor an intern",
    ]);

    // The aspiration is named only because the mentee opted in (issue 11).
    await say(bot, PEOPLE.mentee, "celebrate aspiration on");
    // Marked twice at the same moment (two devices), then once more.
    const replies = await Promise.all([
      say(bot, PEOPLE.mentee, "done 1 Passed with 92%"),
      say(bot, PEOPLE.mentee, "done 1"),
    ]);
    expect(replies.join(" ")).toContain("Milestone 1 reached");
    expect(await say(bot, PEOPLE.mentee, "done 1")).toContain("already marked as reached");

    const post = await waitForPost(bot, WINS);
    await waitForDm(bot, PEOPLE.mentor, "reached milestone", WAIT_MS);
    await notificationsDrained(bot);

    expect(postsIn(bot, WINS)).toHaveLength(1);
    const said = textOf(post);
    expect(said).toContain(`<@${PEOPLE.mentee}>`);
    expect(said).toContain(`<@${PEOPLE.mentor}>`);
    expect(said).toMatch(/thank you/i);
    expect(said).toContain("Finish the AWS certification");
    expect(said).toContain("Lead a platform team");
    expect(said).toContain("1 of 3 milestones");
    expect(said).not.toContain("Roadmap complete");

    // The mentor's DM: where it was shared, and the Congratulate button for this milestone.
    const [dm, ...more] = mentorMilestoneDms(bot);
    expect(more).toEqual([]);
    expect(textOf(dm)).toContain(`<#${WINS}>`);
    expect(buttonsOf(dm)).toMatchObject([
      { action_id: "celebration.congratulate", value: milestoneIds[0] },
    ]);
  });

  it("names a person the milestone's title mentions as plain @name, pinging no one", async () => {
    const bot = await newBot();
    await roadmap(bot, []);
    // Olly is no partner of the mentee: the mention ending the title stays a word of it.
    await say(bot, PEOPLE.mentee, `milestone add Demo the design to ${at(PEOPLE.other, "olly")}`);
    await say(bot, PEOPLE.mentee, "done 1 Went well");
    const said = textOf(await waitForPost(bot, WINS));
    expect(said).toContain("Demo the design to @olly");
    expect(said).not.toContain(PEOPLE.other);
  });

  it("is not posted again when the milestone is un-marked and marked again, or its job is duplicated", async () => {
    const bot = await newBot();
    const { milestoneIds } = await roadmap(bot, ["Finish the AWS certification", "Give a talk"]);
    const [first = ""] = milestoneIds;

    await say(bot, PEOPLE.mentee, "done 1");
    await waitForPost(bot, WINS);
    await waitForDm(bot, PEOPLE.mentor, "reached milestone", WAIT_MS);
    await notificationsDrained(bot);

    // Un-mark, then mark again.
    expect(await say(bot, PEOPLE.mentee, "reopen 1")).toContain("is in progress again");
    expect((await bot.db.milestones.findById(first))?.status).toBe("in_progress");
    expect(await say(bot, PEOPLE.mentee, "reopen 1")).toContain("nothing to reopen");
    expect(await say(bot, PEOPLE.mentor, "done 1")).toContain("Milestone 1 reached");
    // And jobs BullMQ cannot recognise as duplicates (other ids): only the ledger stops them.
    await addNotificationJobs(
      bot,
      [1, 2, 3].map((copy) => ({
        name: "celebrations.post",
        data: { milestoneId: first },
        jobId: `duplicate-${copy}`,
      })),
    );
    await notificationsDrained(bot);

    expect(postsIn(bot, WINS)).toHaveLength(1);
    expect(mentorMilestoneDms(bot)).toHaveLength(1);
  });

  /** The celebration job of a later marking (BullMQ forgets a finished job's id after a day). */
  const celebrateAgain = (bot: TestBot, milestoneId: string) =>
    addNotificationJobs(bot, [
      { name: "celebrations.post", data: { milestoneId }, jobId: "a-later-marking" },
    ]);

  it("is not celebrated again when reopened and marked again a month later, after the purge", async () => {
    const bot = await newBot();
    const { milestoneIds } = await roadmap(bot, ["Finish the AWS certification"]);
    const [only = ""] = milestoneIds;
    await say(bot, PEOPLE.mentee, "done 1");
    await waitForPost(bot, WINS);
    await waitForDm(bot, PEOPLE.mentee, "every milestone", WAIT_MS);
    await notificationsDrained(bot);

    // The delivery ledger forgets what it sent after 30 days.
    bot.clock.advance(31 * 24 * 3600 * 1000);
    expect((await bot.purgeNow()).deliveries).toBeGreaterThan(0);
    expect(await say(bot, PEOPLE.mentee, "reopen 1")).toContain("is in progress again");
    expect(await say(bot, PEOPLE.mentee, "done 1")).toContain("reached");
    await celebrateAgain(bot, only);
    await notificationsDrained(bot);

    expect(postsIn(bot, WINS)).toHaveLength(1);
    expect(mentorMilestoneDms(bot)).toHaveLength(1);
    const nextAspiration = bot.double
      .dmsTo(PEOPLE.mentee)
      .filter((c) => textOf(c).includes("every milestone"));
    expect(nextAspiration).toHaveLength(1);
  });

  it("shared once, reopened and marked by the mentor: the mentee is not asked to share it again", async () => {
    const bot = await newBot();
    const { milestoneIds } = await roadmap(bot, ["Finish the AWS certification", "Give a talk"]);
    await say(bot, PEOPLE.mentee, "done 1");
    await waitForPost(bot, WINS);
    await notificationsDrained(bot);

    await say(bot, PEOPLE.mentee, "reopen 1");
    bot.clock.advance(60_000);
    expect(await say(bot, PEOPLE.mentor, "done 1")).toContain("Milestone 1 reached");
    await celebrateAgain(bot, milestoneIds[0] ?? "");
    await notificationsDrained(bot);

    expect(
      bot.double.dmsTo(PEOPLE.mentee).filter((c) => textOf(c).includes("Share it in")),
    ).toEqual([]);
    expect(postsIn(bot, WINS)).toHaveLength(1);
    expect(mentorMilestoneDms(bot)).toHaveLength(1);
  });

  it("kept private, reopened and marked by the mentee: still not posted", async () => {
    const bot = await newBot();
    const { milestoneIds } = await roadmap(bot, ["Finish the AWS certification", "Give a talk"]);
    const [first = ""] = milestoneIds;
    await say(bot, PEOPLE.mentor, "done 1");
    await waitForDm(bot, PEOPLE.mentee, `Share it in <#${WINS}>?`, WAIT_MS);
    const kept = await bot.slack.blockAction(PEOPLE.mentee, {
      actionId: "celebration.keep_private",
      value: first,
    });
    expect(String((await bot.double.waitForResponse(kept.responseUrl)).text)).toContain(
      "Kept private",
    );
    await notificationsDrained(bot);

    await say(bot, PEOPLE.mentee, "reopen 1");
    bot.clock.advance(60_000);
    await say(bot, PEOPLE.mentee, "done 1");
    await celebrateAgain(bot, first);
    await notificationsDrained(bot);

    expect(postsIn(bot, WINS)).toEqual([]);
    expect((await bot.db.milestones.findById(first))?.shareAnswer).toBe("keep_private");
  });

  it("is posted once when Slack answers 503 and the job is retried", async () => {
    const bot = await newBot();
    await roadmap(bot, ["Finish the AWS certification", "Give a talk"]);
    bot.double.failNext("chat.postMessage", { status: 503 });

    await say(bot, PEOPLE.mentee, "done 2");
    await waitForPost(bot, WINS);
    await waitForDm(bot, PEOPLE.mentor, "reached milestone", WAIT_MS);
    await notificationsDrained(bot);

    const attempts = bot.double.calls("chat.postMessage").filter((c) => c.params.channel === WINS);
    expect(attempts.map((c) => Boolean(c.failed))).toEqual([true, false]);
    expect(textOf(attempts[1])).toContain("Give a talk");
    expect(bot.logs.filter((line) => line.msg === "job failed, will retry")).toHaveLength(1);
    expect(mentorMilestoneDms(bot)).toHaveLength(1);
  });

  it("is posted once per milestone when two bots race on one queue, with duplicated jobs", async () => {
    const one = await newBot();
    const two = await newBot({
      MONGODB_URI: one.config.mongodbUri,
      QUEUE_PREFIX: one.config.queuePrefix,
      SLACK_API_URL: one.double.apiUrl,
    });
    const { milestoneIds } = await roadmap(one, ["Certification", "Talk", "Intern", "Blog post"]);
    const reached = milestoneIds.slice(0, 3);

    await Promise.all([
      say(one, PEOPLE.mentee, "done 1"),
      say(two, PEOPLE.mentee, "done 2"),
      say(one, PEOPLE.mentee, "done 3"),
    ]);
    await addNotificationJobs(
      one,
      reached.flatMap((milestoneId, i) =>
        [1, 2].map((copy) => ({
          name: "celebrations.post",
          data: { milestoneId },
          jobId: `race-${i}-${copy}`,
        })),
      ),
    );
    await one.double.waitFor("chat.postMessage", () => postsIn(one, WINS).length >= 3, WAIT_MS);
    await one.double.waitFor(
      "chat.postMessage",
      () => mentorMilestoneDms(one).length >= 3,
      WAIT_MS,
    );
    await notificationsDrained(one);

    const posts = postsIn(one, WINS);
    expect(posts).toHaveLength(3);
    for (const title of ["Certification", "Talk", "Intern"]) {
      expect(
        posts.filter((p) => textOf(p).includes(`*${title}*`)),
        title,
      ).toHaveLength(1);
    }
    expect(mentorMilestoneDms(one)).toHaveLength(3);
    expect(two.double.calls("chat.postMessage")).toEqual([]);
  });

  it("celebrates a milestone reached from the log-progress modal too", async () => {
    const bot = await newBot();
    const { relationshipId } = await roadmap(bot, ["Finish the AWS certification", "Give a talk"]);
    const firstId = (await bot.db.milestones.list(relationshipId))[0]?.id ?? "";
    const submitted = await bot.slack.viewSubmission(PEOPLE.mentee, {
      callbackId: "progress.log",
      privateMetadata: relationshipId,
      values: {
        milestone: { value: { type: "static_select", selected_option: { value: firstId } } },
        note: { value: { type: "plain_text_input", value: "Passed!" } },
        status: { value: { type: "static_select", selected_option: { value: "done" } } },
      },
    });
    expect(submitted.status).toBe(200);
    expect(textOf(await waitForPost(bot, WINS))).toContain("1 of 2 milestones");
  });
});

describe("the last milestone", () => {
  it("gets a bigger shout-out, and the mentee is asked for their next aspiration", async () => {
    const bot = await newBot();
    await roadmap(bot, ["Finish the AWS certification", "Give a talk"]);
    await say(bot, PEOPLE.mentee, "done 2");
    await waitForPost(bot, WINS);
    await say(bot, PEOPLE.mentee, "done 1");
    await bot.double.waitFor("chat.postMessage", () => postsIn(bot, WINS).length >= 2, WAIT_MS);
    const ask = await waitForDm(bot, PEOPLE.mentee, "every milestone", WAIT_MS);
    await notificationsDrained(bot);

    const [ordinary, big] = postsIn(bot, WINS);
    expect(textOf(ordinary)).not.toContain("Roadmap complete");
    expect(textOf(big)).toContain("Roadmap complete");
    expect(textOf(big)).toContain("last milestone");
    expect(textOf(big)).toContain("All 2 of 2 milestones");
    expect(textOf(big)).toContain("Finish the AWS certification");
    expect(textOf(big)).toContain(`<@${PEOPLE.mentor}>`);
    expect((big?.params.blocks as Json[] | undefined)?.[0]).toMatchObject({ type: "header" });
    expect(textOf(ask)).toContain("/mentor goal");
    // Only the completing milestone asks for a next aspiration.
    expect(
      bot.double.dmsTo(PEOPLE.mentee).filter((c) => textOf(c).includes("every milestone")),
    ).toHaveLength(1);
  });
});

describe("consent and settings", () => {
  it("private mode: the mentee's choice; no channel post, only the mentor's DM", async () => {
    const bot = await newBot();
    const { relationshipId } = await roadmap(bot, ["Finish the AWS certification", "Give a talk"]);

    expect(await say(bot, PEOPLE.mentor, "celebrate private")).toContain("Only the mentee");
    expect((await bot.db.relationships.findById(relationshipId))?.settings).toEqual({});
    expect(await say(bot, PEOPLE.mentee, "celebrate private")).toContain(
      "won't be posted in a channel",
    );
    expect((await bot.db.relationships.findById(relationshipId))?.settings).toEqual({
      celebrate: "private",
    });
    expect(await say(bot, PEOPLE.mentor, "celebrate")).toContain("*private*");

    await say(bot, PEOPLE.mentee, "done 1");
    const dm = await waitForDm(bot, PEOPLE.mentor, "reached milestone", WAIT_MS);
    await notificationsDrained(bot);
    expect(textOf(dm)).toContain("private");
    expect(postsIn(bot, WINS)).toEqual([]);
    expect(bot.double.calls("conversations.join")).toEqual([]);

    // Public again: the next milestone is shared.
    expect(await say(bot, PEOPLE.mentee, "celebrate public")).toContain(`<#${WINS}>`);
    await say(bot, PEOPLE.mentee, "done 2");
    await waitForPost(bot, WINS);
  });

  it("either person picks the channel with celebrate in #channel; bad channels are refused", async () => {
    const bot = await newBot();
    const { relationshipId } = await roadmap(bot, ["Finish the AWS certification"]);

    expect(await say(bot, PEOPLE.mentee, "celebrate")).toContain("(the program's channel)");
    expect(await say(bot, PEOPLE.mentee, "celebrate in wins")).toContain("Name one channel with #");
    expect(await say(bot, PEOPLE.other, "celebrate in <#CTEAM001|team>")).toContain(
      "No roadmap found",
    );
    // Only channels a program admin opened (issue 11).
    expect(await say(bot, PEOPLE.mentor, "celebrate in <#CTEAM001|team>")).toContain(
      "Shout-outs can go only to",
    );
    expect(await say(bot, PEOPLE.admin, "channels allow <#CTEAM001|team>")).toContain(
      "is now open",
    );
    expect(await say(bot, PEOPLE.mentor, "celebrate in <#CTEAM001|team>")).toContain(
      "posted in <#CTEAM001>",
    );
    expect((await bot.db.relationships.findById(relationshipId))?.settings).toEqual({
      celebrationChannelId: "CTEAM001",
    });
    expect(await say(bot, PEOPLE.mentee, "celebrate")).toContain("<#CTEAM001>");

    await say(bot, PEOPLE.mentee, "done 1");
    await waitForPost(bot, "CTEAM001");
    await notificationsDrained(bot);
    expect(postsIn(bot, WINS)).toEqual([]);
  });

  it("without any celebration channel, the mentor still hears and is told how to set one", async () => {
    const bot = await newBot({ CELEBRATION_CHANNEL_ID: "" });
    await roadmap(bot, ["Finish the AWS certification"]);
    await say(bot, PEOPLE.mentee, "done 1");
    const dm = await waitForDm(bot, PEOPLE.mentor, "reached milestone", WAIT_MS);
    expect(textOf(dm)).toContain("/mentor celebrate in #channel");
    await notificationsDrained(bot);
    expect(
      bot.double.calls("chat.postMessage").filter((c) => !String(c.params.channel).startsWith("D")),
    ).toEqual([]);
  });
});

describe("channel failures", () => {
  it("not_in_channel: joins the public channel and posts once", async () => {
    const bot = await newBot();
    await roadmap(bot, ["Finish the AWS certification", "Give a talk"]);
    bot.double.failNext("chat.postMessage", { error: "not_in_channel" });

    await say(bot, PEOPLE.mentee, "done 1");
    await waitForPost(bot, WINS);
    const dm = await waitForDm(bot, PEOPLE.mentor, "reached milestone", WAIT_MS);
    await notificationsDrained(bot);

    expect(bot.double.calls("conversations.join").map((c) => c.params.channel)).toEqual([WINS]);
    const attempts = bot.double.calls("chat.postMessage").filter((c) => c.params.channel === WINS);
    expect(attempts.map((c) => c.failed?.error ?? "ok")).toEqual(["not_in_channel", "ok"]);
    expect(textOf(dm)).toContain(`shared the good news in <#${WINS}>`);
    expect(bot.double.dmsTo(PEOPLE.admin)).toEqual([]);
  });

  it("when joining fails (a private channel), the mentor and the admins are told, and nothing is posted", async () => {
    const bot = await newBot();
    const { milestoneIds } = await roadmap(bot, ["Finish the AWS certification", "Give a talk"]);
    await say(bot, PEOPLE.admin, "channels allow <#GSECRET1|>");
    expect(await say(bot, PEOPLE.mentee, "celebrate in <#GSECRET1|>")).toContain("<#GSECRET1>");
    bot.double.failNext("chat.postMessage", { error: "not_in_channel" });
    bot.double.failNext("conversations.join", { error: "method_not_supported_for_channel_type" });

    await say(bot, PEOPLE.mentee, "done 1");
    const dm = await waitForDm(bot, PEOPLE.mentor, "reached milestone", WAIT_MS);
    const admin = await waitForDm(bot, PEOPLE.admin, "couldn't post", WAIT_MS);
    await notificationsDrained(bot);

    expect(postsIn(bot, "GSECRET1")).toEqual([]);
    expect(textOf(dm)).toContain("couldn't post the shout-out in <#GSECRET1>");
    // Plain words, never Slack's raw error code.
    expect(textOf(dm)).toContain("I'm not a member of that channel");
    expect(textOf(dm)).not.toContain("not_in_channel");
    expect(buttonsOf(dm)).toMatchObject([{ value: milestoneIds[0] }]);
    expect(textOf(admin)).toContain("I'm not a member of that channel");
    expect(textOf(admin)).not.toContain("not_in_channel");
    expect(textOf(admin)).toContain("/invite");
    expect(textOf(admin)).toContain(`<@${PEOPLE.mentee}>`);
    expect(textOf(admin)).toContain(`I've told <@${PEOPLE.mentor}> by DM`);
    // The fix an admin outside the pair can run as written: it names the mentee.
    expect(textOf(admin)).toContain(`/mentor celebrate in #channel <@${PEOPLE.mentee}>`);
    // The fallback is a decision, not a failure: no job failed, so nothing retries it.
    expect(bot.logs.filter((line) => line.msg === "job failed, will retry")).toEqual([]);
    expect(await bot.db.failedJobs.latest(10)).toEqual([]);
  });

  it("with no program admins, a failed post tells the mentor what to do, not that admins were told", async () => {
    const bot = await newBot({ ADMIN_USER_IDS: "" });
    // An admin sets the pair and the channel up, then steps down: no admins are left.
    await bot.db.admins.add(PEOPLE.admin, PEOPLE.admin, bot.clock.now());
    await roadmap(bot, ["Finish the AWS certification", "Give a talk"]);
    await say(bot, PEOPLE.admin, "channels allow <#GSECRET1|>");
    await bot.db.admins.remove(PEOPLE.admin);
    await say(bot, PEOPLE.mentee, "celebrate in <#GSECRET1|>");
    const adminDmsBefore = bot.double.dmsTo(PEOPLE.admin).length;
    bot.double.failNext("chat.postMessage", { error: "not_in_channel" });
    bot.double.failNext("conversations.join", { error: "method_not_supported_for_channel_type" });

    await say(bot, PEOPLE.mentee, "done 1");
    const dm = await waitForDm(bot, PEOPLE.mentor, "reached milestone", WAIT_MS);
    await notificationsDrained(bot);

    expect(postsIn(bot, "GSECRET1")).toEqual([]);
    expect(textOf(dm)).toContain("couldn't post the shout-out in <#GSECRET1>");
    expect(textOf(dm)).not.toContain("told the program admins");
    expect(textOf(dm)).toContain("no program admins to tell");
    expect(textOf(dm)).toContain("/mentor celebrate in #channel");
    expect(bot.double.dmsTo(PEOPLE.admin)).toHaveLength(adminDmsBefore);
  });

  it("after the mentee's Share, a post that fails is told to the mentee, and the admins hear so", async () => {
    const bot = await newBot();
    const { milestoneIds } = await roadmap(bot, ["Finish the AWS certification", "Give a talk"]);
    await say(bot, PEOPLE.admin, "channels allow <#GSECRET1|>");
    await say(bot, PEOPLE.mentee, "celebrate in <#GSECRET1|>");
    await say(bot, PEOPLE.mentor, "done 1");
    await waitForDm(bot, PEOPLE.mentee, "Share it in <#GSECRET1>?", WAIT_MS);
    await waitForDm(bot, PEOPLE.mentor, "reached milestone", WAIT_MS);
    await notificationsDrained(bot);
    bot.double.failNext("chat.postMessage", { error: "not_in_channel" });
    bot.double.failNext("conversations.join", { error: "method_not_supported_for_channel_type" });

    const shared = await bot.slack.blockAction(PEOPLE.mentee, {
      actionId: "celebration.share",
      value: milestoneIds[0] ?? "",
    });
    const reply = String((await bot.double.waitForResponse(shared.responseUrl)).text);
    expect(reply).toContain("I'll share it in <#GSECRET1>");
    expect(reply).not.toContain("Shared");
    const told = await waitForDm(bot, PEOPLE.mentee, "couldn't share", WAIT_MS);
    const admin = await waitForDm(bot, PEOPLE.admin, "couldn't post", WAIT_MS);
    await notificationsDrained(bot);

    expect(postsIn(bot, "GSECRET1")).toEqual([]);
    expect(textOf(told)).toContain("Finish the AWS certification");
    expect(textOf(told)).toContain("I'm not a member of that channel");
    expect(textOf(admin)).toContain(`I've told <@${PEOPLE.mentee}> by DM`);
    expect(textOf(admin)).not.toContain("mentor by DM");
    // The mentor heard once, when the milestone was reached.
    expect(mentorMilestoneDms(bot)).toHaveLength(1);
  });
});

describe("the mentor's congratulation", () => {
  async function reached(bot: TestBot) {
    const { milestoneIds } = await roadmap(bot, ["Finish the AWS certification", "Give a talk"]);
    await say(bot, PEOPLE.mentee, "done 1");
    const dm = await waitForDm(bot, PEOPLE.mentor, "reached milestone", WAIT_MS);
    return { milestoneId: milestoneIds[0] ?? "", dm };
  }

  const press = (bot: TestBot, userId: string, milestoneId: string) =>
    bot.slack.blockAction(userId, {
      actionId: "celebration.congratulate",
      value: milestoneId,
      blockId: `celebration_${milestoneId}`,
    });

  const values = (note: string, nextStep: string) => ({
    note: { value: { type: "plain_text_input", value: note } },
    next_step: { value: { type: "plain_text_input", value: nextStep } },
  });

  it("the button opens a modal; the note and next step reach the mentee, once per submission", async () => {
    const bot = await newBot();
    const { milestoneId } = await reached(bot);

    expect((await press(bot, PEOPLE.mentor, milestoneId)).status).toBe(200);
    const opened = await bot.double.waitFor("views.open");
    expect(opened.params.view).toMatchObject({
      callback_id: "celebration.congratulate",
      private_metadata: milestoneId,
    });

    // An empty note is refused on the form, and nothing is sent.
    const empty = await bot.slack.viewSubmission(PEOPLE.mentor, {
      callbackId: "celebration.congratulate",
      values: values("", ""),
    });
    expect(empty.json).toMatchObject({
      response_action: "errors",
      errors: { note: expect.stringContaining("Please add a note") },
    });

    const submission = {
      callbackId: "celebration.congratulate",
      values: values(
        "So proud of you!\nThe prep paid off.",
        "Share what you learned in a lunch talk",
      ),
    };
    const sent = await bot.slack.viewSubmission(PEOPLE.mentor, submission);
    expect(sent.status).toBe(200);
    expect(sent.json).toBeUndefined();
    const note = await waitForDm(bot, PEOPLE.mentee, "congratulates you", WAIT_MS);
    expect(textOf(note)).toContain("So proud of you!");
    expect(textOf(note)).toContain("Share what you learned in a lunch talk");
    expect(textOf(note)).toContain(`<@${PEOPLE.mentor}>`);
    expect(textOf(note)).toContain("Finish the AWS certification");

    // The same submission delivered twice is one DM.
    await bot.slack.viewSubmission(PEOPLE.mentor, submission);
    const congratulations = bot.double
      .dmsTo(PEOPLE.mentee)
      .filter((c) => String(c.params.text).includes("congratulates you"));
    expect(congratulations).toHaveLength(1);
    expect((await bot.db.audit.listFor(milestoneId)).map((a) => a.action)).toContain(
      "celebration.congratulated",
    );
  });

  it("only the mentor may congratulate through the button", async () => {
    const bot = await newBot();
    const { milestoneId } = await reached(bot);

    const byMentee = await press(bot, PEOPLE.mentee, milestoneId);
    const refusal = await bot.double.waitForResponse(byMentee.responseUrl);
    expect(String(refusal.text)).toContain("Only the mentor");

    const byOther = await press(bot, PEOPLE.other, milestoneId);
    expect(String((await bot.double.waitForResponse(byOther.responseUrl)).text)).toContain(
      "No roadmap found",
    );
    expect(bot.double.calls("views.open")).toEqual([]);

    const forged = await bot.slack.viewSubmission(PEOPLE.mentee, {
      callbackId: "celebration.congratulate",
      privateMetadata: milestoneId,
      values: values("Well done me", ""),
    });
    expect(forged.json).toMatchObject({ response_action: "errors" });
    expect(
      bot.double
        .dmsTo(PEOPLE.mentee)
        .filter((c) => String(c.params.text).includes("congratulates")),
    ).toEqual([]);
  });
});
