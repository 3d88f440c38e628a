import type { View } from "@slack/types";
import type { Checkin } from "../../domain/checkin.js";
import { LIMITS } from "../../domain/input-rules.js";
import type { Roadmap } from "../../domain/roadmap.js";
import { section } from "../messages/blocks.js";
import { staticSelect, textInput } from "./modal-fields.js";

export const CHECKIN_PROGRESS_CALLBACK = "checkin.progress";

/** The check-in's "Log progress": milestone, note, optional new status. Metadata: the check-in id. */
export function checkinProgressModal(checkin: Checkin, roadmap: Roadmap): View {
  const open = roadmap.milestones
    .map((m, i) => ({ m, number: i + 1 }))
    .filter(({ m }) => m.status !== "done");
  if (open.length === 0) {
    return {
      type: "modal",
      title: { type: "plain_text", text: "Log progress" },
      close: { type: "plain_text", text: "Close" },
      blocks: [
        section("There are no open milestones yet. Add one with `/mentor milestone add <title>`."),
      ],
    } as View;
  }
  return {
    type: "modal",
    callback_id: CHECKIN_PROGRESS_CALLBACK,
    private_metadata: checkin.id,
    title: { type: "plain_text", text: "Log progress" },
    submit: { type: "plain_text", text: "Send" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      staticSelect(
        "milestone",
        "Milestone",
        open.map(({ m, number }) => ({ text: `${number}. ${m.title}`, value: String(number) })),
      ),
      textInput("note", "What happened? Any blockers?", { multiline: true, max: LIMITS.note }),
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
