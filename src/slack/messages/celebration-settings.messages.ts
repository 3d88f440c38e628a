import type { CelebrationSettings } from "../../domain/celebration-settings.service.js";
import { mention } from "../commands/mention.js";
import type { SlackMessage } from "../slack-message.js";

/** `/mentor celebrate`: where and how the pair's milestones are celebrated, and who chooses. */
export function celebrationSettingsReply(s: CelebrationSettings): SlackMessage {
  const mode =
    s.mode === "private"
      ? "*private*: no channel post, only a DM to the mentor"
      : s.channelId
        ? `*public*: a shout-out in <#${s.channelId}>${s.channelIsDefault ? " (the program's channel)" : ""}, and a DM to the mentor`
        : "*public*, but no channel is picked yet (and the program has none), so for now only a DM to the mentor";
  return {
    text: [
      `Milestones of ${mention(s.relationship.menteeId)} (mentored by ${mention(s.relationship.mentorId)}) are celebrated ${mode}.`,
      "The mentee chooses with `/mentor celebrate public` or `/mentor celebrate private`; either of you can pick the channel with `/mentor celebrate in #channel`.",
    ].join("\n"),
  };
}

/** `/mentor celebrate in #channel`: set, and whether anything is posted yet. */
export function celebrationChannelSetReply(
  s: CelebrationSettings,
  channelId: string,
): SlackMessage {
  const menteeId = s.relationship.menteeId;
  const paused =
    s.mode === "private"
      ? ` Celebrations are private right now, so nothing is posted until ${mention(menteeId)} types \`/mentor celebrate public\`.`
      : "";
  return {
    text: `Milestone shout-outs for ${mention(menteeId)} will be posted in <#${channelId}>. If it's a private channel, invite me there first: \`/invite @mentorship\`.${paused}`,
  };
}

/** `/mentor celebrate aspiration on|off`. */
export const shareAspirationReply = (shared: boolean): SlackMessage => ({
  text: shared
    ? "Done: shout-outs will name your aspiration too. `/mentor celebrate aspiration off` keeps it out again."
    : "Done: shout-outs name only the milestone, you and your mentor. Your aspiration and notes stay out.",
});

/** `/mentor celebrate public|private`. */
export function celebrationModeReply(s: CelebrationSettings): SlackMessage {
  if (s.mode === "private") {
    return {
      text: "Done: your milestones won't be posted in a channel. Your mentor still hears about each one. `/mentor celebrate public` shares them again.",
    };
  }
  return {
    text: s.channelId
      ? `Done: your milestones will be celebrated in <#${s.channelId}>.`
      : "Done: your milestones will be celebrated in public once a channel is set: `/mentor celebrate in #channel`.",
  };
}
