import { parseMention } from "../mention.js";
import type { ParsedCommand } from "../parsed-command.js";
import type { Tokens } from "../tokens.js";
import { usage } from "../usage-problem.js";

/**
 * `end [@person [@partner]] [reason]`: a second mention names the pair's other person (an admin
 * ending a pair they are not in). The reason keeps its layout.
 */
export function parseEnd(args: Tokens): ParsedCommand {
  const [first, second] = args.words;
  const otherId = first ? parseMention(first) : null;
  if (!otherId) return { kind: "end", reason: args.text() };
  const partnerId = second ? parseMention(second) : null;
  if (partnerId) return { kind: "end", otherId, partnerId, reason: args.slice(2).text() };
  return { kind: "end", otherId, reason: args.slice(1).text() };
}

/** `reassign @mentee @new-mentor`. */
export function parseReassign(args: string[]): ParsedCommand {
  const [menteeId, mentorId] = args.map(parseMention);
  if (args.length === 2 && menteeId && mentorId) return { kind: "reassign", menteeId, mentorId };
  return usage("reassign_people_needed");
}

/** `forget me`, or `forget @person` (admins). */
export function parseForget(args: string[]): ParsedCommand {
  const [who, ...extra] = args;
  if (extra.length === 0 && who?.toLowerCase() === "me") return { kind: "forget", target: "me" };
  const userId = who && extra.length === 0 ? parseMention(who) : null;
  if (userId) return { kind: "forget", target: userId };
  return usage("forget_target_unknown");
}
