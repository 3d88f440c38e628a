import type { View } from "@slack/types";
import { LIMITS } from "../../domain/input-rules.js";
import type { Roadmap } from "../../domain/roadmap.js";
import { section } from "../messages/blocks.js";
import { staticSelect, textInput } from "./modal-fields.js";

export const LOG_PROGRESS_CALLBACK = "progress.log";

/** "Log progress": which milestone, a note, and optionally "this is done". */
export function logProgressModal(roadmap: Roadmap): View {
  const open = roadmap.milestones
    .map((m, i) => ({ m, number: i + 1 }))
    .filter(({ m }) => m.status !== "done");
  if (open.length === 0) {
    return {
      type: "modal",
      title: { type: "plain_text", text: "Log progress" },
      close: { type: "plain_text", text: "Close" },
      blocks: [section("There are no open milestones to log progress on. Add one first.")],
    } as View;
  }
  return {
    type: "modal",
    callback_id: LOG_PROGRESS_CALLBACK,
    private_metadata: roadmap.relationshipId,
    title: { type: "plain_text", text: "Log progress" },
    submit: { type: "plain_text", text: "Log" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      staticSelect(
        "milestone",
        "Milestone",
        open.map(({ m, number }) => ({ text: `${number}. ${m.title}`, value: String(number) })),
      ),
      textInput("note", "What happened?", { multiline: true, max: LIMITS.note }),
      staticSelect(
        "status",
        "New status (optional)",
        [
          { text: "In progress", value: "in_progress" },
          { text: "Done: milestone reached", value: "done" },
        ],
        true,
      ),
    ],
  } as View;
}
