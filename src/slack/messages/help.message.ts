import type { KnownBlock } from "@slack/types";
import type { SlackMessage } from "../slack-message.js";
import { context, section, sections } from "./blocks.js";
import { clip } from "./escape.js";

/** Who a command is for; the help groups by it and shows admin commands only to admins. */
export type HelpRole = "both" | "mentee" | "mentor" | "admin";

interface CommandHelp {
  usage: string;
  example: string;
  what: string;
  /** Defaults to "both": a command either of a pair may use. */
  role?: HelpRole;
}

/** Every command, with a short example. Later issues add rows here, each with its role. */
export const COMMAND_HELP: readonly CommandHelp[] = [
  {
    usage: "/mentor pair @mentor @mentee",
    example: "/mentor pair @maria @sam",
    what: "Ask someone to pair with you; they accept or decline. Admins pair at once.",
  },
  {
    usage: "/mentor goal <aspiration> [by YYYY-MM-DD]",
    example: "/mentor goal Lead a team by 2027-12-31",
    what: "Set the career aspiration.",
  },
  {
    usage: "/mentor milestone add <title> [by YYYY-MM-DD]",
    example: "/mentor milestone add AWS certification",
    what: "Add a milestone; with no title, a form opens (where you can pick a template instead).",
  },
  {
    usage: "/mentor milestone edit <n> <title> [by YYYY-MM-DD]",
    example: "/mentor milestone edit 2 Lead the Q3 launch",
    what: "Change milestone n.",
  },
  {
    usage: "/mentor milestone remove <n>",
    example: "/mentor milestone remove 2",
    what: "Remove milestone n (you confirm first).",
  },
  {
    usage: "/mentor milestone <n>",
    example: "/mentor milestone 2",
    what: "Show milestone n in full, with its latest note.",
  },
  {
    usage: "/mentor kickoff [at YYYY-MM-DD HH:MM] [@person]",
    example: "/mentor kickoff at 2026-12-03 16:30",
    what: "Show your kickoff, or move it (your own time; inside both people's working hours).",
  },
  {
    usage: "/mentor roadmap [@person]",
    example: "/mentor roadmap",
    what: "Show the aspiration and the milestones, as many as one message holds; `/mentor milestone <n>` shows any one.",
  },
  {
    usage: "/mentor roadmap templates",
    example: "/mentor roadmap templates",
    what: "List the ready-made roadmaps (people manager, senior engineer, public speaking, product management, project management certification) and their milestones.",
  },
  {
    usage: "/mentor milestone add template <id>",
    example: "/mentor milestone add template public-speaking",
    what: "Add every milestone of a template to the roadmap, due weeks from today; edit them afterwards.",
  },
  {
    usage: "/mentor log <n> <note>",
    example: "/mentor log 1 Booked the exam",
    what: "Log progress on milestone n (`/progress <n> <note>` too).",
  },
  {
    usage: "/mentor done <n> [note]",
    example: "/mentor done 1 Passed!",
    what: "Mark milestone n reached; I celebrate it.",
  },
  {
    usage: "/mentor reopen <n>",
    example: "/mentor reopen 2",
    what: "Undo a done.",
  },
  {
    usage: "/mentor celebrate [in #channel | public | private]",
    example: "/mentor celebrate in #wins",
    what: "Where milestones are celebrated; only the mentee picks public or private, and whether shout-outs name their aspiration (`aspiration on|off`).",
  },
  {
    usage: "/mentor intro request <topic>",
    example: "/mentor intro request someone in product",
    what: "Ask your mentor whom they could introduce you to.",
    role: "mentee",
  },
  {
    usage: "/mentor intro @person [to @mentee] <why>",
    example: "/mentor intro @olly She passed the same exam",
    what: "Introduce your mentee to someone, in a group DM.",
    role: "mentor",
  },
  {
    usage: "/mentor checkin",
    example: "/mentor checkin",
    what: "Show the check-in schedule, in your own time.",
  },
  {
    usage: "/mentor checkin every <weekly|biweekly|monthly> [mon..sun] [HH:MM]",
    example: "/mentor checkin every biweekly thu 16:00",
    what: "Set how often check-ins come (the mentee's time zone).",
  },
  {
    usage: "/mentor checkin pause | resume | skip | now",
    example: "/mentor checkin skip",
    what: "Pause, resume, skip the next one, or send one now.",
  },
  {
    usage: "/mentor hours [HH:MM-HH:MM] [mon-fri]",
    example: "/mentor hours 08:30-17:00 mon-thu",
    what: "Your working hours: check-ins and prompts reach you only then.",
  },
  {
    usage: "/mentor away until YYYY-MM-DD [note] | back",
    example: "/mentor away until 2027-01-08 Skiing",
    what: "Time off: check-ins wait, nothing counts as missed; `back` ends it.",
  },
  {
    usage:
      "/mentor feedback <topic> [at YYYY-MM-DD HH:MM | in <N>h | in <N>m | tomorrow] [from @person]",
    example: "/mentor feedback Quarterly demo in 2h",
    what: "Ask your mentor (or `from @person`) for feedback, now or later.",
    role: "mentee",
  },
  {
    usage: "/mentor feedback list [@person] | cancel <n>",
    example: "/mentor feedback cancel 2",
    what: "Your feedback requests; cancel one not yet sent.",
    role: "mentee",
  },
  {
    usage: "/mentor feedback give @mentee <topic>",
    example: "/mentor feedback give @sam Your demo",
    what: "Give feedback without being asked.",
    role: "mentor",
  },
  {
    usage: "/mentor channels [allow #channel | remove #channel]",
    example: "/mentor channels allow #wins",
    what: "See where milestone shout-outs may go. Program admins: open a channel for them, or close one (its pairs fall back to the program's channel, if there is one).",
  },
  {
    usage: "/mentor block @person | unblock @person",
    example: "/mentor block @olly",
    what: "Stop (or allow again) someone's requests and introductions to you.",
  },
  {
    usage: "/mentor end [@person [@person]] [reason]",
    example: "/mentor end @sam We reached the goal",
    what: "End a mentorship (you confirm first); the roadmap stays readable. Program admins can name both people of a pair: `/mentor end @mentor @mentee`.",
  },
  {
    usage: "/mentor failures",
    example: "/mentor failures",
    what: "Messages that could not be delivered: who missed out and what to do.",
    role: "admin",
  },
  {
    usage: "/mentor reassign @mentee @new-mentor",
    example: "/mentor reassign @sam @olly",
    what: "Move a mentee's mentorship to a new mentor; the roadmap carries on.",
    role: "admin",
  },
  {
    usage: "/mentor forget me",
    example: "/mentor forget me",
    what: "Have your data deleted (you'll be asked to confirm): your mentorships end, what you wrote and your profile are deleted, and others' records name \"a former member\". Program admins can run `/mentor forget @person` for someone.",
  },
  {
    usage: "/mentor admins [add @person | remove @person]",
    example: "/mentor admins add @olly",
    what: "List, add or remove program admins.",
    role: "admin",
  },
  {
    usage: "/mentor program [page]",
    example: "/mentor program",
    what: "The program at a glance, and the pairs that need attention.",
    role: "admin",
  },
  {
    usage: "/mentor export",
    example: "/mentor export",
    what: "Pairs, milestones and check-ins as CSV files in your DM.",
    role: "admin",
  },
  {
    usage: "/mentor my data",
    example: "/mentor my data",
    what: "Everything the bot stores about you, as a JSON file in a DM.",
  },
  {
    usage: "/mentor help",
    example: "/mentor help",
    what: "Show this list.",
  },
];

