import type { KnownBlock, View } from "@slack/types";
import type { CheckinSummary } from "../../domain/checkin.service.js";
import type { Exchange } from "../../domain/exchange.js";
import type { FeedbackRequest } from "../../domain/feedback.js";
import type { Introduction } from "../../domain/introduction.js";
import type { CalendarDate } from "../../domain/roadmap.js";
import type { HomeEntry } from "../../domain/roadmap.service.js";
import { mention } from "../commands/mention.js";
import { actions, button, context, header, section } from "../messages/blocks.js";
import { ANSWER_LABEL } from "../messages/checkin.messages.js";
import { escapeMrkdwn } from "../messages/escape.js";
import { exchangeBlocks } from "../messages/exchange.messages.js";
import { goalLine, milestoneLine, progressLine } from "../messages/roadmap.messages.js";
import { slackDate } from "../messages/slack-date.js";
import { fitMrkdwn, page, SLACK_LIMITS } from "../messages/slack-limits.js";
import { type GettingStarted, gettingStartedBlocks } from "./getting-started.blocks.js";
import { introductionBlocks } from "./introductions-home.blocks.js";
import { owedFeedbackBlocks } from "./owed-feedback.blocks.js";

/** Milestones a Home card lists; `/mentor roadmap` lists more, `/mentor milestone <n>` any one. */
const HOME_MILESTONES = 15;
const MORE_IN_ROADMAP = "_(more in `/mentor roadmap`)_";

export const HOME_ACTIONS = {
  addMilestone: "home.add_milestone",
  logProgress: "home.log_progress",
} as const;

const divider: KnownBlock = { type: "divider" };

/**
 * The App Home dashboard: feedback owed first, then one card per relationship, or how to
 * get started. Slack refuses a view over 100 blocks, so cards that do not fit are named
 * in a last line rather than cut off silently.
 */
export function appHomeView(
  viewerId: string,
  entries: HomeEntry[],
  today: CalendarDate,
  checkins: ReadonlyMap<string, CheckinSummary> = new Map(),
  introductions: ReadonlyMap<string, readonly Introduction[]> = new Map(),
  owed: FeedbackRequest[] = [],
  /** Shown first and kept whole (an admin's program). */
  lead: readonly KnownBlock[] = [],
  exchanges: ReadonlyMap<string, readonly Exchange[]> = new Map(),
  /** Shown only with no mentorship. */
  start: GettingStarted = { isAdmin: false, pending: [], admins: [] },
): View {
  const blocks: KnownBlock[] = [...lead, header("Your mentorships"), ...owedFeedbackBlocks(owed)];
  if (entries.length === 0) blocks.push(...gettingStartedBlocks(viewerId, start));
  // One block is kept for the line naming what did not fit.
  const room = SLACK_LIMITS.blocksPerView - 1;
  const left: string[] = [];
  for (const entry of entries) {
    const card = [
      divider,
      ...relationshipCard(viewerId, entry, today, checkins.get(entry.roadmap.relationshipId)),
      ...introductionBlocks(introductions.get(entry.roadmap.relationshipId)),
      ...exchangeBlocks(exchanges.get(entry.roadmap.relationshipId)),
    ];
    if (left.length === 0 && blocks.length + card.length <= room) blocks.push(...card);
    else left.push(otherPerson(viewerId, entry));
  }
  if (left.length > 0) blocks.push(context(notShown(left)));
  return { type: "home", blocks };
}

function otherPerson(viewerId: string, { roadmap }: HomeEntry): string {
  return roadmap.mentorId === viewerId ? roadmap.menteeId : roadmap.mentorId;
}

function notShown(people: string[]): string {
  const { shown, more } = page(people, 10);
  const names = shown.map(mention).join(", ") + (more ? ` and ${more} more` : "");
  return `:information_source: Your mentorships with ${names} don't fit on this page. \`/mentor roadmap @person\` shows each one.`;
}

function relationshipCard(
  viewerId: string,
  { roadmap, recentProgress }: HomeEntry,
  today: CalendarDate,
  checkin: CheckinSummary | undefined,
): KnownBlock[] {
  const isMentor = roadmap.mentorId === viewerId;
  const heading =
    roadmap.menteeId === viewerId
      ? `*Your mentor:* ${mention(roadmap.mentorId)}`
      : isMentor
        ? `*Your mentee:* ${mention(roadmap.menteeId)}`
        : `*${mention(roadmap.mentorId)} mentoring ${mention(roadmap.menteeId)}*`;
  const titles = new Map(roadmap.milestones.map((m) => [m.id, m.title]));
  // Cut after escaping: a note of `&` is five times longer once escaped.
  const notes = recentProgress
    .filter((p) => p.text)
    .map((p) => {
      const title = titles.get(p.milestoneId);
      const about = title ? ` _(${fitMrkdwn(escapeMrkdwn(title), 100)})_` : "";
      return `• ${fitMrkdwn(escapeMrkdwn(p.text), 200, MORE_IN_ROADMAP)}${about}, ${mention(p.authorId)} ${slackDate(p.at, "{date_short_pretty}")}`;
    });
  const { shown, more } = page(roadmap.milestones, HOME_MILESTONES);
  return [
    section(heading),
    section(goalLine(roadmap)),
    context(progressLine(roadmap)),
    ...shown.map((m, i) => section(milestoneLine(m, i + 1, today))),
    ...(more
      ? [
          // `/mentor roadmap` lists a long roadmap only in part: numbers reach every milestone.
          context(
            `…and ${more} more milestone${more === 1 ? "" : "s"}: \`/mentor roadmap\` lists the roadmap, and \`/mentor milestone ${HOME_MILESTONES + 1}\` shows milestone ${HOME_MILESTONES + 1}, and so on.`,
          ),
        ]
      : []),
    ...(notes.length ? [section(`*Latest notes*\n${notes.join("\n")}`)] : []),
    ...checkinBlocks(checkin),
    actions(`home_${roadmap.relationshipId}`, [
      button("Add milestone", HOME_ACTIONS.addMilestone, roadmap.relationshipId, "primary"),
      button("Log progress", HOME_ACTIONS.logProgress, roadmap.relationshipId),
    ]),
  ];
}

function checkinBlocks(summary: CheckinSummary | undefined): KnownBlock[] {
  const next = summary?.paused
    ? ":double_vertical_bar: Check-ins are paused"
    : summary?.nextCheckinAt
      ? `:calendar: Next check-in: ${slackDate(summary.nextCheckinAt)}`
      : ":calendar: Next check-in: being planned";
  const answers = (summary?.latestAnswers ?? []).map((c) => {
    const note = c.answer?.note ? `: ${fitMrkdwn(escapeMrkdwn(c.answer.note), 150)}` : "";
    return `• ${c.answer ? ANSWER_LABEL[c.answer.kind] : ""}${note} (${slackDate(c.answer?.at ?? c.scheduledFor, "{date_short_pretty}")})`;
  });
  return [
    context(next),
    ...(answers.length ? [section(`*Latest check-in answers*\n${answers.join("\n")}`)] : []),
  ];
}
