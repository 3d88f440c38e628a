import type { Relationship } from "../../domain/relationship.js";
import { mention } from "../commands/mention.js";
import type { SlackMessage } from "../slack-message.js";
import { section } from "./blocks.js";

/** To the person who stays: their mentor or mentee has left the workspace. */
export function partnerLeftMessage(relationship: Relationship, leaverId: string): SlackMessage {
  const mentorLeft = relationship.mentorId === leaverId;
  const text =
    `Your ${mentorLeft ? "mentor" : "mentee"} ${mention(leaverId)} has left the workspace, so ` +
    "I've stopped sending them messages. Your roadmap and notes are kept. " +
    (mentorLeft
      ? "A program admin can move your mentorship to a new mentor (`/mentor reassign`)."
      : "When you're ready, close this mentorship with `/mentor end`.");
  return { text, blocks: [section(text)] };
}
