import type { View } from "@slack/types";
import { LIMITS } from "../../domain/input-rules.js";
import type { Roadmap } from "../../domain/roadmap.js";
import { section } from "../messages/blocks.js";
import { ALL_REACHED } from "../messages/checkin.messages.js";
import { staticSelect, textInput } from "./modal-fields.js";
import { formModal, noticeModal } from "./modal-view.js";

export interface ProgressFormOptions {
  callbackId: string;
  privateMetadata: string;
  noteLabel: string;
  submitLabel: string;
}

/**
 * The "Log progress" form, from App Home or from a check-in: which open
 * milestone (shown by number, carried by id), a note, and optionally "reached".
 * With no open milestone it says so instead of showing an empty list.
 */
export function progressFormModal(roadmap: Roadmap, options: ProgressFormOptions): View {
  const open = roadmap.milestones
    .map((milestone, i) => ({ milestone, number: i + 1 }))
    .filter(({ milestone }) => milestone.status !== "done");
  if (open.length === 0) {
    return noticeModal("Log progress", [
      section(
        roadmap.milestones.length > 0
          ? ALL_REACHED
          : "There are no open milestones yet. Add one with `/mentor milestone add <title>`.",
      ),
    ]);
  }
  return formModal({
    callbackId: options.callbackId,
    metadata: options.privateMetadata,
    title: "Log progress",
    submit: options.submitLabel,
    blocks: [
      staticSelect(
        "milestone",
        "Milestone",
        open.map(({ milestone, number }) => ({
          text: `${number}. ${milestone.title}`,
          value: milestone.id,
          number,
        })),
      ),
      textInput("note", options.noteLabel, { multiline: true, max: LIMITS.note }),
      staticSelect(
        "status",
        "New status",
        [
          { text: "In progress", value: "in_progress" },
          { text: "Done: milestone reached", value: "done" },
        ],
        true,
      ),
    ],
  });
}
