import type { CelebrationSettings } from "../../../domain/celebration.service.js";
import { mention } from "../../commands/mention.js";
import type { CommandOf } from "../../commands/parsed-command.js";
import type { SlackMessage } from "../../direct-messenger.js";
import type { SubcommandContext } from "./subcommand.js";

type CelebrateCommand = CommandOf<`celebrate.${string}`>;

/**
 * `/mentor celebrate [in #channel | public | private]`. Either person (or an
 * admin) picks the channel; public or private is the mentee's choice.
 */
export async function celebrateSubcommand(
  { services, actorId }: SubcommandContext,
  command: CelebrateCommand,
): Promise<SlackMessage> {
  const celebrations = services.celebrations;
  const target = command.otherId ? { otherId: command.otherId } : {};
  switch (command.kind) {
    case "celebrate.show":
      return { text: describe(await celebrations.settings(actorId, target)) };
    case "celebrate.channel": {
      const settings = await celebrations.setChannel(actorId, target, command.channelId);
      const paused =
        settings.mode === "private"
          ? ` Celebrations are private right now, so nothing is posted until ${mention(settings.relationship.menteeId)} types \`/mentor celebrate public\`.`
          : "";
      return {
        text: `Milestone shout-outs for ${mention(settings.relationship.menteeId)} will be posted in <#${command.channelId}>. If it's a private channel, invite me there first: \`/invite @mentorship\`.${paused}`,
      };
    }
    case "celebrate.aspiration": {
      const settings = await celebrations.setShareAspiration(actorId, target, command.share);
      return {
        text: settings.relationship.settings.shareAspiration
          ? "Done: shout-outs will name your aspiration too. `/mentor celebrate aspiration off` keeps it out again."
          : "Done: shout-outs name only the milestone, you and your mentor. Your aspiration and notes stay out.",
      };
    }
    case "celebrate.mode": {
      const settings = await celebrations.setMode(actorId, target, command.mode);
      if (settings.mode === "private") {
        return {
          text: "Done: your milestones won't be posted in a channel. Your mentor still hears about each one. `/mentor celebrate public` shares them again.",
        };
      }
      return {
        text: settings.channelId
          ? `Done: your milestones will be celebrated in <#${settings.channelId}>.`
          : "Done: your milestones will be celebrated in public once a channel is set: `/mentor celebrate in #channel`.",
      };
    }
  }
}

function describe(s: CelebrationSettings): string {
  const where = s.channelId
    ? `in <#${s.channelId}>${s.channelIsDefault ? " (the program's channel)" : ""}`
    : "in no channel yet";
  const mode =
    s.mode === "private"
      ? "*private*: no channel post, only a DM to the mentor"
      : `*public*: a shout-out ${where}, and a DM to the mentor`;
  return [
    `Milestones of ${mention(s.relationship.menteeId)} (mentored by ${mention(s.relationship.mentorId)}) are celebrated ${mode}.`,
    "The mentee chooses with `/mentor celebrate public` or `/mentor celebrate private`; either of you can pick the channel with `/mentor celebrate in #channel`.",
  ].join("\n");
}
