import type { KnownBlock } from "@slack/types";
import type { Introduction } from "../../domain/introduction.js";
import { mention } from "../commands/mention.js";
import { section } from "../messages/blocks.js";
import { escapeMrkdwn } from "../messages/escape.js";
import { slackDate } from "../messages/slack-date.js";
import { fitMrkdwn } from "../messages/slack-limits.js";

/** App Home: a pair's latest introductions and requests for one, newest first. */
export function introductionBlocks(
  introductions: readonly Introduction[] | undefined,
): KnownBlock[] {
  if (!introductions?.length) return [];
  const lines = introductions.map((i) => {
    const when = slackDate(i.createdAt, "{date_short_pretty}");
    // Cut after escaping: escaping can make the text five times longer.
    const text = fitMrkdwn(escapeMrkdwn(i.text), 150);
    return i.kind === "introduction"
      ? `• :handshake: Introduced to ${mention(i.personId ?? "")}: ${text} (${when})`
      : `• :raising_hand: ${mention(i.menteeId)} asked for an introduction: ${text} (${when})`;
  });
  return [section(`*Introductions*\n${lines.join("\n")}`)];
}