const GROUPS: ReadonlyArray<{ role: HelpRole; title: string }> = [
  { role: "both", title: "*For mentors and mentees*" },
  { role: "mentee", title: "*For mentees*" },
  { role: "mentor", title: "*For mentors*" },
  { role: "admin", title: "*For program admins*" },
];

/**
 * Said once under the list: how to pick a relationship when you have several, and (as a mention
 * after free text picks only the actor's own partner) how an admin names someone else's pair.
 */
export const SEVERAL_RELATIONSHIPS_TIP =
  "In several mentorships? Add `@person` at the end of a command to pick which one. After free text (a note, a title, a reason) it picks only your own partner; otherwise it stays part of the text. A program admin acting on someone else's pair puts `@person` first: `/mentor done @sam 2 Great session`.";

/** Answer to a button no listener knows (from a message an older version sent). */
export const OLDER_BUTTON_MESSAGE =
  "That button is from an older message, so it no longer does anything. Here is what you can do now: open my *Home* tab for your mentorships and their buttons, or type `/mentor help` for every command.";

/** Shown in place of a form the app no longer knows. */
export const STALE_FORM_MESSAGE =
  "This form is from an older version of the app, so I can't take it. Nothing was saved. Close it and start again from my *Home* tab or with `/mentor help`.";

/** Answer to any message sent to the bot in its Messages tab. */
export const DIRECT_MESSAGE_REPLY =
  "Hi! I don't read messages here. Type `/mentor help` to see what you can do, or open my *Home* tab for your mentorships, milestones and check-ins.";

function groupsFor(isAdmin: boolean) {
  return GROUPS.filter((g) => isAdmin || g.role !== "admin").map((g) => ({
    ...g,
    commands: COMMAND_HELP.filter((c) => (c.role ?? "both") === g.role),
  }));
}

const line = (c: CommandHelp) => `• \`${c.usage}\`: ${c.what} Example: \`${c.example}\``;

export function helpText(options: { isAdmin?: boolean } = {}): string {
  return [
    "Here is what I can do:",
    ...groupsFor(options.isAdmin ?? false).flatMap((g) => [g.title, ...g.commands.map(line)]),
    SEVERAL_RELATIONSHIPS_TIP,
  ].join("\n");
}

/** The help, one section per role (long ones split), admin commands only for admins. */
export function helpBlocks(intro?: string, options: { isAdmin?: boolean } = {}): KnownBlock[] {
  return [
    ...(intro ? [section(intro)] : []),
    ...groupsFor(options.isAdmin ?? false).flatMap((g) =>
      g.commands.length ? sections([g.title, ...g.commands.map(line)].join("\n")) : [],
    ),
    context(SEVERAL_RELATIONSHIPS_TIP),
  ];
}

/** `/mentor` or `/mentor help`. */
export const helpReply = (isAdmin: boolean): SlackMessage => ({
  text: helpText({ isAdmin }),
  blocks: helpBlocks(undefined, { isAdmin }),
});

/** An unknown first word: says so, then the help. */
export function unknownCommandReply(word: string, isAdmin: boolean): SlackMessage {
  const intro = `I don't know the command \`${clip(word)}\`.`;
  return { text: `${intro}\n${helpText({ isAdmin })}`, blocks: helpBlocks(intro, { isAdmin }) };
}
