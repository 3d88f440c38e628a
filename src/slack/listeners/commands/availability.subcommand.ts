import type { CommandOf } from "../../commands/parsed-command.js";
import { awayReply, backReply, hoursReply } from "../../messages/availability.messages.js";
import type { SlackMessage } from "../../slack-message.js";
import type { SubcommandContext } from "./subcommand.js";

type AvailabilityCommand = CommandOf<"hours.show" | "hours.set" | "away" | "back">;

/** `/mentor hours …`, `/mentor away until …`, `/mentor back`: about the person who types it. */
export async function availabilitySubcommand(
  { services, actorId }: SubcommandContext,
  command: AvailabilityCommand,
): Promise<SlackMessage> {
  const { availability } = services;
  switch (command.kind) {
    case "hours.show":
      return { text: hoursReply(await availability.calendar(actorId), false) };
    case "hours.set":
      return {
        text: hoursReply(await availability.setHours(actorId, command.range, command.days), true),
      };
    case "away": {
      const away = await availability.goAway(actorId, command.until, command.note);
      return { text: awayReply(away.calendar, away.partnersTold) };
    }
    case "back":
      return { text: backReply(await availability.back(actorId)) };
  }
}
