import type { Relationship } from "../../domain/relationship.js";
import { mention } from "../commands/mention.js";
import type { SlackMessage } from "../slack-message.js";
import { actions, button, context, section } from "./blocks.js";
import { adminNames } from "./program-admins.messages.js";

export const PAIRING_ACTIONS = {
  accept: "pairing.accept",
  decline: "pairing.decline",
} as const;

const WHAT_HAPPENS_NEXT =
  "*What happens next:* together, write a roadmap: your career aspiration and the milestones toward it. " +
  "I'll check in with the mentee on those milestones on a regular cadence (the mentor hears the answers) " +
  "and celebrate each milestone reached. After a presentation or project, the mentee asks for feedback " +
  "with `/mentor feedback <topic>`. Type `/mentor help` to see every command.";

/**
 * To each of a new pair (made by an admin, or by a request the other accepted): who the other
 * person is and what comes next. The requester hears the acceptance here, in one DM.
 */
export function introductionMessage(relationship: Relationship, recipientId: string): SlackMessage {
  const isMentor = recipientId === relationship.mentorId;
  const other = isMentor ? relationship.menteeId : relationship.mentorId;
  const role = isMentor ? "mentee" : "mentor";
  const line =
    relationship.requestedBy === recipientId
      ? `:tada: ${mention(other)} accepted your mentorship request: meet your new ${role}!`
      : isMentor
        ? `:wave: Meet ${mention(other)}, your new mentee! You've been paired as their mentor.`
        : `:wave: Meet ${mention(other)}, your new mentor! You've been paired as their mentee.`;
  return {
    text: line,
    blocks: [
      section(line),
      section(
        isMentor
          ? "A good first step: say hello and book a first conversation about where they want to go."
          : "A good first step: say hello and share where you'd like your career to go.",
      ),
      section(WHAT_HAPPENS_NEXT),
    ],
  };
}

/** To the person who was asked: Accept or Decline. */
export function pairingRequestMessage(relationship: Relationship): SlackMessage {
  const requester = relationship.requestedBy ?? relationship.createdBy;
  const asMentor = relationship.awaitingUserId === relationship.mentorId;
  const line = `${mention(requester)} would like you to be their ${asMentor ? "mentor" : "mentee"}.`;
  return {
    text: line,
    blocks: [
      section(`:handshake: ${line}`),
      context(
        `If you accept, you'll both be introduced and plan a kickoff. Then ${
          asMentor
            ? "your mentee gets milestone check-ins and you hear their answers"
            : "you get milestone check-ins and your mentor hears your answers"
        }, and each milestone reached is celebrated.`,
      ),
      actions("pairing_request", [
        button("Accept", PAIRING_ACTIONS.accept, relationship.id, "primary"),
        button("Decline", PAIRING_ACTIONS.decline, relationship.id),
      ]),
    ],
  };
}

/** Replaces the Accept/Decline buttons once the request is answered. */
export function pairingAnsweredMessage(
  relationship: Relationship,
  accepted: boolean,
): SlackMessage {
  const requester = relationship.requestedBy ?? relationship.createdBy;
  const line = accepted
    ? `:white_check_mark: You accepted ${mention(requester)}'s request. You're now paired!`
    : `You declined ${mention(requester)}'s request. No hard feelings; they've been told kindly.`;
  return { text: line, blocks: [section(line)] };
}

/** To the requester: the other person said no, told gently, and who can help find another match. */
export function requestDeclinedMessage(
  relationship: Relationship,
  admins: readonly string[],
): SlackMessage {
  const invitee =
    relationship.requestedBy === relationship.mentorId
      ? relationship.menteeId
      : relationship.mentorId;
  const next = admins.length
    ? `A program admin can help you find another match: ${adminNames(admins)}.`
    : "You can ask someone else with `/mentor pair @mentor @mentee`.";
  const line =
    `${mention(invitee)} isn't able to take on this mentorship right now. ` +
    `That's about timing, not about you. ${next}`;
  return { text: line, blocks: [section(line)] };
}

/** `/mentor pair …` by an admin: done at once. */
export const pairedReply = (mentorId: string, menteeId: string): SlackMessage => ({
  text:
    `Done: ${mention(mentorId)} is now mentoring ${mention(menteeId)}. ` +
    "I've sent them both a message to introduce them.",
});

/** `/mentor pair …` by one of the two: the other is asked. */
export const pairRequestSentReply = (inviteeId: string): SlackMessage => ({
  text: `I've asked ${mention(inviteeId)} to accept. I'll let you know as soon as they answer.`,
});
