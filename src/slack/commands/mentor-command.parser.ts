import { parseMention } from "./mention.js";

/** A `/mentor …` line, understood. Parsing is pure: no I/O, no Slack. */
export type MentorCommand =
  | { kind: "help" }
  | { kind: "pair"; mentorId: string; menteeId: string }
  | { kind: "usage"; subcommand: string; problem: string }
  | { kind: "unknown"; word: string };

export const SUBCOMMANDS = ["help", "pair"] as const;

export function parseMentorCommand(text: string): MentorCommand {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const [first, ...rest] = words;
  if (!first) return { kind: "help" };
  switch (first.toLowerCase()) {
    case "help":
      return { kind: "help" };
    case "pair":
      return parsePair(rest);
    default:
      return { kind: "unknown", word: first.slice(0, 40) };
  }
}

function parsePair(args: string[]): MentorCommand {
  if (args.length !== 2) {
    return {
      kind: "usage",
      subcommand: "pair",
      problem: "Name exactly two people: the mentor first, then the mentee.",
    };
  }
  const [mentorId, menteeId] = args.map(parseMention);
  if (!mentorId || !menteeId) {
    return {
      kind: "usage",
      subcommand: "pair",
      problem: "Mention both people with @, so Slack turns them into mentions.",
    };
  }
  return { kind: "pair", mentorId, menteeId };
}
