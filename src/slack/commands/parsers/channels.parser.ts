import { parseChannelMention } from "../channel-mention.js";
import type { ParsedCommand } from "../parsed-command.js";

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
    return {
      kind: "usage",
      problem: "Name one channel with #, so Slack turns it into a link.",
      example: `/mentor channels ${verb === "remove" ? "remove" : "allow"} #wins`,
    };
  }
  return {
    kind: "usage",
    problem: "`channels` takes `allow #channel` or `remove #channel` (or nothing, to list them).",
    example: "/mentor channels allow #wins",
  };
}
