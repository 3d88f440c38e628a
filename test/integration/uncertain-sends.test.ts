// A send whose answer never came (a timeout, a dropped connection, a 5xx after Slack may have
// accepted it) is not known to have failed: its retry looks in the conversation before posting.
import { WebClient } from "@slack/web-api";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Database } from "../../src/db/database.js";
import { DirectMessenger } from "../../src/slack/direct-messenger.js";
import { SlackMethodBusyError } from "../../src/slack/paced-web-client.js";
import { testMongoUri, uniqueName } from "../support/isolation.js";
import { SlackDouble } from "../support/slack-double.js";
import { BOT_TOKEN } from "../support/test-bot.js";
import { TestClock } from "../support/test-clock.js";

let database: Database;
let double: SlackDouble;
let messenger: DirectMessenger;
const clock = new TestClock();
const userId = "UUNSURE01";
const message = { text: "Hello once" };

beforeAll(async () => {
  database = await Database.connect(testMongoUri(uniqueName("uncertain")));
  double = await SlackDouble.start();
  double.useClock(() => clock.now().getTime());
  // A short timeout: the held answer below is a connection that never answers.
  const client = new WebClient(BOT_TOKEN, {
    slackApiUrl: double.apiUrl,
    retryConfig: { retries: 0 },
    timeout: 2_000,
  });
  messenger = new DirectMessenger(client, database.deliveries, clock);
});
afterAll(async () => {
  await double?.close();
  await database?.close();
});
beforeEach(() => double.reset());

describe("a DM whose send failed without Slack's answer", () => {
  it("is looked for before the retry posts: one message, not two", async () => {
    const k = uniqueName("dm");
    const held = double.holdAccepted("chat.postMessage");
    const first = messenger.sendOnce(k, userId, message);
    const answer = await held; // Slack has the message...
    await expect(first).rejects.toThrow(); // ...but its answer never came
    answer();

    const receipt = await messenger.sendOnce(k, userId, message);
    expect(double.dmsTo(userId)).toHaveLength(1);
    expect(receipt?.ts).toBe(String(double.dmsTo(userId)[0]?.response.ts));
    expect(double.calls("conversations.history")).toHaveLength(1);
  });

  it("a refusal Slack answered is retried without looking: nothing was posted", async () => {
    const k = uniqueName("dm");
    double.failNext("chat.postMessage", { error: "restricted_action" });
    await expect(messenger.sendOnce(k, userId, message)).rejects.toThrow();

    await messenger.sendOnce(k, userId, message);
    expect(double.dmsTo(userId)).toHaveLength(1);
    expect(double.calls("conversations.history")).toEqual([]);
  });

  it("a send the pacer held back (nothing reached Slack) is retried without looking", async () => {
    const k = uniqueName("dm");
    // The pacer refuses before calling, as PacedWebClient does while a method is on hold.
    class HeldOnce extends WebClient {
      private held = true;
      override async apiCall(method: string, options?: Record<string, unknown>) {
        if (method === "chat.postMessage" && this.held) {
          this.held = false;
          throw new SlackMethodBusyError("chat.postMessage", 1_000);
        }
        return super.apiCall(method, options);
      }
    }
    const paced = new DirectMessenger(
      new HeldOnce(BOT_TOKEN, { slackApiUrl: double.apiUrl, retryConfig: { retries: 0 } }),
      database.deliveries,
      clock,
    );
    await expect(paced.sendOnce(k, userId, message)).rejects.toThrow(SlackMethodBusyError);

    await paced.sendOnce(k, userId, message);
    expect(double.dmsTo(userId)).toHaveLength(1);
    expect(double.calls("conversations.history")).toEqual([]);
  });

  it("a skip (withhold) in between keeps the look: the retry still finds it, no second DM", async () => {
    const k = uniqueName("dm");
    const held = double.holdAccepted("chat.postMessage");
    const first = messenger.sendOnce(k, userId, message);
    const answer = await held;
    await expect(first).rejects.toThrow();
    answer();
    // Later than the look-back's margin: the retry must look from the send's own claim.
    clock.advance(10 * 60_000);

    expect(await messenger.withhold(k)).toBe(false);
    await messenger.sendOnce(k, userId, message);
    expect(double.dmsTo(userId)).toHaveLength(1);
  });
});
