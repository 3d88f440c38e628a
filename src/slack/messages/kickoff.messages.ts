import { formatCalendarDate } from "../../domain/calendar-date.js";
import type { Kickoff, KickoffAnswers, KickoffRole } from "../../domain/kickoff.js";
import { KICKOFF_MINUTES, startsAtFor } from "../../domain/kickoff.js";
import type { KickoffView } from "../../domain/kickoff.service.js";
import { mention } from "../commands/mention.js";
import type { SlackMessage } from "../slack-message.js";
import { actions, button, context, section, sections } from "./blocks.js";
import { escapeMrkdwn } from "./escape.js";
import { slackDate } from "./slack-date.js";
import { fitTogether } from "./slack-limits.js";

export const KICKOFF_ACTIONS = {
  /** The mentee's "Plan your kickoff": opens the kickoff form (value: relationship id). */
  plan: "kickoff.plan",
  /** The mentor's "Suggest milestones" (value: kickoff id). */
  suggest: "kickoff.suggest",
  /** The template select inside the suggestion form. */
  template: "kickoff.template",
  /** The mentee's "Confirm roadmap" after the kickoff (value: kickoff id). */
  confirm: "kickoff.confirm",
} as const;

const CHANGE_HINT =
  "Either of you can move it: `/mentor kickoff at YYYY-MM-DD HH:MM` (your own time).";

/** When the reader's kickoff starts, in their own zone (Slack renders `<!date>` per reader). */
function whenLine(kickoff: Kickoff, role: KickoffRole): string {
  const starts = slackDate(startsAtFor(kickoff, role));
  if (kickoff.at) {
    return `Your kickoff is on *${starts}* (${KICKOFF_MINUTES} minutes), a time you're both working.`;
  }
  return `Your working hours don't overlap, so each of you starts the kickoff at the start of your own working day: yours is *${starts}*. Write to each other in DMs and meet in writing.`;
}

/** "Plan your kickoff": sent to both people once the pair is active. */
export function kickoffInviteMessage(kickoff: Kickoff, role: KickoffRole): SlackMessage {
  const other = mention(role === "mentor" ? kickoff.menteeId : kickoff.mentorId);
  const lead = `:rocket: *Plan your kickoff with ${other}.* A first session sets the direction: the mentee's aspiration, the skills to develop and the challenges ahead, and the first concrete steps.`;
  const when = `${whenLine(kickoff, role)} ${CHANGE_HINT}`;
  if (role === "mentee") {
    const ask =
      "Before it, tell your mentor what you're aiming for: your aspiration and its date, the skills you want to develop, the challenges you foresee, the support you'd like, and what you could offer them in return.";
    return {
      text: `Plan your kickoff with ${other}. ${when}`,
      blocks: [
        section(lead),
        section(when),
        section(ask),
        actions("kickoff", [
          button("Plan your kickoff", KICKOFF_ACTIONS.plan, kickoff.relationshipId, "primary"),
        ]),
      ],
    };
  }
  const wait = `${other} is writing down their aspiration, skills and challenges. You'll get their answers here, with a button to suggest milestones from a template.`;
  return {
    text: `Plan your kickoff with ${other}. ${when}`,
    blocks: [section(lead), section(when), section(wait)],
  };
}

/** The mentee's answers, to the mentor, with "Suggest milestones". */
const SUGGESTED_ALREADY =
  "Milestones are already suggested for their roadmap: `/mentor roadmap` shows them, and `/mentor milestone edit` changes them.";

export function kickoffAnswersMessage(kickoff: Kickoff, answers: KickoffAnswers): SlackMessage {
  const mentee = mention(kickoff.menteeId);
  const rows: Array<[string, string]> = [
    ["Aspiration", `${answers.aspiration} (by ${formatCalendarDate(answers.targetDate)})`],
    ["Skills to develop", answers.skills],
    ["Challenges they foresee", answers.challenges],
    ["Support they'd like from you", answers.support],
  ];
  if (answers.offer) rows.push(["What they can offer you", answers.offer]);
  // A new mentor after a reassignment: the mentor before already suggested the milestones.
  const next = kickoff.suggestedAt
    ? [section(SUGGESTED_ALREADY)]
    : [
        section("Suggest 4-8 milestones: start from a roadmap template, then edit them."),
        actions("kickoff", [
          button("Suggest milestones", KICKOFF_ACTIONS.suggest, kickoff.id, "primary"),
        ]),
      ];
  return {
    text: `${mentee} answered the kickoff questions. ${kickoff.suggestedAt ? SUGGESTED_ALREADY : "Suggest milestones for their roadmap."}`,
    blocks: [
      section(`:clipboard: *${mentee} answered the kickoff questions.*`),
      ...fitTogether(rows.map(([, value]) => escapeMrkdwn(value))).flatMap((value, i) =>
        sections(`*${rows[i]?.[0]}*\n${value}`),
      ),
      ...next,
    ],
  };
}

