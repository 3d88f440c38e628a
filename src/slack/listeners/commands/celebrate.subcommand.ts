import type { CommandOf } from "../../commands/parsed-command.js";
import {
  celebrationChannelSetReply,
  celebrationModeReply,
  celebrationSettingsReply,
  shareAspirationReply,
} from "../../messages/celebration-settings.messages.js";
import type { SlackMessage } from "../../slack-message.js";
import type { SubcommandContext } from "./subcommand.js";

/**
 * `/mentor celebrate [in #channel | public | private]`. Either person (or an
 * admin) picks the channel; public or private is the mentee's choice.
 */
export async function celebrateSubcommand(
  { services, actorId }: SubcommandContext,
  command: CommandOf<`celebrate.${string}`>,
): Promise<SlackMessage> {
  const celebrations = services.celebrationSettings;
  const target = command.otherId ? { otherId: command.otherId } : {};
  switch (command.kind) {
    case "celebrate.show":
      return celebrationSettingsReply(await celebrations.settings(actorId, target));
    case "celebrate.channel":
      return celebrationChannelSetReply(
        await celebrations.setChannel(actorId, target, command.channelId),
        command.channelId,
      );
    case "celebrate.aspiration": {
      const settings = await celebrations.setShareAspiration(actorId, target, command.share);
      return shareAspirationReply(settings.relationship.settings.shareAspiration === true);
    }
    case "celebrate.mode":
      return celebrationModeReply(await celebrations.setMode(actorId, target, command.mode));
  }
}
