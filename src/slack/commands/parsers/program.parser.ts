import type { ParsedCommand } from "../parsed-command.js";
import { usage } from "../usage-problem.js";

/** `/mentor program [page]`. */
export function parseProgram(args: string[]): ParsedCommand {
  const [page, ...extra] = args;
  if (page === undefined) return { kind: "program", page: 1 };
  if (extra.length > 0 || !/^[1-9]\d{0,3}$/.test(page)) {
    return usage("program_page_invalid");
  }
  return { kind: "program", page: Number(page) };
}

/** `my data`: everything stored about the caller. */
export function parseMy(first: string, args: string[]): ParsedCommand {
  if (args[0]?.toLowerCase() !== "data") return { kind: "unknown", word: first.slice(0, 40) };
  return args.length === 1 ? { kind: "my_data" } : usage("my_data_extra_words");
}
