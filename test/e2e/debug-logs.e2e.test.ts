// Issue 11: at LOG_LEVEL=debug the WebClient logs every call's arguments and result (and Socket
// Mode every envelope). Notes, feedback and message text people wrote must not reach the logs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pairAsAdmin, say, waitForDm } from "../support/mentor-commands.js";
import { notificationsDrained } from "../support/queue-drain.js";
import { at, PEOPLE, startTestBot, type TestBot } from "../support/test-bot.js";

const NOTE = "Secret-note-7f3a about my health";
const FEEDBACK = "Secret-feedback-91bd on the demo";
const TOPIC = "Secret-topic-c04e";

let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot({ LOG_LEVEL: "debug" });
});
afterAll(async () => {
  await bot.stop();
});

const text = (value: string) => ({ value: { type: "plain_text_input", value } });

describe("debug logs", () => {
  it("hide notes, feedback and message text, in requests and in Slack calls", async () => {
    await pairAsAdmin(bot);
    await say(bot, PEOPLE.mentee, "milestone add Finish the AWS certification");
    expect(await say(bot, PEOPLE.mentee, `log 1 ${NOTE}`)).toContain("Progress logged");

    await bot.slack.command(PEOPLE.mentor, `feedback give ${at(PEOPLE.mentee)} ${TOPIC}`);
    await bot.double.waitFor("views.open");
    await bot.slack.viewSubmission(PEOPLE.mentor, {
      callbackId: "feedback.submit",
      values: {
        wentWell: text(FEEDBACK),
        toImprove: text(""),
        rating: { value: { type: "static_select", selected_option: null } },
        nextStep: text(""),
      },
    });
    const delivered = await waitForDm(bot, PEOPLE.mentee, "Feedback from");
    expect(JSON.stringify(delivered.params.blocks)).toContain(FEEDBACK);
    await notificationsDrained(bot);

    // Debug logging really was on, request bodies and Slack calls included...
    const debug = bot.logs.filter((line) => line.level === 20).map((line) => String(line.msg));
    expect(debug.some((msg) => msg.includes("http request body"))).toBe(true);
    expect(debug.some((msg) => msg.includes("apiCall('chat.postMessage')"))).toBe(true);
    // ...and none of what people wrote is in any line.
    const all = JSON.stringify(bot.logs);
    for (const secret of ["Secret-note-7f3a", "Secret-feedback-91bd", "Secret-topic-c04e"]) {
      expect(all, secret).not.toContain(secret);
    }
  });
});
