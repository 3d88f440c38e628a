import { parseMention } from "../mention.js";
import type { ParsedCommand } from "../parsed-command.js";
import { usage } from "../usage-problem.js";

/** `admins`, `admins add @person`, `admins remove @person`. */
export function parseAdmins(args: string[]): ParsedCommand {
  const [action, who, ...extra] = args;
  if (!action) return { kind: "admins.list" };
  const verb = action.toLowerCase();
  if (verb === "add" || verb === "remove") {
    const userId = who && extra.length === 0 ? parseMention(who) : null;
    if (userId) return { kind: verb === "add" ? "admins.add" : "admins.remove", userId };
    return usage("person_mention_needed", { command: `admins ${verb}` });
  }
  return usage("admins_action_unknown");
}
