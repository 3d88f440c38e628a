import { parseMention } from "../mention.js";
import type { ParsedCommand } from "../parsed-command.js";
import { usage } from "../usage-problem.js";

export function parsePair(args: string[]): ParsedCommand {
  if (args.length !== 2) {
    return usage("pair_needs_two");
  }
  const [mentorId, menteeId] = args.map(parseMention);
  if (!mentorId || !menteeId) {
    return usage("pair_needs_mentions");
  }
  return { kind: "pair", mentorId, menteeId };
}
