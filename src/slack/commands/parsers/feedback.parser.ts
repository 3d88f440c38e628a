import type { FeedbackWhen } from "../../../domain/feedback-time.js";
import { parseMention } from "../mention.js";
import type { ParsedCommand } from "../parsed-command.js";
import type { Tokens, TrailingMention } from "../tokens.js";
import { usage } from "../usage-problem.js";

export function parseFeedback(args: Tokens, trailing?: TrailingMention): ParsedCommand {
  const [first, second] = args.words;
  switch (first?.toLowerCase()) {
    case undefined:
      return usage("feedback_topic_missing");
    case "list": {
      // `list @person`: that mentorship's requests. A number, a mention or one word after `list`
      // is told how (as `cancel` reads one word); "List of Q3 priorities" is a topic.
      const otherId = second ? parseMention(second) : null;
      if (args.length === 1) return { kind: "feedback.list" };
      if (args.length === 2 && otherId) return { kind: "feedback.list", otherId };
      if (args.length === 2 || /^(\d|<?@)/.test(second ?? "")) {
        return usage("feedback_list_extra_words");
      }
      break;
    }
    case "cancel":
      // Before a number, or with at most one word after it (a mistyped number is told how);
      // "Cancel culture talk" is a topic.
      if (!second || /^\d/.test(second) || args.length === 2) {
        return { kind: "feedback.cancel", number: second };
      }
      break;
    case "give": {
      // Before a mention (or alone, to be told to add one); "Give and take workshop" is a topic,
      // but a plain-text "@sam" (not turned into a mention) is told how, as after `from`.
      const menteeId = second ? parseMention(second) : null;
      if (second && !menteeId && !/^<?@/.test(second)) break;
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
  let pickedAtEnd = false;
  // `from @person`, the time and a bare `@mentor` may come in any order at the end.
  for (let round = 0; round < 3; round++) {
    const piece = pieceAtEnd(rest);
    if (piece === "giver_not_mention") return usage("feedback_giver_not_mention");
    if (!piece) break;
    if (piece.kind === "mention") {
      // Read as text (it named none of the actor's partners), the mention stays in the topic.
      if (otherId || trailing === "text") break;
      otherId = piece.id;
      // Right after the topic's words, it may have been meant as one of them ("Demo prep with
      // @olly"); after a time or `from @person` it can only pick the mentorship.
      pickedAtEnd = pieceAtEnd(piece.rest) === null;
    } else if (piece.kind === "from") {
      fromId = piece.id;
    } else {
      when = piece.when;
    }
    rest = piece.rest;
  }
  // A time typed another way (`in 2 hours`, `at 10:00`, `tomorrow 9:00`) would otherwise ask
  // right away, the time left in the topic.
  if (when.kind === "now" && endsWithUnreadTime(rest.words)) return usage("feedback_when_unclear");
  return {
    kind: "feedback.request",
    topic: rest.text(),
    when,
    ...(fromId ? { fromId } : {}),
    ...(otherId ? { otherId } : {}),
    ...(pickedAtEnd ? { pickedAtEnd: true as const } : {}),
  };
}

type Piece =
  | { kind: "mention"; id: string; rest: Tokens }
  | { kind: "from"; id: string; rest: Tokens }
  | { kind: "when"; when: FeedbackWhen; rest: Tokens };

/** What the request ends with: a bare `@mentor`, `from @person` or a time, and what is before it. */
function pieceAtEnd(rest: Tokens): Piece | "giver_not_mention" | null {
  const w = rest.words.map((x) => x.toLowerCase());
  const n = w.length;
  const last = w[n - 1] ?? "";
  const bare = n >= 2 && w[n - 2] !== "from" ? parseMention(rest.words[n - 1] ?? "") : null;
  if (bare) return { kind: "mention", id: bare, rest: rest.slice(0, n - 1) };
  if (n >= 2 && w[n - 2] === "from" && /^<?@/.test(last)) {
    // `from @person`; "Lessons learned from customers" is a topic, but a plain-text "@alex"
    // (not turned into a mention) is told how.
    const id = parseMention(rest.words[n - 1] ?? "");
    return id ? { kind: "from", id, rest: rest.slice(0, n - 2) } : "giver_not_mention";
  }
  if (n >= 3 && w[n - 3] === "at" && /^\d{4}-\d{1,2}-\d{1,2}$/.test(w[n - 2] ?? "")) {
    const when = { kind: "at" as const, date: w[n - 2] ?? "", time: last };
    return { kind: "when", when, rest: rest.slice(0, n - 3) };
  }
  if (n >= 2 && w[n - 2] === "in" && /^\d+[hm]$/.test(last)) {
    const unit = last.endsWith("h") ? ("h" as const) : ("m" as const);
    return {
      kind: "when",
      when: { kind: "in", amount: last.slice(0, -1), unit },
      rest: rest.slice(0, n - 2),
    };
  }
  if (n >= 1 && last === "tomorrow") {
    return { kind: "when", when: { kind: "tomorrow" }, rest: rest.slice(0, n - 1) };
  }
  return null;
}

// Only what cannot be read as a topic's words: "at 10:00", "at 3pm", "at 2026/03/10", "in 2
// hours"; "Release at 2.0", "Career plan at 30" and "Portfolio review in 3D" stay topics.
const CLOCK_TIME = /^\d{1,2}(([:h]\d{2})(am|pm)?|(am|pm))$/;
const DATE_LIKE = /^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})$/;
const DURATION = /^\d+(hrs?|hours?|mins?|minutes?|days?|weeks?)$/;
const UNIT = /^(h|m|hrs?|hours?|mins?|minutes?|days?|weeks?)$/;

/** Whether the topic ends in a time the rules above did not read. */
function endsWithUnreadTime(words: readonly string[]): boolean {
  const w = words.map((x) => x.toLowerCase());
  const n = w.length;
  const last = w[n - 1] ?? "";
  const [before, twoBefore] = [w[n - 2], w[n - 3]];
  const inDuration =
    (before === "in" && DURATION.test(last)) ||
    (twoBefore === "in" && /^\d+$/.test(before ?? "") && UNIT.test(last));
  const atTime =
    (before === "at" || before === "tomorrow") && (CLOCK_TIME.test(last) || DATE_LIKE.test(last));
  const atDate = twoBefore === "at" && DATE_LIKE.test(before ?? "") && CLOCK_TIME.test(last);
  return inDuration || atTime || atDate;
}
