import type { KnownBlock, View } from "@slack/types";
import type { CheckinSummary } from "../../domain/checkin.service.js";
import type { Introduction } from "../../domain/introduction.js";
import type { CalendarDate } from "../../domain/roadmap.js";
import type { HomeEntry } from "../../domain/roadmap.service.js";
import { mention } from "../commands/mention.js";
import { actions, button, context, section } from "../messages/blocks.js";
import { ANSWER_LABEL } from "../messages/checkin.messages.js";
import { escapeMrkdwn } from "../messages/escape.js";
import { goalLine, milestoneLine, progressLine } from "../messages/roadmap.messages.js";
import { slackDate } from "../messages/slack-date.js";
import { introductionBlocks } from "./introductions-home.blocks.js";

export const HOME_ACTIONS = {
  addMilestone: "home.add_milestone",
  logProgress: "home.log_progress",
} as const;

const divider: KnownBlock = { type: "divider" };

/** The App Home dashboard: one card per relationship, or how to get started. */
export function appHomeView(
  viewerId: string,
  entries: HomeEntry[],
  today: CalendarDate,
  checkins: ReadonlyMap<string, CheckinSummary> = new Map(),
  introductions: ReadonlyMap<string, readonly Introduction[]> = new Map(),
): View {
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: "Your mentorships" } },
  ];
  if (entries.length === 0) {
    blocks.push(
      section(
        "You're not in a mentorship yet. To get started:\n" +
          "• Ask a program admin to pair you, or\n" +
          "• Ask someone yourself: `/mentor pair @mentor @mentee` (they'll get a request to accept).\n" +
          "Then write your roadmap together: `/mentor goal …` and `/mentor milestone add …`.",
      ),
      context("Type `/mentor help` for every command."),
    );
  }
  for (const entry of entries) {
    blocks.push(
      divider,
      ...relationshipCard(viewerId, entry, today, checkins.get(entry.roadmap.relationshipId)),
      ...introductionBlocks(introductions.get(entry.roadmap.relationshipId)),
    );
  }
  // Slack caps a view at 100 blocks; a mentor with many mentees still gets a valid view.
  return { type: "home", blocks: blocks.slice(0, 100) };
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
  const notes = recentProgress
    .filter((p) => p.text)
    .map(
      (p) =>
        `• ${escapeMrkdwn(p.text.slice(0, 200))}${titles.has(p.milestoneId) ? ` _(${escapeMrkdwn(titles.get(p.milestoneId) ?? "")})_` : ""}, ${mention(p.authorId)} ${slackDate(p.at, "{date_short_pretty}")}`,
    );
  return [
    section(heading),
    section(goalLine(roadmap)),
    context(progressLine(roadmap)),
    ...roadmap.milestones.slice(0, 15).map((m, i) => section(milestoneLine(m, i + 1, today))),
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
    const note = c.answer?.note ? `: ${escapeMrkdwn(c.answer.note.slice(0, 150))}` : "";
    return `• ${c.answer ? ANSWER_LABEL[c.answer.kind] : ""}${note} (${slackDate(c.answer?.at ?? c.scheduledFor, "{date_short_pretty}")})`;
  });
  return [
    context(next),
    ...(answers.length ? [section(`*Latest check-in answers*\n${answers.join("\n")}`)] : []),
  ];
}
