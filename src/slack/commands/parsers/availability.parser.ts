import type { ParsedCommand } from "../parsed-command.js";
import type { Tokens } from "../tokens.js";
import { usage } from "../usage-problem.js";

/** `hours`, `hours 08:30-17:00 [mon-thu]`. */
export function parseHours(args: string[]): ParsedCommand {
  const [range, days, ...extra] = args;
  if (!range) return { kind: "hours.show" };
  if (extra.length > 0) {
    return usage("hours_extra_words");
  }
  return { kind: "hours.set", range, ...(days ? { days } : {}) };
}

/** `away until YYYY-MM-DD [note]` (the word `until` may be left out). */
export function parseAway(args: Tokens): ParsedCommand {
  const skip = args.words[0]?.toLowerCase() === "until" ? 1 : 0;
  const until = args.words[skip];
  if (!until) {
    return usage("away_date_missing");
  }
  return { kind: "away", until, note: args.slice(skip + 1).text() };
}

/** `back`: ends time off early. */
export function parseBack(args: string[]): ParsedCommand {
  return args.length === 0 ? { kind: "back" } : usage("back_extra_words");
}
