import { pairedReply, pairRequestSentReply } from "../../messages/pairing.messages.js";
import type { Subcommand } from "./subcommand.js";

/** `/mentor pair @mentor @mentee`: an admin pairs at once; one of the two asks the other. */
export const pairSubcommand: Subcommand<"pair"> = async ({ services, actorId }, command) => {
  const { mentorId, menteeId } = command;
  const outcome = await services.pairing.pair(actorId, mentorId, menteeId);
  return outcome.kind === "activated"
    ? pairedReply(mentorId, menteeId)
    : pairRequestSentReply(outcome.invitee.slackUserId);
};
