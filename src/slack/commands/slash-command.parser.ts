import type { ParsedCommand } from "./parsed-command.js";
import { parseAdmins } from "./parsers/admins.parser.js";
import { parseAway, parseBack, parseHours } from "./parsers/availability.parser.js";
import { parseBlock } from "./parsers/block.parser.js";
import { parseChannels } from "./parsers/channels.parser.js";
import { parseCheckin } from "./parsers/checkin.parser.js";
import { parseCelebrate, parseIntro } from "./parsers/community.parser.js";
import { parseFeedback } from "./parsers/feedback.parser.js";
import { parseKickoff } from "./parsers/kickoff.parser.js";
import { parseEnd, parseForget, parseReassign } from "./parsers/lifecycle.parser.js";
import { parsePair } from "./parsers/pair.parser.js";
import { parseMy, parseProgram } from "./parsers/program.parser.js";
import {
  parseGoal,
  parseMilestone,
  parseNote,
  parseReopen,
  parseRoadmap,
} from "./parsers/roadmap.parser.js";
import { Tokens, type TrailingMention } from "./tokens.js";
import { asTyped } from "./typed-text.js";

/**
 * A `/mentor …` line, understood: the first word picks the subcommand, whose
 * parser (parsers/) reads the rest. Parsing is pure: no I/O, no Slack. `trailing` says how a
 * mention after free text is read (tokens.ts).
 */
export function parseMentorCommand(text: string, trailing?: TrailingMention): ParsedCommand {
  const tokens = Tokens.of(asTyped(text));
  const [first, ...rest] = tokens.words;
  if (!first) return { kind: "help" };
  switch (first.toLowerCase()) {
    case "help":
      return { kind: "help" };
    case "pair":
      return parsePair(rest);
    case "goal":
      return parseGoal(tokens.slice(1), trailing);
    case "roadmap":
      return parseRoadmap(rest);
    case "milestone":
    case "milestones":
      return parseMilestone(rest, trailing);
    case "log":
      return parseNote("log", tokens.slice(1), trailing);
    case "reopen":
    case "undone":
      return parseReopen(tokens.slice(1));
    case "done":
      return parseNote("done", tokens.slice(1), trailing);
    case "checkin":
    case "checkins":
      return parseCheckin(rest);
    case "failures":
      return { kind: "failures" };
    case "channels":
      return parseChannels(rest);
    case "block":
    case "unblock":
      return parseBlock(first.toLowerCase() as "block" | "unblock", rest);
    case "admins":
    case "admin":
      return parseAdmins(rest);
    case "program":
      return parseProgram(rest);
    case "end":
      return parseEnd(tokens.slice(1), trailing);
    case "reassign":
      return parseReassign(rest);
    case "forget":
      return parseForget(rest);
    case "export":
      return { kind: "export" };
    case "my":
      return parseMy(first, rest);
    case "celebrate":
    case "celebrations":
      return parseCelebrate(rest);
    case "intro":
    case "introduce":
      return parseIntro(tokens.slice(1), trailing);
    case "feedback":
      return parseFeedback(tokens.slice(1), trailing);
    case "hours":
      return parseHours(rest);
    case "away":
      return parseAway(tokens.slice(1));
    case "kickoff":
      return parseKickoff(rest);
    case "back":
      return parseBack(rest);
    default:
      return { kind: "unknown", word: first.slice(0, 40) };
  }
}

/** `/progress <n> <note>`: the short alias of `/mentor log`. */
export function parseProgressCommand(text: string, trailing?: TrailingMention): ParsedCommand {
  return parseNote("log", Tokens.of(asTyped(text)), trailing);
}
