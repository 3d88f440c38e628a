import type { View } from "@slack/types";
import { LIMITS } from "../../domain/input-rules.js";
import type { Milestone } from "../../domain/roadmap.js";
import { mention } from "../commands/mention.js";
import { section } from "../messages/blocks.js";
import { escapeMrkdwn } from "../messages/escape.js";
import { textInput } from "./modal-fields.js";
import { formModal } from "./modal-view.js";

export const CONGRATULATE_CALLBACK = "celebration.congratulate";

/** The mentor's note to the mentee, and a suggested next step. Metadata: the milestone id. */
export function congratulateModal(milestone: Milestone, menteeId: string): View {
  return formModal({
    callbackId: CONGRATULATE_CALLBACK,
    metadata: milestone.id,
    title: "Congratulate",
    submit: "Send",
    blocks: [
      section(
        `${mention(menteeId)} reached *${escapeMrkdwn(milestone.title)}*. Your note goes to them as a DM.`,
      ),
      textInput("note", "Your congratulations", {
        multiline: true,
        max: LIMITS.note,
        placeholder: "Well done! All that exam prep paid off.",
      }),
      textInput("next_step", "Suggested next step", {
        multiline: true,
        optional: true,
        max: LIMITS.note,
        placeholder: "Share what you learned with the team in a lunch talk",
      }),
    ],
  });
}
