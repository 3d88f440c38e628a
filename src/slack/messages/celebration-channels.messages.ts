import type { SlackMessage } from "../slack-message.js";

const channel = (id: string) => `<#${id}>`;

export function celebrationChannelsMessage(
  ids: string[],
  defaultId: string | undefined,
): SlackMessage {
  if (ids.length === 0) {
    return {
      text: "No channel is open for milestone shout-outs yet. A program admin can add one with `/mentor channels allow #channel`.",
    };
  }
  const lines = ids.map(
    (id) => `• ${channel(id)}${id === defaultId ? " (the program's channel)" : ""}`,
  );
  return {
    text: [
      "Milestone shout-outs can go to:",
      ...lines,
      "A pair picks one with `/mentor celebrate in #channel`; program admins change the list with `/mentor channels allow|remove #channel`.",
    ].join("\n"),
  };
}

export function channelAllowedMessage(id: string, added: boolean): SlackMessage {
  return {
    text: added
      ? `${channel(id)} is now open for milestone shout-outs: pairs can pick it with \`/mentor celebrate in ${channel(id)}\`. If it's private, invite me there first: \`/invite @mentorship\`.`
      : `${channel(id)} was already open for shout-outs.`,
  };
}

/** `defaultId`: CELEBRATION_CHANNEL_ID, where the channel's pairs go next; without it, nowhere. */
export function channelRemovedMessage(
  id: string,
  removed: boolean,
  defaultId: string | undefined,
): SlackMessage {
  if (!removed) return { text: `${channel(id)} wasn't on the list, so nothing changed.` };
  const after = defaultId
    ? `Pairs that picked it now celebrate in ${channel(defaultId)}, the program's channel.`
    : "The program has no channel of its own, so pairs that picked it get no channel post until they pick another with `/mentor celebrate in #channel`.";
  return { text: `${channel(id)} is no longer open for shout-outs. ${after}` };
}
