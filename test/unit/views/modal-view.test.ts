import { describe, expect, it } from "vitest";
import { formModal, noticeModal } from "../../../src/slack/views/modal-view.js";
import { viewProblems } from "../../support/block-kit-limits.js";

const section = { type: "section", text: { type: "mrkdwn", text: "Hello" } };

describe("the modal shell", () => {
  it("opens with a title and buttons too long for Slack, cut to fit with an ellipsis", () => {
    const view = formModal({
      callbackId: "cb",
      metadata: "R1",
      title: "Congratulate your mentee on a milestone",
      submit: "Send my congratulations to them",
      close: "Not now, maybe later on today",
      blocks: [section],
    });
    expect(viewProblems(view)).toEqual([]);
    expect(view.title.text).toBe("Congratulate your mente…");
    expect(view.submit?.text).toHaveLength(24);
    expect(view.close?.text).toMatch(/…$/);
  });

  it("carries the callback and metadata, and offers Cancel unless told otherwise", () => {
    const view = formModal({
      callbackId: "feedback.give",
      metadata: '{"requestId":"F1"}',
      title: "Give feedback",
      submit: "Send",
      blocks: [section],
    });
    expect(view).toMatchObject({
      type: "modal",
      callback_id: "feedback.give",
      private_metadata: '{"requestId":"F1"}',
      title: { type: "plain_text", text: "Give feedback" },
      submit: { type: "plain_text", text: "Send" },
      close: { type: "plain_text", text: "Cancel" },
      blocks: [section],
    });
  });

  it("a notice has no submit button, only Close", () => {
    const view = noticeModal("Form out of date", [section]);
    expect(view.submit).toBeUndefined();
    expect(view.callback_id).toBeUndefined();
    expect(view.close?.text).toBe("Close");
    expect(viewProblems(view)).toEqual([]);
  });
});
