import { mention } from "../../commands/mention.js";
import type { CommandOf } from "../../commands/parsed-command.js";
import type { SlackMessage } from "../../direct-messenger.js";
import type { SubcommandContext } from "./subcommand.js";

type IntroCommand = CommandOf<"intro" | "intro.request">;

/** `/mentor intro @person [to @mentee] <why>` (the mentor) and `/mentor intro request <topic>` (the mentee). */
export async function introSubcommand(
  { services, actorId }: SubcommandContext,
  command: IntroCommand,
): Promise<SlackMessage> {
  if (command.kind === "intro.request") {
    const request = await services.introductions.requestIntroduction(actorId, {
      ...(command.otherId ? { mentorId: command.otherId } : {}),
      topic: command.topic,
    });
    return {
      text: `I've asked ${mention(request.mentorId)} whom they could introduce you to. They'll get back to you.`,
    };
  }
  const intro = await services.introductions.introduce(actorId, {
    personId: command.personId,
    ...(command.menteeId ? { menteeId: command.menteeId } : {}),
    why: command.why,
  });
  return {
    text: `I'm introducing ${mention(intro.menteeId)} to ${mention(command.personId)} in a group DM of the three of you, with your reason.`,
  };
}
