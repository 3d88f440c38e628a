import type { View } from "@slack/types";
import type { FeedbackSubject } from "../../domain/feedback.service.js";
import { LIMITS } from "../../domain/input-rules.js";
import { mention } from "../commands/mention.js";
import { context } from "../messages/blocks.js";
import { escapeMrkdwn } from "../messages/escape.js";
import { staticSelect, textInput } from "./modal-fields.js";
import { formModal } from "./modal-view.js";

export const FEEDBACK_CALLBACK = "feedback.submit";
export const FEEDBACK_FIELDS = ["wentWell", "toImprove", "rating", "nextStep"] as const;

/** "Give feedback": what went well, what to improve, an optional 1–5 rating and next step. */
export function feedbackModal(
  subject: FeedbackSubject,
  about: { recipientId: string; topic: string },
): View {
  return formModal({
    callbackId: FEEDBACK_CALLBACK,
    metadata: JSON.stringify(subject),
    title: "Give feedback",
    submit: "Send",
    blocks: [
      context(
        `For ${mention(about.recipientId)} on *${escapeMrkdwn(about.topic)}*. They'll see your name with it.`,
      ),
      textInput("wentWell", "What went well", {
        multiline: true,
        optional: true,
        max: LIMITS.note,
      }),
      textInput("toImprove", "What to improve", {
        multiline: true,
        optional: true,
        max: LIMITS.note,
      }),
      staticSelect(
        "rating",
        "Rating",
        [1, 2, 3, 4, 5].map((n) => ({ text: `${"★".repeat(n)} ${n}`, value: String(n) })),
        true,
      ),
      textInput("nextStep", "A next step", {
        multiline: true,
        optional: true,
        max: LIMITS.note,
      }),
    ],
  });
}

/** Reads the modal's metadata back; anything else (a forged value) is no subject at all. */
export function parseFeedbackSubject(metadata: string): FeedbackSubject | null {
  try {
    const value = JSON.parse(metadata) as Record<string, unknown>;
    if (typeof value.requestId === "string") return { requestId: value.requestId };
    if (typeof value.relationshipId === "string" && typeof value.topic === "string") {
      return { relationshipId: value.relationshipId, topic: value.topic };
    }
  } catch {
    // Not JSON: fall through.
  }
  return null;
}
