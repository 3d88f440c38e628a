import type { ParsedCommand } from "../parsed-command.js";
import { selector } from "../tokens.js";

const EXAMPLE = "/mentor kickoff at 2026-12-03 16:30";

/** `kickoff [@person]`, `kickoff at YYYY-MM-DD HH:MM [@person]`. */
export function parseKickoff(args: string[]): ParsedCommand {
  const { picked, words } = selector(args);
  if (words.length === 0) return { kind: "kickoff.show", ...picked };
  const [at, date, time, ...extra] = words;
  if (at?.toLowerCase() !== "at" || !date || !time || extra.length > 0) {
    return {
      kind: "usage",
      problem: "Give the kickoff's date and time, in your own time zone.",
      example: EXAMPLE,
    };
  }
  return { kind: "kickoff.at", ...picked, date, time };
}
