import type { View } from "@slack/types";
import { LIMITS } from "../../domain/input-rules.js";
import type { Relationship } from "../../domain/relationship.js";
import { mention } from "../commands/mention.js";
import { section } from "../messages/blocks.js";
import { textInput } from "./modal-fields.js";
import { formModal } from "./modal-view.js";

export const REFLECTION_CALLBACK = "relationship.reflection";

/** Looking back on an ended mentorship. Metadata: the relationship id. */
export function reflectionModal(relationship: Relationship): View {
  return formModal({
    callbackId: REFLECTION_CALLBACK,
    metadata: relationship.id,
    title: "Looking back",
    submit: "Save",
    blocks: [
      section(
        `Your mentorship of ${mention(relationship.mentorId)} and ${mention(relationship.menteeId)}, in a few words.`,
      ),
      textInput("what_worked", "What worked?", {
        multiline: true,
        max: LIMITS.note,
        placeholder: "Our weekly check-ins kept me honest",
      }),
      textInput("next_steps", "What will the mentee do next?", {
        multiline: true,
        optional: true,
        max: LIMITS.note,
        placeholder: "Apply for the team lead role in spring",
      }),
    ],
  });
}
