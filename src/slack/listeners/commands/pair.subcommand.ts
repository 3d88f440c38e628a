import { mention } from "../../commands/mention.js";
import type { SlackMessage } from "../../direct-messenger.js";
import type { Services } from "../../services.js";

export async function pairSubcommand(
  services: Services,
  actorId: string,
  mentorId: string,
  menteeId: string,
): Promise<SlackMessage> {
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
}
