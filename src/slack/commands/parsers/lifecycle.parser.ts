import { parseMention } from "../mention.js";
import type { ParsedCommand } from "../parsed-command.js";
import type { Tokens, TrailingMention } from "../tokens.js";
import { usage } from "../usage-problem.js";

/**
 * `end [@person [@partner]] [reason]` or `end <reason> @person`: a second mention names the
 * pair's other person (an admin ending a pair they are not in). The reason keeps its layout; a
 * mention after it picks the pair as in other commands (tokens.ts, `TrailingMention`).
 */
export function parseEnd(args: Tokens, trailing: TrailingMention = "picks"): ParsedCommand {
  const [first, second] = args.words;
  const otherId = first ? parseMention(first) : null;
  if (!otherId) {
    const n = args.length;
    const last = n > 1 && trailing === "picks" ? parseMention(args.words[n - 1] ?? "") : null;
    if (last) {
      return { kind: "end", otherId: last, pickedAtEnd: true, reason: args.slice(0, -1).text() };
    }
    return { kind: "end", reason: args.text() };
  }
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
