import type { View } from "@slack/types";
import { LIMITS } from "../../domain/input-rules.js";
import type { Kickoff } from "../../domain/kickoff.js";
import type { Goal } from "../../domain/roadmap.js";
import { textInput } from "./modal-fields.js";
import { formModal } from "./modal-view.js";

export const KICKOFF_CALLBACK = "kickoff.answers";

/** Block ids of the kickoff form, which are also the names of the fields it saves. */
export const KICKOFF_FIELDS = [
  "aspiration",
  "targetDate",
  "skills",
  "challenges",
  "support",
  "offer",
] as const;

/**
 * The mentee's kickoff form (metadata: the relationship id); earlier answers are pre-filled.
 * The aspiration and date come from the roadmap's goal (set by `/mentor goal`, perhaps after the
 * answers): sending the form sets the goal, and must not wipe one already written.
 */
export function kickoffModal(kickoff: Kickoff, goal: Goal | null = null): View {
  const before = kickoff.answers;
  const initial = (value: string | undefined) => (value ? { initial: value } : {});
  const aspiration = goal?.aspiration || before?.aspiration;
  const targetDate = goal?.targetDate ?? before?.targetDate;
  return formModal({
    callbackId: KICKOFF_CALLBACK,
    metadata: kickoff.relationshipId,
    title: "Plan your kickoff",
    submit: "Send to mentor",
    blocks: [
      textInput("aspiration", "Your career aspiration", {
        max: LIMITS.aspiration,
        placeholder: "Lead a platform team",
        ...initial(aspiration),
      }),
      {
        type: "input",
        block_id: "targetDate",
        label: { type: "plain_text", text: "By when?" },
        element: {
          type: "datepicker",
          action_id: "value",
          ...(targetDate ? { initial_date: targetDate } : {}),
        },
      },
      textInput("skills", "Skills you want to develop (one a line)", {
        multiline: true,
        max: LIMITS.note,
        placeholder: "System design\nGiving feedback",
        ...initial(before?.skills),
      }),
      textInput("challenges", "Challenges you foresee", {
        multiline: true,
        max: LIMITS.note,
        ...initial(before?.challenges),
      }),
      textInput("support", "The support you'd like from your mentor", {
        multiline: true,
        max: LIMITS.note,
        ...initial(before?.support),
      }),
      textInput("offer", "What you can offer your mentor (a tool, a trend, help on a project)", {
        multiline: true,
        optional: true,
        max: LIMITS.note,
        ...initial(before?.offer),
      }),
    ],
  });
}
