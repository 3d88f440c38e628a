import type { CommandOf } from "../../commands/parsed-command.js";
import { introducingReply, introRequestedReply } from "../../messages/introduction.messages.js";
import type { SlackMessage } from "../../slack-message.js";
import type { SubcommandContext } from "./subcommand.js";

/** `/mentor intro @person [to @mentee] <why> [@mentee]` (the mentor) and `/mentor intro request <topic>` (the mentee). */
export async function introSubcommand(
  { services, actorId }: SubcommandContext,
  command: CommandOf<"intro" | "intro.request">,
): Promise<SlackMessage> {
  if (command.kind === "intro.request") {
    const request = await services.introductions.requestIntroduction(actorId, {
      ...(command.otherId ? { mentorId: command.otherId } : {}),
      topic: command.topic,
    });
    return introRequestedReply(request.mentorId);
  }
  const intro = await services.introductions.introduce(actorId, {
    personId: command.personId,
    ...(command.menteeId ? { menteeId: command.menteeId } : {}),
    why: command.why,
    ...(command.trailing ? { trailing: command.trailing } : {}),
  });
  return introducingReply(intro.menteeId, command.personId);
}
