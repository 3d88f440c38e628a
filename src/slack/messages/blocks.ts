import type { KnownBlock } from "@slack/types";
import { fitMrkdwn, fitPlain, SLACK_LIMITS, splitMrkdwn } from "./slack-limits.js";

/**
 * Small Block Kit helpers, so message builders read like the message. Each one fits
 * Slack's limits whatever it is given: text over a limit is cut with an ellipsis.
 */
export const section = (text: string): KnownBlock => ({
  type: "section",
  text: { type: "mrkdwn", text: fitMrkdwn(text, SLACK_LIMITS.sectionText) },
});

/** Long escaped text (a 2,000-character note of `&` is 10,000 characters) over several sections. */
export const sections = (text: string): KnownBlock[] => splitMrkdwn(text).map(section);

export const context = (text: string): KnownBlock => ({
  type: "context",
  elements: [{ type: "mrkdwn", text: fitMrkdwn(text, SLACK_LIMITS.contextText) }],
});

export const header = (text: string): KnownBlock => ({
  type: "header",
  text: { type: "plain_text", text: fitPlain(text, SLACK_LIMITS.headerText), emoji: true },
});

export const button = (
  text: string,
  actionId: string,
  value: string,
  style?: "primary" | "danger",
) => ({
  type: "button" as const,
  text: { type: "plain_text" as const, text: fitPlain(text, SLACK_LIMITS.buttonText), emoji: true },
  action_id: actionId,
  value,
  ...(style ? { style } : {}),
});

export const actions = (blockId: string, elements: ReturnType<typeof button>[]): KnownBlock => ({
  type: "actions",
  block_id: blockId,
  elements,
});
