import type { View } from "@slack/types";
import { LIMITS } from "../../domain/input-rules.js";
import { datePicker, textInput } from "./modal-fields.js";

export const ADD_MILESTONE_CALLBACK = "milestone.add";

/** "Add milestone": title, due date picker, optional description. Metadata: the relationship id. */
export function addMilestoneModal(relationshipId: string): View {
  return {
    type: "modal",
    callback_id: ADD_MILESTONE_CALLBACK,
    private_metadata: relationshipId,
    title: { type: "plain_text", text: "Add milestone" },
    submit: { type: "plain_text", text: "Add" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      textInput("title", "Milestone", {
        max: LIMITS.title,
        placeholder: "Finish the AWS certification",
      }),
      datePicker("dueDate", "Due date"),
      textInput("description", "What does done look like?", {
        multiline: true,
        optional: true,
        max: LIMITS.description,
      }),
    ],
  } as View;
}
