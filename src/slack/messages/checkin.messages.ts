import type { KnownBlock } from "@slack/types";
import { formatCalendarDate } from "../../domain/calendar-date.js";
import type {
  AnswerKind,
  Checkin,
  CheckinPair,
  NumberedOpenMilestone,
} from "../../domain/checkin.js";
import { asksForOffer } from "../../domain/exchange.js";
import { mention } from "../commands/mention.js";
import type { SlackMessage } from "../slack-message.js";
import { actions, button, context, section, sections } from "./blocks.js";
import { escapeMrkdwn } from "./escape.js";
import { offerPromptBlocks } from "./exchange.messages.js";
import { quote } from "./roadmap.messages.js";
import { slackDate } from "./slack-date.js";
import { fitMrkdwn, fitTogether, page } from "./slack-limits.js";

export const CHECKIN_ACTIONS = {
  onTrack: "checkin.on_track",
  needHelp: "checkin.need_help",
  logProgress: "checkin.log_progress",
  snooze: "checkin.snooze",
} as const;

export const ANSWER_LABEL: Record<AnswerKind, string> = {
  on_track: ":white_check_mark: On track",
  need_help: ":sos: Need help",
  progress: ":memo: Logged progress",
};

/**
 * The next milestones a check-in names: ten at most, each title cut after escaping, so the list
 * fits one section (3,000 characters) whatever the roadmap holds, and says what it leaves out.
 */
const LISTED_MILESTONES = 10;
const LISTED_TITLE = 200;

/** No milestone open because the mentee reached them all: said so, and what comes next. */
export const ALL_REACHED =
  ":tada: You've reached every milestone on your roadmap. Well done! What's next? Add it with `/mentor milestone add <title>`.";

const listedTitle = (title: string) => fitMrkdwn(escapeMrkdwn(title), LISTED_TITLE);

function milestoneList(milestones: readonly NumberedOpenMilestone[], allReached: boolean): string {
  if (milestones.length === 0 && allReached) return ALL_REACHED;
  if (milestones.length === 0) {
    return "_No open milestones on your roadmap yet._ Add one with `/mentor milestone add <title>`.";
  }
  const { shown, more } = page(milestones, LISTED_MILESTONES);
  const lines = shown.map(({ number, milestone }) => {
    const due = milestone.dueDate ? ` (due ${formatCalendarDate(milestone.dueDate)})` : "";
    return `• *${number}. ${listedTitle(milestone.title)}*${due}`;
  });
  // `/mentor roadmap` lists a long roadmap only in part: the next number leads on from here.
  const next = milestones[LISTED_MILESTONES]?.number;
  if (more) {
    lines.push(
      `…and ${more} more, from milestone ${next} on: \`/mentor milestone ${next}\` shows it, \`/mentor roadmap\` lists your roadmap.`,
    );
  }
  return lines.join("\n");
}

function answerButtons(checkinId: string): KnownBlock {
  return actions(`checkin_${checkinId}`, [
    button("On track", CHECKIN_ACTIONS.onTrack, checkinId, "primary"),
    button("Need help", CHECKIN_ACTIONS.needHelp, checkinId),
    button("Log progress", CHECKIN_ACTIONS.logProgress, checkinId),
    button("Snooze 1 day", CHECKIN_ACTIONS.snooze, checkinId),
  ]);
}

/** With no mentor and no program admin, where a mentee can still turn for help. */
const ASK_AROUND = "If you need help, ask your manager or a teammate.";

/** The check-in DM to the mentee: who hears their answer (nobody, if the mentor left). */
export function checkinMessage(
  checkin: Checkin,
  milestones: readonly NumberedOpenMilestone[],
  {
    mentorLeft = false,
    noAdmins = false,
    allReached = false,
  }: Pick<CheckinPair, "mentorLeft" | "noAdmins" | "allReached"> = {},
): SlackMessage {
  const gone = `Your mentor, ${mention(checkin.mentorId)}, has left the workspace`;
  const greeting = `:wave: Hi ${mention(checkin.menteeId)}! Time for your check-in. How are your next milestones going?`;
  return {
    text: greeting,
    blocks: [
      section(greeting),
      section(milestoneList(milestones, allReached)),
      answerButtons(checkin.id),
      context(
        !mentorLeft
          ? `Your answer goes to your mentor, ${mention(checkin.mentorId)}.`
          : noAdmins
            ? `${gone} and no program admins are set, so your answer is kept but nobody hears it. ${ASK_AROUND}`
            : `${gone}: your answer is kept, and if you need help the program admins hear it.`,
      ),
      ...offerBlocks(checkin, mentorLeft),
    ],
  };
}

/** Every fourth check-in asks what the mentee can offer: a mentor who left would hear nobody. */
function offerBlocks(checkin: Checkin, mentorLeft: boolean): KnownBlock[] {
  return asksForOffer(checkin.sequence) && !mentorLeft
    ? offerPromptBlocks(checkin.relationshipId, checkin.mentorId)
    : [];
}

