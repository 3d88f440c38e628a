import type { InputPlace } from "../../domain/errors.js";

/** What to type, shown when something is missing where `place` asks for it. */
export const INPUT_EXAMPLES: { readonly [P in InputPlace]: string } = {
  goal: "/mentor goal Lead a team by 2027-12-31",
  milestone_add: "/mentor milestone add Finish the AWS certification by 2027-03-31",
  milestone_edit: "/mentor milestone edit 2 Lead the Q3 launch by 2027-09-30",
  milestone_show: "/mentor milestone 2",
  milestone_remove: "/mentor milestone remove 2",
  milestone_description: "What done looks like",
  log: "/mentor log 1 Booked the exam for June",
  done: "/mentor done 2 Passed with 92%",
  reopen: "/mentor reopen 2",
  end_command: "/mentor end @sam We reached the goal",
  end_button: "We reached the goal",
  reflection_worked: "Our weekly check-ins",
  reflection_next: "Apply for the lead role",
  congratulation: "Well done! The exam prep really paid off.",
  congratulation_next_step: "Book the next exam",
  feedback_request: "/mentor feedback Quarterly demo in 2h",
  feedback_give: "/mentor feedback give @sam Your demo on Tuesday",
  feedback_give_form: "Your demo on Tuesday",
  intro: "/mentor intro @olly She ran our AWS migration and can tell you about the exam",
  intro_request: "/mentor intro request someone who has moved from engineering to product",
};

/** What to type, shown when a subcommand was typed wrong (messages/usage-messages.ts). */
export const COMMAND_EXAMPLES = {
  pair: "/mentor pair @maria @sam",
  "admins add": "/mentor admins add @olly",
  "admins remove": "/mentor admins remove @olly",
  block: "/mentor block @olly",
  unblock: "/mentor unblock @olly",
  "channels allow": "/mentor channels allow #wins",
  "channels remove": "/mentor channels remove #wins",
  "celebrate in": "/mentor celebrate in #wins",
  "celebrate private": "/mentor celebrate private",
  "celebrate aspiration": "/mentor celebrate aspiration on",
  "checkin every": "/mentor checkin every weekly tue 09:30",
  "feedback from": "/mentor feedback Roadmap review from @alex",
  hours: "/mentor hours 08:30-17:00 mon-thu",
  away: "/mentor away until 2027-01-08 Skiing in the Alps",
  back: "/mentor back",
  program: "/mentor program 2",
  "my data": "/mentor my data",
  reassign: "/mentor reassign @sam @olly",
  forget: "/mentor forget me",
  "kickoff at": "/mentor kickoff at 2026-12-03 16:30",
} as const satisfies Readonly<Record<string, `/mentor ${string}`>>;
