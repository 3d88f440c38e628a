import type { RespondArguments } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { answerInAck } from "../../src/slack/listeners/commands/answer-in-ack.js";

type Reply = RespondArguments | null;

/** What the person sees: the ack's body and every response_url post, in order. */
function recorder() {
  const seen: Array<{ via: "ack" | "respond"; body: RespondArguments | undefined }> = [];
  return {
    seen,
    ack: async (body?: RespondArguments) => void seen.push({ via: "ack", body }),
    respond: async (body: RespondArguments) => void seen.push({ via: "respond", body }),
  };
}

const reply = { response_type: "ephemeral", text: "Here is your roadmap" } as const;

describe("answerInAck", () => {
  it("puts a reply that is ready in time in the ack body, and posts nothing", async () => {
    const r = recorder();
    await answerInAck(Promise.resolve<Reply>(reply), r.ack, r.respond);
    expect(r.seen).toEqual([{ via: "ack", body: reply }]);
  });

  it("acks empty when the answer was a modal (no reply)", async () => {
    const r = recorder();
    await answerInAck(Promise.resolve<Reply>(null), r.ack, r.respond);
    expect(r.seen).toEqual([{ via: "ack", body: undefined }]);
  });

  it("acks empty when the reply is late, then posts it to response_url once ready", async () => {
    const r = recorder();
    let finish: (value: Reply) => void = () => {};
    const work = new Promise<Reply>((resolve) => {
      finish = resolve;
    });
    const answered = answerInAck(work, r.ack, r.respond, 1);
    // The reply is only finished once the empty ack went out.
    while (r.seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(r.seen).toEqual([{ via: "ack", body: undefined }]);
    finish(reply);
    await answered;
    expect(r.seen).toEqual([
      { via: "ack", body: undefined },
      { via: "respond", body: reply },
    ]);
  });
});
