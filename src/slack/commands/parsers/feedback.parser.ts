import type { FeedbackWhen } from "../../../domain/feedback-time.js";
import { parseMention } from "../mention.js";
import type { ParsedCommand } from "../parsed-command.js";
import type { Tokens } from "../tokens.js";
import { usage } from "../usage-problem.js";

export function parseFeedback(args: Tokens): ParsedCommand {
  const [first, second] = args.words;
  switch (first?.toLowerCase()) {
    case undefined:
      return usage("feedback_topic_missing");
    case "list":
      if (args.length === 1) return { kind: "feedback.list" };
      break;
    case "cancel":
      return { kind: "feedback.cancel", number: second };
    case "give": {
      const menteeId = second ? parseMention(second) : null;
      return {
        kind: "feedback.give",
        ...(menteeId ? { menteeId } : {}),
        topic: args.slice(menteeId ? 2 : 1).text(),
      };
    }
  }
  let rest = args;
  let when: FeedbackWhen = { kind: "now" };
  let fromId: string | undefined;
  let otherId: string | undefined;
  // `from @person`, the time and a bare `@mentor` may come in any order at the end.
  for (let round = 0; round < 3; round++) {
    const w = rest.words.map((x) => x.toLowerCase());
    const n = w.length;
    const bare = n >= 2 && w[n - 2] !== "from" ? parseMention(rest.words[n - 1] ?? "") : null;
    if (bare && !otherId) {
      otherId = bare;
      rest = rest.slice(0, n - 1);
    } else if (n >= 2 && w[n - 2] === "from") {
      const id = parseMention(rest.words[n - 1] ?? "");
      if (!id) return usage("feedback_giver_not_mention");
      fromId = id;
      rest = rest.slice(0, n - 2);
    } else if (n >= 3 && w[n - 3] === "at" && /^\d{4}-\d{1,2}-\d{1,2}$/.test(w[n - 2] ?? "")) {
      when = { kind: "at", date: w[n - 2] ?? "", time: w[n - 1] ?? "" };
      rest = rest.slice(0, n - 3);
    } else if (n >= 2 && w[n - 2] === "in" && /^\d+[hm]$/.test(w[n - 1] ?? "")) {
      const amount = (w[n - 1] ?? "").slice(0, -1);
      when = { kind: "in", amount, unit: (w[n - 1] ?? "").endsWith("h") ? "h" : "m" };
      rest = rest.slice(0, n - 2);
    } else if (n >= 1 && w[n - 1] === "tomorrow") {
      when = { kind: "tomorrow" };
      rest = rest.slice(0, n - 1);
    }
  }
  return {
    kind: "feedback.request",
    topic: rest.text(),
    when,
    ...(fromId ? { fromId } : {}),
    ...(otherId ? { otherId } : {}),
  };
}
