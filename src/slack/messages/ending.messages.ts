import type { Relationship } from "../../domain/relationship.js";
import { mention } from "../commands/mention.js";
import type { SlackMessage } from "../slack-message.js";
import { actions, button, section } from "./blocks.js";
import { escapeMrkdwn } from "./escape.js";

export const ENDING_ACTIONS = {
  confirm: "relationship.end.confirm",
  cancel: "relationship.end.cancel",
  reflect: "relationship.reflect",
} as const;

/** The confirm button carries the pair and the reason: "<relationshipId>|<reason>". */
export const endButtonValue = (relationshipId: string, reason: string) =>
  `${relationshipId}|${reason}`;

export function readEndButtonValue(value: string): { relationshipId: string; reason: string } {
  const bar = value.indexOf("|");
  return bar < 0
    ? { relationshipId: value, reason: "" }
    : { relationshipId: value.slice(0, bar), reason: value.slice(bar + 1) };
}

/** "End the mentorship of @maria and @sam?" with End mentorship / Keep it. */
export function confirmEndMessage(relationship: Relationship, reason: string): SlackMessage {
  const pair = `${mention(relationship.mentorId)} (mentor) and ${mention(relationship.menteeId)} (mentee)`;
  const question =
    `End the mentorship of ${pair}? Check-ins, reminders and feedback requests stop, and both ` +
    "get a thank-you note. The roadmap and its history stay readable.";
  return {
    text: `End the mentorship of ${pair}?`,
    blocks: [
      section(reason ? `${question}\n_Reason:_ ${escapeMrkdwn(reason)}` : question),
      actions("relationship_end", [
        button(
          "End mentorship",
          ENDING_ACTIONS.confirm,
          endButtonValue(relationship.id, reason),
          "danger",
        ),
        button("Keep it", ENDING_ACTIONS.cancel, relationship.id),
      ]),
    ],
  };
}

export const endedReply = (relationship: Relationship): SlackMessage => ({
  text:
    `The mentorship of ${mention(relationship.mentorId)} and ${mention(relationship.menteeId)} ` +
    "has ended. I've thanked them both and invited a short reflection.",
});

export const keptReply: SlackMessage = { text: "Kept it: the mentorship goes on." };

/** To each of the two: thanks, and an invitation to look back. */
export function closingMessage(relationship: Relationship, recipientId: string): SlackMessage {
  const isMentor = recipientId === relationship.mentorId;
  const other = isMentor ? relationship.menteeId : relationship.mentorId;
  const thanks = isMentor
    ? `:pray: Your mentorship of ${mention(other)} has ended. Thank you for your time, your questions and your care.`
    : `:pray: Your mentorship with ${mention(other)} has ended. Thank you for the work you put into your growth.`;
  return {
    text: thanks,
    blocks: [
      section(thanks),
      section(
        "Would you take two minutes to look back? What worked, and what the mentee will do next. " +
          "Your answers stay with the mentorship, and its roadmap stays readable: `/mentor roadmap @person`.",
      ),
      actions("relationship_reflect", [
        button("Share a reflection", ENDING_ACTIONS.reflect, relationship.id, "primary"),
      ]),
    ],
  };
}

export const reflectionSavedReply: SlackMessage = {
  text: "Thank you for your reflection. It's saved with the mentorship.",
};

/** The reflection form did not open (not a refusal): nothing was saved, so try again. */
export const REFLECTION_NOT_OPENED_MESSAGE = "Sorry, I couldn't open that form. Please try again.";
