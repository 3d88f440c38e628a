import { parseMention } from "../mention.js";
import type { ParsedCommand } from "../parsed-command.js";
import { usage } from "../usage-problem.js";

/** `block @person`, `unblock @person`. */
export function parseBlock(verb: "block" | "unblock", args: string[]): ParsedCommand {
  const [who, ...extra] = args;
  const userId = who && extra.length === 0 ? parseMention(who) : null;
  if (userId) return { kind: verb, userId };
  return usage("person_mention_needed", { command: verb });
}
