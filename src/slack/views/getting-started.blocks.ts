import type { KnownBlock } from "@slack/types";
import { context, section } from "../messages/blocks.js";

/** What the App Home's empty state needs to know of the viewer. */
export interface GettingStarted {
  /** A program admin pairs people at once, so they get an admin's next steps, not a mentee's. */
  isAdmin: boolean;
}

const HELP = context("Type `/mentor help` for every command.");

/** The App Home of someone in no mentorship: what they can do next, for who they are. */
export function gettingStartedBlocks(start: GettingStarted): KnownBlock[] {
  if (start.isAdmin) {
    return [
      section(
        "You're not in a mentorship yourself. As a program admin, you can:\n" +
          "• Pair two people: `/mentor pair @mentor @mentee` (paired at once).\n" +
          "• Allow celebration channels: `/mentor channels allow #channel`.\n" +
          "• See how the program is doing: `/mentor program`.",
      ),
      HELP,
    ];
  }
  return [
    section(
      "You're not in a mentorship yet. To get started:\n" +
        "• Ask a program admin to pair you, or\n" +
        "• Ask someone yourself: `/mentor pair @mentor @mentee` (they'll get a request to accept).\n" +
        "Then write your roadmap together: `/mentor goal …` and `/mentor milestone add …`.",
    ),
    HELP,
  ];
}
