import { parseMention } from "../mention.js";
import type { ParsedCommand } from "../parsed-command.js";

/** `admins`, `admins add @person`, `admins remove @person`. */
export function parseAdmins(args: string[]): ParsedCommand {
  const [action, who, ...extra] = args;
  if (!action) return { kind: "admins.list" };
  const verb = action.toLowerCase();
  if (verb === "add" || verb === "remove") {
    const userId = who && extra.length === 0 ? parseMention(who) : null;
    if (userId) return { kind: verb === "add" ? "admins.add" : "admins.remove", userId };
    return {
      kind: "usage",
      problem: `Name one person with @, so Slack turns it into a mention.`,
      example: `/mentor admins ${verb} @olly`,
    };
  }
  return {
    kind: "usage",
    problem: "`admins` takes `add @person` or `remove @person` (or nothing, to list them).",
    example: "/mentor admins add @olly",
  };
}
