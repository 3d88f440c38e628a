import { parseMention } from "../mention.js";
import type { MentorCommand } from "../mentor-command.js";
import type { Tokens } from "../tokens.js";

/** `end [@person] [reason]`: the reason keeps its layout. */
export function parseEnd(args: Tokens): MentorCommand {
  const first = args.words[0];
  const otherId = first ? parseMention(first) : null;
  if (otherId) return { kind: "end", otherId, reason: args.slice(1).text() };
  return { kind: "end", reason: args.text() };
}
