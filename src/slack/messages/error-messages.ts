import type { DomainError, DomainErrorCode } from "../../domain/errors.js";
import { mention } from "../commands/mention.js";

/** Every user-facing refusal, written once. */
const MESSAGES: { [C in DomainErrorCode]: (details: Readonly<Record<string, string>>) => string } =
  {
    not_allowed_to_pair: () =>
      "Only a program admin, or one of the two people being paired, can set up a pairing.",
    self_pairing: () => "You can't pair someone with themselves. Name two different people.",
    bot_user: (d) => `${who(d)} is a bot, and bots can't be mentors or mentees.`,
    unknown_user: (d) =>
      `I couldn't find ${who(d)} in this workspace. Check the mention and try again.`,
    already_paired: () => "Those two people are already paired.",
    request_already_pending: () =>
      "There's already a pairing request between those two people, waiting for an answer.",
    request_not_found: () => "I couldn't find that pairing request.",
    not_the_invitee: () => "Only the person who was asked can answer this request.",
    request_already_answered: () => "This request has already been answered.",
    invalid_input: (d) => d.message ?? "That didn't look right. Type `/mentor help` for examples.",
  };

export function errorMessage(error: DomainError): string {
  return MESSAGES[error.code](error.details);
}

export const UNEXPECTED_ERROR_MESSAGE =
  "Sorry, something went wrong on my side and nothing was changed. Please try again in a moment.";

function who(details: Readonly<Record<string, string>>): string {
  return details.userId ? mention(details.userId) : "that person";
}
