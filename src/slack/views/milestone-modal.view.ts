import type { View } from "@slack/types";
import { LIMITS } from "../../domain/input-rules.js";
import { ROADMAP_TEMPLATES } from "../../domain/roadmap-templates.js";
import { datePicker, staticSelect, textInput } from "./modal-fields.js";
import { formModal } from "./modal-view.js";

export const ADD_MILESTONE_CALLBACK = "milestone.add";

/**
 * "Add milestone": title, due date picker, optional description, or instead of a title a
 * roadmap template (all its milestones). Metadata: the relationship id.
 */
export function addMilestoneModal(relationshipId: string): View {
  return formModal({
    callbackId: ADD_MILESTONE_CALLBACK,
    metadata: relationshipId,
    title: "Add milestone",
    submit: "Add",
    blocks: [
      // Optional so a template alone can be chosen; the listener asks for one or the other.
      textInput("title", "Milestone", {
        max: LIMITS.title,
        optional: true,
        placeholder: "Finish the AWS certification",
      }),
      datePicker("dueDate", "Due date"),
      textInput("description", "What does done look like?", {
        multiline: true,
        optional: true,
        max: LIMITS.description,
      }),
      staticSelect(
        "template",
        "No title? Start from a roadmap template",
        ROADMAP_TEMPLATES.map((t) => ({ text: t.name, value: t.id })),
        true,
      ),
    ],
  });
}
