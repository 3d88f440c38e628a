import { plainMentions } from "../mention.js";
import type { ParsedCommand } from "../parsed-command.js";
import {
  dueDate,
  dueDateIn,
  selector,
  selectorIn,
  type Tokens,
  type TrailingMention,
} from "../tokens.js";
import { usage } from "../usage-problem.js";

/** `roadmap [@person]` or `roadmap templates`. */
export function parseRoadmap(args: string[]): ParsedCommand {
  if (args[0]?.toLowerCase() === "templates" && args.length === 1) {
    return { kind: "roadmap.templates" };
  }
  return { kind: "roadmap", ...selector(args).picked };
}

export function parseGoal(args: Tokens, trailing?: TrailingMention): ParsedCommand {
  const { picked, tokens, atEnd } = selectorIn(args, trailing);
  const { date, tokens: rest } = dueDateIn(tokens);
  return {
    kind: "goal",
    ...picked,
    ...atEndOf(atEnd, rest.text()),
    text: rest.text(),
    ...(date ? { date } : {}),
  };
}

/** `pickedAtEnd` when the pick came after free text, which may have meant the mention. */
function atEndOf(atEnd: boolean, text: string): { pickedAtEnd?: true } {
  return atEnd && text.trim() !== "" ? { pickedAtEnd: true } : {};
}

export function parseMilestone(args: string[], trailing?: TrailingMention): ParsedCommand {
  const [action, ...rest] = args;
  const { picked, words, atEnd } = selector(rest, trailing);
  switch (action?.toLowerCase()) {
    case "add": {
      if (words[0]?.toLowerCase() === "template") {
        const template = words.slice(1).join(" ");
        if (!template) return usage("milestone_template_missing");
        return { kind: "milestone.template", ...picked, template };
      }
      const { date, words: title } = dueDate(words);
      return {
        kind: "milestone.add",
        ...picked,
        ...atEndOf(atEnd, title.join(" ")),
        title: plainMentions(title.join(" ")),
        ...(date ? { date } : {}),
      };
    }
    case "edit": {
      const [number, ...more] = words;
      const { date, words: title } = dueDate(more);
      return {
        kind: "milestone.edit",
        ...picked,
        ...atEndOf(atEnd, title.join(" ")),
        number,
        title: plainMentions(title.join(" ")),
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

export function parseNote(
  kind: "log" | "done",
  args: Tokens,
  trailing?: TrailingMention,
): ParsedCommand {
  const { picked, tokens, atEnd } = selectorIn(args, trailing);
  const number = tokens.words[0];
  const note = tokens.slice(1).text();
  return { kind, ...picked, ...atEndOf(atEnd, note), number, note };
}

/** `reopen <n>`: a milestone marked reached by mistake goes back to in progress. */
export function parseReopen(args: Tokens): ParsedCommand {
  const { picked, tokens } = selectorIn(args);
  if (tokens.length > 1) {
    return usage("milestone_number_only", { input: "reopen" });
  }
  return { kind: "reopen", ...picked, number: tokens.words[0] };
}
