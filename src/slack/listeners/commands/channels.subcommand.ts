import type { CommandOf } from "../../commands/parsed-command.js";
import {
  celebrationChannelsMessage,
  channelAllowedMessage,
  channelRemovedMessage,
} from "../../messages/celebration-channels.messages.js";
import type { SlackMessage } from "../../slack-message.js";
import type { SubcommandContext } from "./subcommand.js";

type ChannelsCommand = CommandOf<`channels.${string}`>;

/** `/mentor channels [allow|remove #channel]`: anyone may list; program admins change the list. */
export async function channelsSubcommand(
  { services, actorId }: SubcommandContext,
  command: ChannelsCommand,
): Promise<SlackMessage> {
  const channels = services.celebrationChannels;
  switch (command.kind) {
    case "channels.list":
      return celebrationChannelsMessage(await channels.list(), channels.defaultChannelId);
    case "channels.allow":
      return channelAllowedMessage(
        command.channelId,
        await channels.allow(actorId, command.channelId),
      );
    case "channels.remove":
      return channelRemovedMessage(
        command.channelId,
        await channels.remove(actorId, command.channelId),
        channels.defaultChannelId,
      );
  }
}
