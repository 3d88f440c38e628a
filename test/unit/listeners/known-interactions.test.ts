import { App, LogLevel } from "@slack/bolt";
import { describe, expect, it, vi } from "vitest";
import { KnownInteractions } from "../../../src/slack/listeners/interactions/known-interactions.js";

// Buttons and forms registered by id reach Bolt as one listener each (known-interactions.ts):
// each request must still reach exactly the listener of its id, and nothing else.
function boltApp(): App {
  return new App({
    authorize: async () => ({ botToken: "xoxb-test-not-real", botId: "B1", botUserId: "UBOT" }),
    signingSecret: "not-used-without-a-receiver",
    logLevel: LogLevel.ERROR,
  });
}

const button = (actionId: string) => ({
  type: "block_actions",
  team: { id: "T1" },
  user: { id: "U1" },
  actions: [{ type: "button", action_id: actionId, block_id: "b1", value: "v" }],
});

const form = (callbackId: string, type = "view_submission") => ({
  type,
  team: { id: "T1" },
  user: { id: "U1" },
  view: { id: "V1", callback_id: callbackId, state: { values: {} } },
});

async function deliver(app: App, body: Record<string, unknown>): Promise<void> {
  await app.processEvent({ body, ack: async () => {} } as unknown as Parameters<
    App["processEvent"]
  >[0]);
}

describe("buttons and forms routed by id", () => {
  it("hands a button or a form to the listener of its id alone", async () => {
    const bolt = boltApp();
    const known = new KnownInteractions();
    const app = known.recording(bolt);
    const calls: string[] = [];
    app.action("accept", async ({ action }) => void calls.push(`accept ${action.type}`));
    app.action("decline.v2", async () => void calls.push("decline"));
    app.view("feedback_form", async ({ view }) => void calls.push(`form ${view.id}`));
    known.mount(bolt);

    await deliver(bolt, button("accept"));
    await deliver(bolt, button("decline.v2"));
    await deliver(bolt, button("declinexv2"));
    await deliver(bolt, form("feedback_form"));
    await deliver(bolt, form("feedback_form", "view_closed"));
    await deliver(bolt, form("other_form"));

    expect(calls).toEqual(["accept button", "decline", "form V1"]);
    expect(known.hasAction("accept", "b1")).toBe(true);
    expect(known.hasAction("other", "b1")).toBe(false);
    expect(known.hasView("feedback_form")).toBe(true);
  });

  it("a listener's failure still reaches Bolt's error handler", async () => {
    const bolt = boltApp();
    const failures = vi.fn(async () => {});
    bolt.error(failures);
    const known = new KnownInteractions();
    known.recording(bolt).action("broken", async () => {
      throw new Error("listener failed");
    });
    known.mount(bolt);

    await deliver(bolt, button("broken"));

    expect(failures).toHaveBeenCalledOnce();
  });

  it("refuses a second listener for the same id at start-up", () => {
    const known = new KnownInteractions();
    const app = known.recording(boltApp());
    app.action("accept", async () => {});
    expect(() => app.action("accept", async () => {})).toThrow(/two listeners/);
  });
});
