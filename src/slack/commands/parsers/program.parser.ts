import type { ParsedCommand } from "../parsed-command.js";

/** `/mentor program [page]`. */
export function parseProgram(args: string[]): ParsedCommand {
  const [page, ...extra] = args;
  if (page === undefined) return { kind: "program", page: 1 };
  if (extra.length > 0 || !/^[1-9]\d{0,3}$/.test(page)) {
    return {
      kind: "usage",
      problem: "Add a page number, or nothing for the first page.",
      example: "/mentor program 2",
    };
  }
  return { kind: "program", page: Number(page) };
}

/** `my data`: everything stored about the caller. */
export function parseMy(first: string, args: string[]): ParsedCommand {
  if (args[0]?.toLowerCase() !== "data") return { kind: "unknown", word: first.slice(0, 40) };
  return args.length === 1
    ? { kind: "my_data" }
    : {
        kind: "usage",
        problem: "`/mentor my data` is always about you, so it takes nothing more.",
        example: "/mentor my data",
      };
}
