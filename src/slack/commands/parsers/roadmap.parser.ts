import type { ParsedCommand } from "../parsed-command.js";
import { dueDate, dueDateIn, selector, selectorIn, type Tokens } from "../tokens.js";
import { usage } from "../usage-problem.js";

/** `roadmap [@person]` or `roadmap templates`. */
export function parseRoadmap(args: string[]): ParsedCommand {
  if (args[0]?.toLowerCase() === "templates" && args.length === 1) {
    return { kind: "roadmap.templates" };
  }
  return { kind: "roadmap", ...selector(args).picked };
}

export function parseGoal(args: Tokens): ParsedCommand {
  const { picked, tokens } = selectorIn(args);
  const { date, tokens: rest } = dueDateIn(tokens);
  return { kind: "goal", ...picked, text: rest.text(), ...(date ? { date } : {}) };
}

export function parseMilestone(args: string[]): ParsedCommand {
  const [action, ...rest] = args;
  const { picked, words } = selector(rest);
  switch (action?.toLowerCase()) {
    case "add": {
      if (words[0]?.toLowerCase() === "template") {
        return { kind: "milestone.template", ...picked, template: words.slice(1).join(" ") };
      }
      const { date, words: title } = dueDate(words);
      return {
        kind: "milestone.add",
        ...picked,
        title: title.join(" "),
        ...(date ? { date } : {}),
      };
    }
    case "edit": {
      const [number, ...more] = words;
      const { date, words: title } = dueDate(more);
      return {
        kind: "milestone.edit",
        ...picked,
        number,
        title: title.join(" "),
        ...(date ? { date } : {}),
      };
    }
    case "remove":
    case "delete": {
      if (words.length > 1) {
        return usage("milestone_number_only", { input: "milestone_remove" });
      }
      return { kind: "milestone.remove", ...picked, number: words[0] };
    }
    default:
      // `milestone 3`: show that one in full.
      if (action && /^\d{1,4}$/.test(action) && words.length === 0) {
        return { kind: "milestone.show", ...picked, number: action };
      }
      return usage("milestone_action_unknown");
  }
}

export function parseNote(kind: "log" | "done", args: Tokens): ParsedCommand {
  const { picked, tokens } = selectorIn(args);
  const number = tokens.words[0];
  return { kind, ...picked, number, note: tokens.slice(1).text() };
}

/** `reopen <n>`: a milestone marked reached by mistake goes back to in progress. */
export function parseReopen(args: Tokens): ParsedCommand {
  const { picked, tokens } = selectorIn(args);
  if (tokens.length > 1) {
    return usage("milestone_number_only", { input: "reopen" });
  }
  return { kind: "reopen", ...picked, number: tokens.words[0] };
}
