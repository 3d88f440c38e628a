import type { KnownBlock } from "@slack/types";
import { type Exchange, WORKPLACE_TOPICS } from "../../domain/exchange.js";
import { mention } from "../commands/mention.js";
import type { SlackMessage } from "../slack-message.js";
import { actions, button, context, section, sections } from "./blocks.js";
import { escapeMrkdwn } from "./escape.js";
import { slackDate } from "./slack-date.js";
import { fitMrkdwn } from "./slack-limits.js";

export const EXCHANGE_ACTIONS = {
  /** The mentee's "Share something with your mentor" (value: relationship id). */
  offer: "exchange.offer",
  /** The mentor's "Share advice" on the workplace prompt (value: relationship id). */
  advise: "exchange.advise",
} as const;

const topicName = (id: string) => WORKPLACE_TOPICS.find((t) => t.id === id)?.name ?? id;

/** Added to every few check-ins: mentoring goes both ways. */
export function offerPromptBlocks(relationshipId: string, mentorId: string): KnownBlock[] {
  return [
    section(
      `:arrows_counterclockwise: *Mentoring goes both ways.* Is there something you could offer ${mention(mentorId)}? A new tool, a trend you follow, help on an initiative.`,
    ),
    actions(`exchange_${relationshipId}`, [
      button("Share something with your mentor", EXCHANGE_ACTIONS.offer, relationshipId),
    ]),
  ];
}

/** The monthly "Navigating the workplace" prompt to the mentor. */
export function workplacePromptMessage(relationshipId: string, menteeId: string): SlackMessage {
  const lead = `:compass: *Navigating the workplace.* A topic to raise with ${mention(menteeId)} this month:`;
  const topics = WORKPLACE_TOPICS.map((t) => `• ${t.name}`).join("\n");
  return {
    text: `Navigating the workplace: a topic to raise with ${mention(menteeId)} this month.`,
    blocks: [
      section(lead),
      section(topics),
      section("Share a piece of advice: it reaches them and is kept with their roadmap."),
      actions(`workplace_${relationshipId}`, [
        button("Share advice", EXCHANGE_ACTIONS.advise, relationshipId, "primary"),
      ]),
    ],
  };
}

/** To the other person: an offer (to the mentor) or advice (to the mentee). */
export function exchangeSharedMessage(exchange: Exchange): SlackMessage {
  const who = mention(exchange.authorId);
  const lead =
    exchange.kind === "offer"
      ? `:gift: ${who} has something to offer you:`
      : `:compass: Advice from ${who} on *${escapeMrkdwn(topicName(exchange.source))}*:`;
  return {
    // What notifications show: escaped like the blocks, cut after escaping.
    text: `${lead} ${fitMrkdwn(escapeMrkdwn(exchange.text), 200)}`,
    blocks: [
      section(lead),
      ...sections(`>${escapeMrkdwn(exchange.text).replace(/\n/g, "\n>")}`),
      context("Kept with your roadmap: App Home shows it under *What we learn from each other*."),
    ],
  };
}

/** To the author of an offer or advice, once the other person has it: the form closed silently. */
export const exchangeSavedReply = (recipientId: string): SlackMessage => ({
  text: `:white_check_mark: Thank you! I've passed it on to ${mention(recipientId)}.`,
});

/** App Home: a pair's latest offers and advice, newest first. */
export function exchangeBlocks(exchanges: readonly Exchange[] | undefined): KnownBlock[] {
  if (!exchanges?.length) return [];
  const lines = exchanges.map((e) => {
    const when = slackDate(e.at, "{date_short_pretty}");
    // Cut after escaping: escaping can make the text five times longer.
    const text = fitMrkdwn(escapeMrkdwn(e.text), 150);
    return e.kind === "offer"
      ? `• :gift: ${mention(e.authorId)} offers: ${text} (${when})`
      : `• :compass: ${mention(e.authorId)} on ${escapeMrkdwn(topicName(e.source))}: ${text} (${when})`;
  });
  return [section(`*What we learn from each other*\n${lines.join("\n")}`)];
}