/** To the mentee, once their answers reached the mentor: the form itself closes silently. */
export function kickoffAnswersSentMessage(kickoff: Kickoff): SlackMessage {
  const next = kickoff.suggestedAt
    ? ""
    : " They'll suggest milestones toward it, and I'll tell you when they do.";
  return {
    text: `:white_check_mark: Sent to ${mention(kickoff.mentorId)}. Your aspiration is now your roadmap's goal (\`/mentor roadmap\`).${next}`,
  };
}

/** To the mentor, once the mentee has the suggested milestones. */
export function kickoffSuggestionSentMessage(kickoff: Kickoff, count: number): SlackMessage {
  return {
    text: `:white_check_mark: Sent ${count} milestones to ${mention(kickoff.menteeId)}. They're on the roadmap now: \`/mentor roadmap\` shows them, and \`/mentor milestone edit\` changes them.`,
  };
}

export function kickoffReminderMessage(kickoff: Kickoff, role: KickoffRole): SlackMessage {
  const other = mention(role === "mentor" ? kickoff.menteeId : kickoff.mentorId);
  // With its date: a kickoff planned again may now be on another day.
  const starts = slackDate(startsAtFor(kickoff, role));
  const text = `:alarm_clock: Your kickoff with ${other} starts ${starts}.`;
  return { text, blocks: [section(text), context(CHANGE_HINT)] };
}

export function kickoffMovedMessage(kickoff: Kickoff, movedBy: string): SlackMessage {
  const text = `${mention(movedBy)} moved your kickoff to *${slackDate(kickoff.at ?? kickoff.menteeStartsAt)}*.`;
  return { text, blocks: [section(text), context(CHANGE_HINT)] };
}

/** To both: the bot planned the kickoff again, as `changed`'s hours or time off no longer fit it. */
export function kickoffReplannedMessage(
  kickoff: Kickoff,
  role: KickoffRole,
  changed: readonly string[],
): SlackMessage {
  const reader = role === "mentor" ? kickoff.mentorId : kickoff.menteeId;
  const otherId = role === "mentor" ? kickoff.menteeId : kickoff.mentorId;
  // The other person is named once, in "the kickoff with …": after that they are "their".
  const yours = changed.includes(reader);
  const theirs = changed.includes(otherId);
  const whose = yours && theirs ? "both your" : yours ? "your" : theirs ? "their" : "";
  const why = whose ? ` because ${whose} working hours or time off changed` : "";
  const text = `:calendar: The kickoff with ${mention(otherId)} is planned again${why}. ${whenLine(kickoff, role)}`;
  return { text, blocks: [section(text), context(CHANGE_HINT)] };
}

export function kickoffSuggestedMessage(kickoff: Kickoff, count: number): SlackMessage {
  const mentor = mention(kickoff.mentorId);
  // Suggested after the kickoff was held: there is no kickoff left to talk them over at.
  const ends = startsAtFor(kickoff, "mentee").getTime() + KICKOFF_MINUTES * 60_000;
  const after = (kickoff.suggestedAt?.getTime() ?? 0) >= ends;
  const next = after ? `talk them over with ${mentor}` : "talk them over at the kickoff";
  const text = `:seedling: ${mentor} suggested ${count} milestones for your roadmap. \`/mentor roadmap\` shows them; ${next}.`;
  return { text };
}

/**
 * After the kickoff: the mentee confirms the roadmap. With the answers or the milestones still
 * missing, it says so (there may be little to confirm) and how to add them.
 */
