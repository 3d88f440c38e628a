import type { ParsedCommand } from "./parsed-command.js";
import { parseAdmins } from "./parsers/admins.parser.js";
import { parseAway, parseHours } from "./parsers/availability.parser.js";
import { parseBlock } from "./parsers/block.parser.js";
import { parseChannels } from "./parsers/channels.parser.js";
import { parseCheckin } from "./parsers/checkin.parser.js";
import { parseCelebrate, parseIntro } from "./parsers/community.parser.js";
import { parseFeedback } from "./parsers/feedback.parser.js";
import { parseEnd, parseForget, parseReassign } from "./parsers/lifecycle.parser.js";
import { parsePair } from "./parsers/pair.parser.js";
import { parseProgram } from "./parsers/program.parser.js";
import { parseGoal, parseMilestone, parseNote, parseReopen } from "./parsers/roadmap.parser.js";
import { selector, Tokens } from "./tokens.js";

/**
 * A `/mentor …` line, understood: the first word picks the subcommand, whose
 * parser (parsers/) reads the rest. Parsing is pure: no I/O, no Slack.
 */
export function parseMentorCommand(text: string): ParsedCommand {
  const tokens = Tokens.of(text);
  const [first, ...rest] = tokens.words;
  if (!first) return { kind: "help" };
  switch (first.toLowerCase()) {
    case "help":
      return { kind: "help" };
    case "pair":
      return parsePair(rest);
    case "goal":
      return parseGoal(tokens.slice(1));
    case "roadmap":
      if (rest[0]?.toLowerCase() === "templates" && rest.length === 1) {
        return { kind: "roadmap.templates" };
      }
      return { kind: "roadmap", ...selector(rest).picked };
    case "milestone":
    case "milestones":
      return parseMilestone(rest);
    case "log":
      return parseNote("log", tokens.slice(1));
    case "reopen":
    case "undone":
      return parseReopen(tokens.slice(1));
    case "done":
      return parseNote("done", tokens.slice(1));
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
      return parseEnd(tokens.slice(1));
    case "reassign":
      return parseReassign(rest);
    case "forget":
      return parseForget(rest);
    case "export":
      return { kind: "export" };
    case "my":
      if (rest[0]?.toLowerCase() !== "data") return { kind: "unknown", word: first.slice(0, 40) };
      return rest.length === 1
        ? { kind: "my_data" }
        : {
            kind: "usage",
            problem: "`/mentor my data` is always about you, so it takes nothing more.",
            example: "/mentor my data",
          };
    case "celebrate":
    case "celebrations":
      return parseCelebrate(rest);
    case "intro":
    case "introduce":
      return parseIntro(tokens.slice(1));
    case "feedback":
      return parseFeedback(tokens.slice(1));
    case "hours":
      return parseHours(rest);
    case "away":
      return parseAway(tokens.slice(1));
    case "back":
      return rest.length === 0
        ? { kind: "back" }
        : { kind: "usage", problem: "`back` takes nothing after it.", example: "/mentor back" };
    default:
      return { kind: "unknown", word: first.slice(0, 40) };
  }
}

/** `/progress <n> <note>`: the short alias of `/mentor log`. */
export function parseProgressCommand(text: string): ParsedCommand {
  return parseNote("log", Tokens.of(text));
}
