import type { KnownBlock } from "@slack/types";

/** A message as the bot sends it: what every builder in messages/ returns. */
export interface SlackMessage {
  /** Plain-text fallback, shown in notifications. */
  text: string;
  blocks?: KnownBlock[];
}