export function kickoffConfirmMessage(kickoff: Kickoff): SlackMessage {
  const mentor = mention(kickoff.mentorId);
  const missing = [
    kickoff.answers ? "" : "you haven't sent your kickoff answers",
    kickoff.suggestedAt ? "" : `${mentor} hasn't suggested milestones`,
  ].filter(Boolean);
  const text = missing.length
    ? `How did your kickoff with ${mentor} go? So far ${missing.join(", and ")}. Write down what you agreed (\`/mentor goal …\`, \`/mentor milestone add …\`), then confirm your roadmap (\`/mentor roadmap\`) when it's right.`
    : `How did your kickoff with ${mentor} go? Look over your roadmap (\`/mentor roadmap\`), change what you agreed to change, and confirm it when it's right.`;
  const plan = kickoff.answers
    ? []
    : [button("Plan your kickoff", KICKOFF_ACTIONS.plan, kickoff.relationshipId)];
  return {
    text,
    blocks: [
      section(`:handshake: ${text}`),
      actions("kickoff", [
        button("Confirm roadmap", KICKOFF_ACTIONS.confirm, kickoff.id, "primary"),
        ...plan,
      ]),
    ],
  };
}

export function kickoffConfirmedMessage(kickoff: Kickoff): SlackMessage {
  return {
    text: `:white_check_mark: ${mention(kickoff.menteeId)} confirmed the roadmap from your kickoff. Check-ins follow it from now on.`,
  };
}

/** Replaces the "Confirm roadmap" question once answered. */
export const kickoffConfirmedReply = (): SlackMessage => ({
  text: ":white_check_mark: Roadmap confirmed. Your mentor has been told. Good luck!",
});

/** `/mentor kickoff` and `/mentor kickoff at …`: told to the reader, by role and by tense. */
export function kickoffReply(view: KickoffView, moved: boolean): SlackMessage {
  const { kickoff, viewerId, now } = view;
  const role: KickoffRole = kickoff.mentorId === viewerId ? "mentor" : "mentee";
  const other = mention(role === "mentor" ? kickoff.menteeId : kickoff.mentorId);
  const starts = startsAtFor(kickoff, role);
  const held = now.getTime() >= starts.getTime() + KICKOFF_MINUTES * 60_000;
  const when = moved
    ? `Kickoff moved. ${other} has been told. ${whenLine(kickoff, role)}`
    : held
      ? `Your kickoff with ${other} was on *${slackDate(starts)}*.`
      : kickoff.at
        ? `Your kickoff with ${other} is on *${slackDate(starts)}* (${KICKOFF_MINUTES} minutes), a time you're both working.`
        : `Your kickoff with ${other}: ${whenLine(kickoff, role).replace(/^Your/, "your")}`;
  const state = role === "mentee" ? menteeState(kickoff, other) : mentorState(kickoff, other);
  const text = [when, ...state, held ? "" : CHANGE_HINT].filter(Boolean).join(" ");
  // Until the roadmap is confirmed, the mentee can open the form from here (again, to revise).
  const plan =
    role === "mentee" && !kickoff.confirmedAt
      ? [
          actions("kickoff", [
            button(
              kickoff.answers ? "Revise your answers" : "Plan your kickoff",
              KICKOFF_ACTIONS.plan,
              kickoff.relationshipId,
              kickoff.answers ? undefined : "primary",
            ),
          ]),
        ]
      : [];
  return plan.length ? { text, blocks: [section(text), ...plan] } : { text };
}

function menteeState(kickoff: Kickoff, mentor: string): string[] {
  return [
    kickoff.answers
      ? "You've sent your answers."
      : "Tell your mentor what you're aiming for: *Plan your kickoff* below.",
    kickoff.suggestedAt
      ? `${mentor} suggested milestones: \`/mentor roadmap\` shows them.`
      : `${mentor} hasn't suggested milestones yet.`,
    kickoff.confirmedAt ? "You confirmed the roadmap." : "",
  ];
}

function mentorState(kickoff: Kickoff, mentee: string): string[] {
  return [
    kickoff.answers ? `${mentee}'s answers are in.` : `Waiting for ${mentee}'s answers.`,
    kickoff.suggestedAt
      ? "You suggested milestones."
      : kickoff.answers
        ? "Suggest milestones with the button under their answers."
        : "",
    kickoff.confirmedAt ? `${mentee} confirmed the roadmap.` : "",
  ];
}
