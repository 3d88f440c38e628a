import { parseMention } from "../mention.js";
import type { ParsedCommand } from "../parsed-command.js";

export function parsePair(args: string[]): ParsedCommand {
  const example = "/mentor pair @maria @sam";
  if (args.length !== 2) {
    return {
      kind: "usage",
      problem: "Name exactly two people: the mentor first, then the mentee.",
      example,
    };
  }
  const [mentorId, menteeId] = args.map(parseMention);
  if (!mentorId || !menteeId) {
    return {
      kind: "usage",
      problem: "Mention both people with @, so Slack turns them into mentions.",
      example,
    };
  }
  return { kind: "pair", mentorId, menteeId };
}
