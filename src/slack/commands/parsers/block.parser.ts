import { parseMention } from "../mention.js";
import type { ParsedCommand } from "../parsed-command.js";

/** `block @person`, `unblock @person`. */
export function parseBlock(verb: "block" | "unblock", args: string[]): ParsedCommand {
  const [who, ...extra] = args;
  const userId = who && extra.length === 0 ? parseMention(who) : null;
  if (userId) return { kind: verb, userId };
  return {
    kind: "usage",
    problem: "Name one person with @, so Slack turns it into a mention.",
    example: `/mentor ${verb} @olly`,
  };
}
