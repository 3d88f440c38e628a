import type { Reassignment } from "../../domain/reassignment.js";
import { mention } from "../commands/mention.js";
import type { SlackMessage } from "../slack-message.js";
import { section } from "./blocks.js";
import { roadmapBlocks } from "./roadmap.messages.js";
import { POSTED_USER_TEXT, SLACK_LIMITS } from "./slack-limits.js";

export function oldMentorMessage(r: Reassignment): SlackMessage {
  const { menteeId, mentorId } = r.relationship;
  const text =
    `:pray: Thank you for mentoring ${mention(menteeId)}. A program admin has moved their ` +
    `mentorship to ${mention(mentorId)}, who picks up the roadmap from here; everything you ` +
    "built together stays in it. You're welcome to stay in touch.";
  return { text, blocks: [section(text)] };
}

export function newMentorMessage(r: Reassignment): SlackMessage {
  const { menteeId } = r.relationship;
  const text =
    `:wave: Meet ${mention(menteeId)}, your new mentee! You're taking over their mentorship from ` +
    `${mention(r.fromMentorId)}: the roadmap, its progress and the check-in schedule carry on.`;
  const intro = [section(text), section("*Their roadmap so far:*")];
  const firstStep = section(
    "A good first step: say hello and ask where they are with their next milestone. `/mentor roadmap` shows it any time.",
  );
  // A DM: within the blocks left, and the text a posted message may carry.
  const room = { blocks: SLACK_LIMITS.blocksPerMessage - intro.length - 1, text: POSTED_USER_TEXT };
  return { text, blocks: [...intro, ...roadmapBlocks(r.roadmap, r.mentorToday, room), firstStep] };
}

export function menteeReassignedMessage(r: Reassignment): SlackMessage {
  const text =
    `Your mentorship now continues with ${mention(r.relationship.mentorId)} as your mentor. ` +
    "Your roadmap, milestones, progress notes and check-in schedule stay as they were.";
  return { text, blocks: [section(text)] };
}

export const reassignedReply = (r: { menteeId: string; mentorId: string }): SlackMessage => ({
  text:
    `Done: ${mention(r.menteeId)}'s mentorship now continues with ${mention(r.mentorId)}. ` +
    "I've told the previous mentor and introduced the new one, with the roadmap so far.",
});
