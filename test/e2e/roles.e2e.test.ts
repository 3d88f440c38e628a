import { afterEach, describe, expect, it } from "vitest";
import { at, PEOPLE, startTestBot, type TestBot } from "../support/test-bot.js";

const running: TestBot[] = [];
afterEach(async () => {
  for (const bot of running.splice(0)) await bot.stop();
});

describe("web and worker as separate processes (ROLE)", () => {
  it("a web-only replica takes the command and a worker-only replica sends the DMs", async () => {
    const web = await startTestBot({ ROLE: "web" });
    running.push(web);
    const sent = await web.slack.command(
      PEOPLE.admin,
      `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`,
    );
    expect(String((await web.double.waitForResponse(sent.responseUrl)).text)).toContain(
      "is now mentoring",
    );

    // No worker yet: the introductions wait in the queue, nothing is lost.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(web.double.calls("chat.postMessage")).toHaveLength(0);

    const worker = await startTestBot({
      ROLE: "worker",
      MONGODB_URI: web.config.mongodbUri,
      QUEUE_PREFIX: web.config.queuePrefix,
      SLACK_API_URL: web.double.apiUrl,
    });
    running.push(worker);
    await web.double.waitForCalls("chat.postMessage", 2, 8_000);
    expect(web.double.dmsTo(PEOPLE.mentor)).toHaveLength(1);
    expect(web.double.dmsTo(PEOPLE.mentee)).toHaveLength(1);

    // The worker serves no Slack requests, only health.
    const refused = await fetch(`${worker.appUrl}/slack/events`, { method: "POST", body: "x" });
    expect(refused.status).toBe(404);
    expect((await fetch(`${worker.appUrl}/readyz`)).status).toBe(200);
  });
});
