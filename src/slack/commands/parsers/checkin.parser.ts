import type { ParsedCommand } from "../parsed-command.js";
import { selector } from "../tokens.js";
import { usage } from "../usage-problem.js";

export function parseCheckin(args: string[]): ParsedCommand {
  const { picked, words } = selector(args);
  const [action, ...rest] = words.map((w) => w.toLowerCase());
  switch (action) {
    case undefined:
      return { kind: "checkin.show", ...picked };
    case "pause":
    case "resume":
    case "skip":
    case "now":
      if (rest.length > 0) break;
      return { kind: `checkin.${action}`, ...picked };
    case "every": {
      const [frequency = "", ...more] = rest;
      const time = more.find((w) => w.includes(":"));
      const others = more.filter((w) => w !== time);
      const [weekday, ...extra] = others;
      return { kind: "checkin.every", ...picked, frequency, weekday, time, extra };
    }
  }
  return usage("checkin_action_unknown");
}
