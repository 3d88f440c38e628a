import type { KnownBlock } from "@slack/types";

/** Small Block Kit helpers, so message builders read like the message. */
export const section = (text: string): KnownBlock => ({
  type: "section",
  text: { type: "mrkdwn", text },
});

export const context = (text: string): KnownBlock => ({
  type: "context",
  elements: [{ type: "mrkdwn", text }],
});

export const button = (
  text: string,
  actionId: string,
  value: string,
  style?: "primary" | "danger",
) => ({
  type: "button" as const,
  text: { type: "plain_text" as const, text, emoji: true },
  action_id: actionId,
  value,
  ...(style ? { style } : {}),
});

export const actions = (blockId: string, elements: ReturnType<typeof button>[]): KnownBlock => ({
  type: "actions",
  block_id: blockId,
  elements,
});
