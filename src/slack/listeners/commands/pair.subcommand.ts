import { mention } from "../../commands/mention.js";
import type { Subcommand } from "./subcommand.js";

/** `/mentor pair @mentor @mentee`: an admin pairs at once; one of the two asks the other. */
export const pairSubcommand: Subcommand<"pair"> = async ({ services, actorId }, command) => {
  const { mentorId, menteeId } = command;
  const outcome = await services.pairing.pair(actorId, mentorId, menteeId);
  if (outcome.kind === "activated") {
    return {
      text:
        `Done: ${mention(mentorId)} is now mentoring ${mention(menteeId)}. ` +
        "I've sent them both a message to introduce them.",
    };
  }
  return {
    text:
      `I've asked ${mention(outcome.invitee.slackUserId)} to accept. ` +
      "I'll let you know as soon as they answer.",
  };
};
