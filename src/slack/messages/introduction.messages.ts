import type { Introduction } from "../../domain/introduction.js";
import { mention } from "../commands/mention.js";
import type { SlackMessage } from "../slack-message.js";
import { context, section, sections } from "./blocks.js";
import { escapeMrkdwn } from "./escape.js";
import { quote } from "./roadmap.messages.js";

/** Posted in the group DM of mentor, mentee and the person they should meet. */
export function introductionPostMessage(intro: Introduction): SlackMessage {
  const person = mention(intro.personId ?? "");
  const line = `:handshake: ${person}, meet ${mention(intro.menteeId)}! ${mention(intro.mentorId)}, their mentor, thinks you two should talk. Why:`;
  return {
    text: `${line} ${escapeMrkdwn(intro.text)}`,
    blocks: [
      section(line),
      ...sections(quote(intro.text)),
      context(
        `${mention(intro.menteeId)}, a good next step is to say hello and suggest a time to chat.`,
      ),
    ],
  };
}

/** To the mentor: their mentee asks whom they could meet. */
export function introductionRequestMessage(request: Introduction): SlackMessage {
  const line = `:handshake: ${mention(request.menteeId)} asks whom you could introduce them to, about:`;
  const how =
    "If someone comes to mind, `/mentor intro @person <why they should meet>` opens a group DM of the three of you " +
    "(with several mentees, name the one you mean: `/mentor intro @person to @mentee <why>`).";
  return {
    text: `${line} ${escapeMrkdwn(request.text)}`,
    blocks: [section(line), ...sections(quote(request.text)), context(how)],
  };
}

/** To the mentee who asked for an introduction. */
export const introRequestedReply = (mentorId: string): SlackMessage => ({
  text: `I've asked ${mention(mentorId)} whom they could introduce you to. They'll get back to you.`,
});

/** To the mentor making one. */
export const introducingReply = (menteeId: string, personId: string): SlackMessage => ({
  text: `I'm introducing ${mention(menteeId)} to ${mention(personId)} in a group DM of the three of you, with your reason.`,
});
