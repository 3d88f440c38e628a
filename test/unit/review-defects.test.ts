// Issue 11, defects found in review that show in what the bot says.
import type { View } from "@slack/types";
import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/domain/errors.js";
import type { Roadmap } from "../../src/domain/roadmap.js";
import { createLogger } from "../../src/logger.js";
import { replySafely } from "../../src/slack/listeners/reply-safely.js";
import { viewErrors } from "../../src/slack/listeners/views/view-errors.js";
import { congratulateModal } from "../../src/slack/views/congratulate-modal.view.js";
import { feedbackModal } from "../../src/slack/views/feedback-modal.view.js";
import { addMilestoneModal } from "../../src/slack/views/milestone-modal.view.js";
import { logProgressModal } from "../../src/slack/views/progress-modal.view.js";

const silent = createLogger("silent");
const NOW = new Date("2027-01-01T00:00:00Z");
const roadmap: Roadmap = {
  relationshipId: "r1",
  mentorId: "UMENTOR1",
  menteeId: "UMENTEE1",
  goal: null,
  milestones: [
    {
      id: "m".repeat(24),
      relationshipId: "r1",
      position: 1,
      title: "Give a talk",
      description: "",
      dueDate: null,
      status: "planned",
      doneAt: null,
      latestNote: null,
      createdAt: NOW,
    },
  ],
};

function inputs(view: View): Array<{ optional?: boolean; label: { text: string } }> {
  return (
    view.blocks as Array<{ type: string; optional?: boolean; label: { text: string } }>
  ).filter((b) => b.type === "input");
}

describe("labels", () => {
  it("no input says (optional): Slack already marks optional inputs", () => {
    const views = [
      feedbackModal({ requestId: "f1" }, { recipientId: "U1", topic: "Demo" }),
      logProgressModal(roadmap),
      addMilestoneModal("r1"),
      congratulateModal(roadmap.milestones[0] as never, "UMENTEE1"),
    ];
    const labels = views.flatMap(inputs);
    expect(labels.some((b) => b.optional)).toBe(true);
    for (const b of labels) expect(b.label.text).not.toMatch(/optional/i);
  });
});

describe("the generic error reply", () => {
  it("does not claim nothing was changed when work failed midway", async () => {
    const reply = await replySafely(silent, {}, async () => {
      throw new Error("MongoDB went away after the first write");
    });
    expect(reply.text).toContain("something went wrong on my side");
    expect(reply.text).not.toContain("nothing was changed");
  });
});

describe("modal errors", () => {
  it("name a person with a mention, never a raw @U123ABC id", () => {
    const errors = viewErrors(
      new DomainError("bot_user", { userId: "U123ABC", field: "note" }),
      "note",
      ["note"],
      silent,
    ).errors;
    expect(errors.note).toContain("<@U123ABC>");
    expect(errors.note).not.toMatch(/(^|[^<])@U123ABC/);
  });
});