/** The check-in message once answered: the buttons give way to the answer, and who heard it. */
export function answeredMessage(
  checkin: Checkin,
  { mentorLeft = false, noAdmins = false }: Pick<CheckinPair, "mentorLeft" | "noAdmins"> = {},
): SlackMessage {
  const answer = checkin.answer;
  const line = answer
    ? `Check-in answered: ${ANSWER_LABEL[answer.kind]}${answer.note ? `\n${quote(answer.note)}` : ""}`
    : "Check-in answered.";
  const heard = !mentorLeft
    ? `Shared with ${mention(checkin.mentorId)}.`
    : answer?.kind !== "need_help"
      ? "Kept on your roadmap: your mentor has left the workspace, so nobody was told."
      : noAdmins
        ? `Kept on your roadmap: your mentor has left the workspace and no program admins are set, so nobody was told. ${ASK_AROUND}`
        : "Your mentor has left the workspace, so I told the program admins you asked for help.";
  return {
    text: line,
    blocks: [
      ...sections(line),
      context(`${heard} Thanks for keeping your roadmap moving!`),
      // The offer is no part of the answer: it stays open after it.
      ...offerBlocks(checkin, mentorLeft),
    ],
  };
}

/** To the mentor: what the mentee said, about which milestones, and any blockers. */
export function mentorAnswerMessage(checkin: Checkin): SlackMessage {
  const answer = checkin.answer;
  if (!answer) return { text: `${mention(checkin.menteeId)} answered their check-in.` };
  const headline =
    answer.kind === "need_help"
      ? `:sos: ${mention(checkin.menteeId)} says they *need help* with their milestones. Please reach out to them soon.`
      : `${mention(checkin.menteeId)} answered their check-in: *${ANSWER_LABEL[answer.kind]}*`;
  // The titles and the note are the mentee's words: ten titles and a note of `&` (five
  // characters escaped) would together pass what Slack allows a posted message, so they share
  // the budget every post keeps to (Slack has refused less than its documented 12,000).
  const [titles = "", note = ""] = fitTogether([
    answer.milestoneTitles.length ? aboutLine(answer.milestoneTitles) : "",
    answer.note ? quote(answer.note) : "",
  ]);
  return {
    text: headline,
    blocks: [
      section(headline),
      section(titles || "_No open milestones on the roadmap._"),
      ...(note ? sections(`*Their note:*\n${note}`) : []),
    ],
  };
}

function aboutLine(titles: readonly string[]): string {
  const { shown, more } = page(titles, LISTED_MILESTONES);
  return `*About:* ${shown.map(listedTitle).join("; ")}${more ? `; and ${more} more` : ""}`;
}

export function reminderMessage(checkin: Checkin): SlackMessage {
  const line = `A gentle nudge: your check-in from ${slackDate(checkin.scheduledFor, "{date_short_pretty}")} is still waiting. One click is enough.`;
  return { text: line, blocks: [section(line), answerButtons(checkin.id)] };
}

/** Every fourth check-in: mentorship goes both ways. */
export function reflectionMessage(checkin: Checkin): SlackMessage {
  const line = `:thought_balloon: A moment to reflect on mentoring ${mention(checkin.menteeId)}.`;
  return {
    text: line,
    blocks: [
      section(line),
      section(
        "• What have you learned from them lately?\n• What could you share next: a story, a contact, a resource?\nA short DM to them is a great way to say it.",
      ),
    ],
  };
}

export function missedStreakMessage(
  checkin: Checkin,
  audience: "mentee" | "mentor" | "admin",
  streak: number,
): SlackMessage {
  const text = {
    mentee: `The last ${streak} check-ins went unanswered. No pressure: if the timing doesn't suit you, change it with \`/mentor checkin every …\` or pause with \`/mentor checkin pause\`.`,
    mentor: `${mention(checkin.menteeId)} hasn't answered the last ${streak} check-ins. A friendly hello from you might help.`,
    admin: `Heads-up: ${mention(checkin.menteeId)} (mentored by ${mention(checkin.mentorId)}) hasn't answered the last ${streak} check-ins.`,
  }[audience];
  return { text, blocks: [section(text)] };
}

/**
 * To the mentee who pressed On track or Need help; `goneMentorId`: their mentor left, and
 * `noAdmins`: no program admin is set to hear a call for help instead.
 */
export function checkinAnswerReply(
  kind: "on_track" | "need_help",
  goneMentorId?: string,
  noAdmins = false,
): SlackMessage {
  if (goneMentorId) {
    const gone = `your mentor ${mention(goneMentorId)} has left the workspace`;
    if (kind === "on_track") {
      return { text: `Great, thanks! Your answer is kept (${gone}, so nobody was told).` };
    }
    return noAdmins
      ? {
          text: `Thanks for saying so. As ${gone} and no program admins are set, nobody was told: your answer is kept. ${ASK_AROUND}`,
        }
      : {
          text: `Thanks for saying so. As ${gone}, I've told the program admins, who can reach out and find you a new mentor.`,
        };
  }
  return kind === "need_help"
    ? { text: "Thanks for saying so. I've asked your mentor to reach out to you." }
    : { text: "Great, thanks! I've let your mentor know." };
}

/** To each admin: a mentee asked for help in a check-in, and their mentor has left. */
export function helpUnheardMessage(checkin: Checkin): SlackMessage {
  const text =
    `${mention(checkin.menteeId)} pressed "Need help" in a check-in, but their mentor ` +
    `${mention(checkin.mentorId)} has left the workspace. Please reach out to them; ` +
    "`/mentor reassign` moves the mentorship to a new mentor.";
  return { text, blocks: [section(text)] };
}

export const checkinSnoozedReply = (remindAt: Date): SlackMessage => ({
  text: `Snoozed. I'll remind you ${slackDate(remindAt, "{date_short_pretty} at {time}")}.`,
});
