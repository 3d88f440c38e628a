import type { ParsedCommand } from "../parsed-command.js";
import { selector } from "../tokens.js";
import { usage } from "../usage-problem.js";

/** `kickoff [@person]`, `kickoff at YYYY-MM-DD HH:MM [@person]`. */
export function parseKickoff(args: string[]): ParsedCommand {
  const { picked, words } = selector(args);
  if (words.length === 0) return { kind: "kickoff.show", ...picked };
  const [at, date, time, ...extra] = words;
  if (at?.toLowerCase() !== "at" || !date || !time || extra.length > 0) {
    return usage("kickoff_time_missing");
  }
  return { kind: "kickoff.at", ...picked, date, time };
}
