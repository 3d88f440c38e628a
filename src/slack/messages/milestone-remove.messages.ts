import type { Milestone } from "../../domain/roadmap.js";
import type { SlackMessage } from "../slack-message.js";
import { actions, button, section } from "./blocks.js";
import { escapeMrkdwn } from "./escape.js";

export const REMOVE_ACTIONS = {
  confirm: "milestone.remove.confirm",
  cancel: "milestone.remove.cancel",
} as const;

export function confirmRemoveMessage(milestone: Milestone, number: number): SlackMessage {
  const question = `Remove milestone ${number}: *${escapeMrkdwn(milestone.title)}*? Its progress notes stay in the history.`;
  return {
    text: `Remove milestone ${number}: ${escapeMrkdwn(milestone.title)}?`,
    blocks: [
      section(question),
      actions("milestone_remove", [
        button("Remove", REMOVE_ACTIONS.confirm, milestone.id, "danger"),
        button("Keep it", REMOVE_ACTIONS.cancel, milestone.id),
      ]),
    ],
  };
}
