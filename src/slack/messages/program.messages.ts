import type { KnownBlock } from "@slack/types";
import type {
  ActivityCounts,
  AttentionItem,
  AttentionReason,
  ProgramReport,
} from "../../domain/program.js";
import { mention } from "../commands/mention.js";
import type { SlackMessage } from "../slack-message.js";
import { context, section } from "./blocks.js";
import { slackDate } from "./slack-date.js";

/** Slack allows 50 blocks in a message and 3,000 characters in a section: 10 short lines a section. */
const LINES_PER_SECTION = 10;
/** Items on one page of `/mentor program`: 5 sections, far under the 50-block cap. */
export const ATTENTION_PER_PAGE = 50;
/** The App Home shares its 100 blocks with the admin's own mentorships: one section. */
export const ATTENTION_ON_HOME = 10;

/** `/mentor program [page]`: the whole report, with page `page` (1-based) of "Needs attention". */
export function programReportMessage(report: ProgramReport, page = 1): SlackMessage {
  const pages = Math.max(1, Math.ceil(report.attention.length / ATTENTION_PER_PAGE));
  const shown = Math.min(Math.max(1, page), pages);
  const start = (shown - 1) * ATTENTION_PER_PAGE;
  const items = report.attention.slice(start, start + ATTENTION_PER_PAGE);
  const left = report.attention.length - start - items.length;
  const blocks: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: "Program report" } },
    ...summaryBlocks(report),
    section(attentionHeading(report.attention.length, pages > 1 ? { shown, pages } : null)),
    ...chunk(items.map(attentionLine), LINES_PER_SECTION).map((lines) => section(lines.join("\n"))),
  ];
  if (left > 0) {
    blocks.push(
      context(
        `…and ${left} more. \`/mentor program ${shown + 1}\` shows the next ${ATTENTION_PER_PAGE}.`,
      ),
    );
  }
  blocks.push(context(`As of ${slackDate(report.at)}.`));
  return { text: fallback(report), blocks };
}

/** The "Program" section of an admin's App Home: the summary and the most urgent pairs. */
export function programHomeBlocks(report: ProgramReport): KnownBlock[] {
  const items = report.attention.slice(0, ATTENTION_ON_HOME);
  const left = report.attention.length - items.length;
  return [
    { type: "header", text: { type: "plain_text", text: "Program" } },
    ...summaryBlocks(report),
    section(attentionHeading(report.attention.length, null)),
    ...(items.length ? [section(items.map(attentionLine).join("\n"))] : []),
    ...(left > 0
      ? [context(`…and ${left} more. \`/mentor program\` shows them all, page by page.`)]
      : []),
    { type: "divider" },
  ];
}

function summaryBlocks(report: ProgramReport): KnownBlock[] {
  const { counts, current: now, previous: before } = report;
  const pairs =
    `*Pairs:* ${counts.active} active · ${counts.paused} paused · ` +
    `${counts.pending} pending · ${counts.ended} ended`;
  const lines = [
    "*Last 30 days* (change from the 30 days before)",
    `• Check-ins sent: ${now.checkinsSent} ${change(now.checkinsSent, before.checkinsSent)}`,
    `• Check-ins answered: ${now.checkinsAnswered} of ${now.checkinsSent}, ${answerRate(now)} ${pointsChange(rate(now), rate(before))}`,
    `• Sentiment: ${sentiment(now)}`,
    `• Milestones reached: ${now.milestonesReached} ${change(now.milestonesReached, before.milestonesReached)}`,
    `• Feedback asked: ${now.feedbackAsked} ${change(now.feedbackAsked, before.feedbackAsked)}, given: ${now.feedbackGiven} ${change(now.feedbackGiven, before.feedbackGiven)}`,
    `• Introductions made: ${now.introductionsMade} ${change(now.introductionsMade, before.introductionsMade)}`,
  ];
  return [section(pairs), section(lines.join("\n"))];
}

function attentionHeading(total: number, paging: { shown: number; pages: number } | null): string {
  if (total === 0) return "*Needs attention:* nothing right now. :tada:";
  const page = paging ? ` (page ${paging.shown} of ${paging.pages})` : "";
  return `*Needs attention:* ${total} ${total === 1 ? "pair" : "pairs"}, most urgent first${page}`;
}

/** One line per pair, naming both people. */
export function attentionLine({ pair, reasons }: AttentionItem): string {
  const who = `${mention(pair.mentorId)} → ${mention(pair.menteeId)}`;
  return `• ${who}: ${reasons.map(reasonText).join("; ")}`;
}

function reasonText(reason: AttentionReason): string {
  switch (reason.kind) {
    case "member_left":
      return `${reason.userIds.map(mention).join(" and ")} left the workspace`;
    case "missed_streak":
      return `${reason.count} check-ins missed in a row`;
    case "milestones_overdue":
      return `${reason.count} ${reason.count === 1 ? "milestone" : "milestones"} overdue`;
    case "no_activity":
      return `no activity for ${reason.days} days`;
    case "stale_request":
      return `pairing request waiting for ${reason.days} days`;
  }
}

function fallback(report: ProgramReport): string {
  const { counts } = report;
  const attention = report.attention.length;
  return (
    `Program report: ${counts.active} active ${plural(counts.active, "pair")}, ${counts.pending} pending; ` +
    `${attention} ${attention === 1 ? "needs" : "need"} attention.`
  );
}

const rate = (a: ActivityCounts) => (a.checkinsSent ? a.checkinsAnswered / a.checkinsSent : null);

function answerRate(a: ActivityCounts): string {
  const r = rate(a);
  return r === null ? "no answer rate yet" : `${Math.round(r * 100)}%`;
}

function sentiment(a: ActivityCounts): string {
  const total = a.onTrack + a.needHelp;
  if (total === 0) return "no On track or Need help answers yet";
  const onTrack = Math.round((a.onTrack / total) * 100);
  return `${onTrack}% On track, ${100 - onTrack}% Need help (of ${total} ${plural(total, "answer")})`;
}

function change(now: number, before: number): string {
  const delta = now - before;
  return delta === 0 ? "(no change)" : `(${delta > 0 ? "+" : "−"}${Math.abs(delta)})`;
}

function pointsChange(now: number | null, before: number | null): string {
  if (now === null || before === null) return "";
  const delta = Math.round((now - before) * 100);
  return delta === 0 ? "(no change)" : `(${delta > 0 ? "+" : "−"}${Math.abs(delta)} pts)`;
}

function plural(count: number, noun: string): string {
  return count === 1 ? noun : `${noun}s`;
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
