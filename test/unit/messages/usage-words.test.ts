import { describe, expect, it } from "vitest";
import { parseMentorCommand } from "../../../src/slack/commands/slash-command.parser.js";
import type { UsageCode } from "../../../src/slack/commands/usage-problem.js";
import { usageMessage } from "../../../src/slack/messages/usage-messages.js";

/**
 * For each usage code, lines typed wrong and the words people read for them.
 * The table is typed over every code, so a new code without words here fails
 * the typecheck.
 */
const SAYS: { [C in UsageCode]: ReadonlyArray<[typed: string, says: string]> } = {
  pair_needs_two: [
    [
      "pair <@U1AAA>",
      "Name exactly two people: the mentor first, then the mentee. For example: `/mentor pair @maria @sam`",
    ],
  ],
  pair_needs_mentions: [
    [
      "pair @ann @bo",
      "Mention both people with @, so Slack turns them into mentions. For example: `/mentor pair @maria @sam`",
    ],
  ],
  person_mention_needed: [
    [
      "admins add ann",
      "Name one person with @, so Slack turns it into a mention. For example: `/mentor admins add @olly`",
    ],
    [
      "admins remove <@U1AAA> <@U2BBB>",
      "Name one person with @, so Slack turns it into a mention. For example: `/mentor admins remove @olly`",
    ],
    [
      "block olly",
      "Name one person with @, so Slack turns it into a mention. For example: `/mentor block @olly`",
    ],
    [
      "unblock",
      "Name one person with @, so Slack turns it into a mention. For example: `/mentor unblock @olly`",
    ],
  ],
  channel_mention_needed: [
    [
      "channels add wins",
      "Name one channel with #, so Slack turns it into a link. For example: `/mentor channels allow #wins`",
    ],
    [
      "channels remove",
      "Name one channel with #, so Slack turns it into a link. For example: `/mentor channels remove #wins`",
    ],
    [
      "celebrate in wins",
      "Name one channel with #, so Slack turns it into a link. For example: `/mentor celebrate in #wins`",
    ],
  ],
  admins_action_unknown: [
    [
      "admins promote <@U1AAA>",
      "`admins` takes `add @person` or `remove @person` (or nothing, to list them). For example: `/mentor admins add @olly`",
    ],
  ],
  channels_action_unknown: [
    [
      "channels open #wins",
      "`channels` takes `allow #channel` or `remove #channel` (or nothing, to list them). For example: `/mentor channels allow #wins`",
    ],
  ],
  checkin_action_unknown: [
    [
      "checkin stop",
      "Check-ins take: `every <weekly|biweekly|monthly> [mon..sun] [HH:MM]`, `pause`, `resume`, `skip` or `now`. For example: `/mentor checkin every weekly tue 09:30`",
    ],
  ],
  celebrate_action_unknown: [
    [
      "celebrate loudly",
      "Celebrations take: `in #channel`, `public`, `private` or `aspiration on|off` (or nothing, to see them). For example: `/mentor celebrate private`",
    ],
  ],
  aspiration_switch_unknown: [
    [
      "celebrate aspiration yes",
      "Say `on` to name your aspiration in shout-outs, or `off` to keep it out. For example: `/mentor celebrate aspiration on`",
    ],
  ],
  milestone_action_unknown: [
    [
      "milestone rename 2 Ship it",
      "Say what to do with the milestone: `add`, `edit <n>` or `remove <n>`, or give just its number to see it in full (`/mentor milestone 2`). For example: `/mentor milestone add Finish the AWS certification by 2027-03-31`",
    ],
  ],
  milestone_template_missing: [
    ...["milestone add template", "milestone add TEMPLATE <@U2BBB|bo>"].map(
      (typed): [string, string] => [
        typed,
        "Name the template after `template`; `/mentor roadmap templates` lists them. For example: `/mentor milestone add template public-speaking`",
      ],
    ),
  ],
  milestone_number_only: [
    [
      "milestone remove 2 3",
      "Give just the milestone's number. For example: `/mentor milestone remove 2`",
    ],
    ["reopen 2 please", "Give just the milestone's number. For example: `/mentor reopen 2`"],
  ],
  intro_person_missing: [
    [
      "intro olly because",
      "Start with the person to introduce, as an @mention, then say why they should meet. For example: `/mentor intro @olly She ran our AWS migration and can tell you about the exam`",
    ],
  ],
  feedback_topic_missing: [
    [
      "feedback",
      "Say what the feedback is about, and optionally when to ask and whom. For example: `/mentor feedback Quarterly demo in 2h`",
    ],
  ],
  feedback_giver_not_mention: [
    [
      "feedback My demo from @alex",
      "Mention the person to ask with @. For example: `/mentor feedback Roadmap review from @alex`",
    ],
  ],
  feedback_list_extra_words: [
    ...["feedback list 2", "feedback list @maria", "feedback list <@U1AAA> <@U2BBB>"].map(
      (typed): [string, string] => [
        typed,
        "`feedback list` takes nothing more, or one @person to show only that mentorship's requests. For example: `/mentor feedback list @maria`",
      ],
    ),
  ],
  feedback_when_unclear: [
    [
      "feedback My demo in 2 hours",
      "I couldn't read when to ask. End with `in 2h`, `in 30m`, `tomorrow` or `at 2026-12-03 16:30` (your time), or with no time to ask now. For example: `/mentor feedback Quarterly demo in 2h`",
    ],
    ...[
      "My demo tomorrow 10:00",
      "My demo tomorrow at 10:00",
      "My demo at 10:00",
      "My demo in 2days",
      "My demo at 2026/03/10 10:00",
      "My demo in 30 minutes",
    ].map((topic): [string, string] => [
      `feedback ${topic}`,
      "I couldn't read when to ask. End with `in 2h`, `in 30m`, `tomorrow` or `at 2026-12-03 16:30` (your time), or with no time to ask now. For example: `/mentor feedback Quarterly demo in 2h`",
    ]),
  ],
  hours_extra_words: [
    [
      "hours 08:30 - 17:00",
      "Give the hours, then the days if they aren't Monday to Friday. For example: `/mentor hours 08:30-17:00 mon-thu`",
    ],
  ],
  away_date_missing: [
    [
      "away until",
      "Say the last day you're away. For example: `/mentor away until 2027-01-08 Skiing in the Alps`",
    ],
  ],
  back_extra_words: [["back soon", "`back` takes nothing after it. For example: `/mentor back`"]],
  program_page_invalid: [
    [
      "program two",
      "Add a page number, or nothing for the first page. For example: `/mentor program 2`",
    ],
  ],
  my_data_extra_words: [
    [
      "my data please",
      "`/mentor my data` is always about you, so it takes nothing more. For example: `/mentor my data`",
    ],
  ],
  reassign_people_needed: [
    [
      "reassign <@U1AAA>",
      "Name the mentee first, then their new mentor, both as @mentions. For example: `/mentor reassign @sam @olly`",
    ],
  ],
  forget_target_unknown: [
    [
      "forget everyone",
      "Say `forget me` to have your data deleted (program admins can name a person). For example: `/mentor forget me`",
    ],
  ],
  kickoff_time_missing: [
    [
      "kickoff tomorrow",
      "Give the kickoff's date and time, in your own time zone. For example: `/mentor kickoff at 2026-12-03 16:30`",
    ],
  ],
};

describe("subcommands typed wrong, in words", () => {
  for (const [code, cases] of Object.entries(SAYS)) {
    it(`says what was wrong and what to type for ${code}`, () => {
      for (const [typed, says] of cases) {
        const parsed = parseMentorCommand(typed);
        expect(parsed, typed).toMatchObject({ kind: "usage", code });
        if (parsed.kind !== "usage") continue;
        expect(usageMessage(parsed), typed).toBe(says);
      }
    });
  }

  it("keeps every sentence out of the parsed command", () => {
    for (const cases of Object.values(SAYS)) {
      for (const [typed] of cases) {
        for (const value of Object.values(parseMentorCommand(typed))) {
          expect(JSON.stringify(value), typed).not.toMatch(/[A-Z][a-z]+ /);
        }
      }
    }
  });
});
