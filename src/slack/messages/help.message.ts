import type { KnownBlock } from "@slack/types";
import { section } from "./blocks.js";

interface CommandHelp {
  usage: string;
  example: string;
  what: string;
}

/** Every command, with an example. Later issues add rows here. */
export const COMMAND_HELP: readonly CommandHelp[] = [
  {
    usage: "/mentor pair @mentor @mentee",
    example: "/mentor pair @maria @sam",
    what: "Pair a mentor with a mentee. Program admins pair directly; if you are one of the two, the other person is asked to accept.",
  },
  {
    usage: "/mentor goal <aspiration> [by YYYY-MM-DD]",
    example: "/mentor goal Lead a team by 2027-12-31",
    what: "Set or replace the career aspiration and its target date.",
  },
  {
    usage: "/mentor milestone add <title> [by YYYY-MM-DD]",
    example: "/mentor milestone add Finish the AWS certification by 2027-03-31",
    what: "Add a milestone to the roadmap. With no title, a form opens.",
  },
  {
    usage: "/mentor milestone edit <n> <title> [by YYYY-MM-DD]",
    example: "/mentor milestone edit 2 Lead the Q3 launch by 2027-09-30",
    what: "Change milestone n.",
  },
  {
    usage: "/mentor milestone remove <n>",
    example: "/mentor milestone remove 2",
    what: "Remove milestone n (you'll be asked to confirm).",
  },
  {
    usage: "/mentor milestone <n>",
    example: "/mentor milestone 2",
    what: "Show milestone n in full: what done looks like and its latest note.",
  },
  {
    usage: "/mentor roadmap [@person]",
    example: "/mentor roadmap @sam",
    what: "Show the aspiration, progress and every milestone.",
  },
  {
    usage: "/mentor log <n> <note>",
    example: "/mentor log 1 Booked the exam for June",
    what: "Log progress on milestone n. `/progress <n> <note>` does the same.",
  },
  {
    usage: "/mentor done <n> [note]",
    example: "/mentor done 1 Passed with 92%",
    what: "Mark milestone n as reached. I celebrate it: a shout-out in the celebration channel and a note to the mentor.",
  },
  {
    usage: "/mentor reopen <n>",
    example: "/mentor reopen 2",
    what: "Undo a done: milestone n is in progress again (its celebration is not repeated).",
  },
  {
    usage: "/mentor celebrate [in #channel | public | private]",
    example: "/mentor celebrate in #wins",
    what: "See how milestones are celebrated. Either of you can pick the channel with `in #channel`; only the mentee chooses `public` (the default: a channel shout-out) or `private` (only a DM to the mentor).",
  },
  {
    usage: "/mentor intro @person [to @mentee] <why>",
    example: "/mentor intro @olly She ran our AWS migration and can tell you about the exam",
    what: "Mentors: introduce your mentee to someone in your network, in a group DM of the three of you, saying why. With several mentees, add `to @mentee` after the person.",
  },
  {
    usage: "/mentor intro request <topic>",
    example: "/mentor intro request someone who moved from engineering to product",
    what: "Mentees: ask your mentor whom they could introduce you to.",
  },
  {
    usage: "/mentor checkin",
    example: "/mentor checkin",
    what: "Show the check-in schedule and when the next one comes, in your own time.",
  },
  {
    usage: "/mentor checkin every <weekly|biweekly|monthly> [mon..sun] [HH:MM]",
    example: "/mentor checkin every biweekly thu 16:00",
    what: "Set how often check-ins come, in the mentee's time zone (monthly means the first such weekday).",
  },
  {
    usage: "/mentor checkin pause | resume | skip | now",
    example: "/mentor checkin skip",
    what: "Pause or resume check-ins, skip the next one, or send one right now.",
  },
  {
    usage: "/mentor hours [HH:MM-HH:MM] [mon-fri]",
    example: "/mentor hours 08:30-17:00 mon-thu",
    what: "Show or set your working hours, in your own time zone (default 09:00-18:00, Monday to Friday). Check-ins, reminders and prompts reach you only then.",
  },
  {
    usage: "/mentor away until YYYY-MM-DD [note] | back",
    example: "/mentor away until 2027-01-08 Skiing in the Alps",
    what: 'Time off, through that date: your check-ins and reminders wait (nothing counts as missed) and your mentoring partner is told once. A Slack status like :palm_tree: or "OOO" counts too. `back` ends it early.',
  },
  {
    usage:
      "/mentor feedback <topic> [at YYYY-MM-DD HH:MM | in <N>h | in <N>m | tomorrow] [from @person]",
    example: "/mentor feedback Quarterly demo in 2h",
    what: "Ask your mentor (or someone else, with from @person) for feedback after a presentation or project. With no time, they're asked now; times are in your time zone, and tomorrow means 09:00.",
  },
  {
    usage: "/mentor feedback list | cancel <n>",
    example: "/mentor feedback cancel 2",
    what: "See your feedback requests and their status, or cancel one that hasn't gone out yet.",
  },
  {
    usage: "/mentor feedback give @mentee <topic>",
    example: "/mentor feedback give @sam Your demo on Tuesday",
    what: "Mentors: give feedback without being asked.",
  },
  {
    usage: "/mentor channels [allow #channel | remove #channel]",
    example: "/mentor channels allow #wins",
    what: "See where milestone shout-outs may go. Program admins: open a channel for them, or close one (its pairs fall back to the program's channel).",
  },
  {
    usage: "/mentor block @person | unblock @person",
    example: "/mentor block @olly",
    what: "Stop someone's pairing requests, feedback requests and introductions to you (they aren't told), or let them through again.",
  },
  {
    usage: "/mentor failures",
    example: "/mentor failures",
    what: "Program admins: list messages that could not be delivered, and why.",
  },
  {
    usage: "/mentor end [@person] [reason]",
    example: "/mentor end @sam We reached the goal",
    what: "End a mentorship (you'll be asked to confirm): check-ins and reminders stop, both people are thanked and invited to reflect, and the roadmap stays readable. Either of the two can end it; program admins name one of them.",
  },
  {
    usage: "/mentor reassign @mentee @new-mentor",
    example: "/mentor reassign @sam @olly",
    what: "Program admins: move a mentee's mentorship to a new mentor. The roadmap, progress and check-in schedule carry on; the previous mentor is thanked and the new one gets the roadmap so far.",
  },
  {
    usage: "/mentor admins [add @person | remove @person]",
    example: "/mentor admins add @olly",
    what: "Program admins: list the admins, add one, or remove one. Admins from the bot's settings stay admins, and the last admin can't remove themself.",
  },
  {
    usage: "/mentor program [page]",
    example: "/mentor program",
    what: "Program admins: pairs by status, the last 30 days against the 30 before (check-ins, answers, milestones, feedback, introductions), and the pairs that need attention, most urgent first.",
  },
  {
    usage: "/mentor export",
    example: "/mentor export",
    what: "Program admins: get pairs.csv, milestones.csv and checkins.csv in a DM, with every mentorship, milestone and check-in.",
  },
  {
    usage: "/mentor my data",
    example: "/mentor my data",
    what: "Get everything the bot stores about you (profile, mentorships, roadmaps, notes, check-in answers, feedback, introductions, audit entries) as a JSON file in a DM.",
  },
  {
    usage: "/mentor help",
    example: "/mentor help",
    what: "Show this list.",
  },
];

/** Said once under the list: how to pick a relationship when you have several. */
export const SEVERAL_RELATIONSHIPS_TIP =
  "In several mentorships? Add `@person` at the end of a command to pick which one.";

export function helpText(): string {
  return [
    "Here is what I can do:",
    ...COMMAND_HELP.map((c) => `• \`${c.usage}\`: ${c.what} Example: \`${c.example}\``),
    SEVERAL_RELATIONSHIPS_TIP,
  ].join("\n");
}

export function helpBlocks(intro?: string): KnownBlock[] {
  return [
    ...(intro ? [section(intro)] : []),
    section("*Mentorship check-ins: what you can type*"),
    ...COMMAND_HELP.map((c) => section(`\`${c.usage}\`\n${c.what}\n_Example:_ \`${c.example}\``)),
    section(`_${SEVERAL_RELATIONSHIPS_TIP}_`),
  ];
}
