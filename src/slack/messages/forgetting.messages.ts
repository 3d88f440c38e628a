import { mention } from "../commands/mention.js";
import type { SlackMessage } from "../slack-message.js";
import { actions, button, section } from "./blocks.js";

export const FORGET_ACTIONS = {
  confirm: "person.forget.confirm",
  cancel: "person.forget.cancel",
} as const;

/** "Are you sure?" before anything is deleted; the button carries whom to forget. */
export function confirmForgetMessage(
  actorId: string,
  targetId: string,
  mentorships: number,
): SlackMessage {
  const whose = targetId === actorId ? "your" : `${mention(targetId)}'s`;
  const Whose = targetId === actorId ? "Your" : whose;
  const ends =
    mentorships === 0
      ? "There are no mentorships to end. "
      : `${Whose} ${mentorships === 1 ? "mentorship ends" : `${mentorships} mentorships end`} (the other person is thanked as usual). `;
  const question =
    `Forget ${whose} data? ${ends}Progress notes, feedback given, congratulations, introductions, ` +
    "reflections and the profile are deleted. Records the other people keep stay, naming " +
    '"a former member" instead. This can\'t be undone.';
  return {
    text: `Forget ${whose} data? This can't be undone.`,
    blocks: [
      section(question),
      actions("person_forget", [
        button("Forget", FORGET_ACTIONS.confirm, targetId, "danger"),
        button("Keep", FORGET_ACTIONS.cancel, targetId),
      ]),
    ],
  };
}

export const forgottenReply = (actorId: string, targetId: string, ended: number): SlackMessage => ({
  text:
    (targetId === actorId
      ? "Done: I've forgotten your data."
      : `Done: I've forgotten ${mention(targetId)}'s data.`) +
    (ended > 0 ? ` ${ended} mentorship(s) ended, and the other person was thanked.` : ""),
});

export const keptDataReply: SlackMessage = { text: "Kept: nothing was deleted." };
