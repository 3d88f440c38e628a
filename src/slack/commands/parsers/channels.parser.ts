import { parseChannelMention } from "../channel-mention.js";
import type { ParsedCommand } from "../parsed-command.js";
import { usage } from "../usage-problem.js";

/** `channels`, `channels allow #channel`, `channels remove #channel`. */
export function parseChannels(args: string[]): ParsedCommand {
  const [action, which, ...extra] = args;
  if (!action) return { kind: "channels.list" };
  const verb = action.toLowerCase();
  if (verb === "allow" || verb === "add" || verb === "remove") {
    const channelId = which && extra.length === 0 ? parseChannelMention(which) : null;
    if (channelId) {
      return { kind: verb === "remove" ? "channels.remove" : "channels.allow", channelId };
    }
    return usage("channel_mention_needed", {
      command: verb === "remove" ? "channels remove" : "channels allow",
    });
  }
  return usage("channels_action_unknown");
}
