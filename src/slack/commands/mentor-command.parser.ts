import type { FeedbackWhen } from "../../domain/feedback-time.js";
import { parseChannelMention } from "./channel-mention.js";
import { parseMention } from "./mention.js";

/**
 * A `/mentor …` line, understood. Parsing is pure: no I/O, no Slack. It
 * splits words and finds the optional pieces (`<@person>`, `by YYYY-MM-DD`);
 * checking values against the rules is the services' job.
 */
export type MentorCommand =
  | { kind: "help" }
  | { kind: "pair"; mentorId: string; menteeId: string }
  | { kind: "goal"; otherId?: string; text: string; date?: string }
  | { kind: "roadmap"; otherId?: string }
  | { kind: "milestone.add"; otherId?: string; title: string; date?: string }
  | { kind: "milestone.edit"; otherId?: string; number?: string; title: string; date?: string }
  | { kind: "milestone.remove"; otherId?: string; number?: string }
  | { kind: "log"; otherId?: string; number?: string; note: string }
  | { kind: "done"; otherId?: string; number?: string; note: string }
  | { kind: "checkin.show"; otherId?: string }
  | {
      kind: "checkin.every";
      otherId?: string;
      frequency: string;
      weekday?: string;
      time?: string;
      extra: string[];
    }
  | { kind: "checkin.pause" | "checkin.resume" | "checkin.skip" | "checkin.now"; otherId?: string }
  | { kind: "failures" }
  | { kind: "feedback.request"; topic: string; when: FeedbackWhen; fromId?: string }
  | { kind: "feedback.list" }
  | { kind: "feedback.cancel"; number?: string }
  | { kind: "feedback.give"; menteeId?: string; topic: string }
  | { kind: "celebrate.show"; otherId?: string }
  | { kind: "celebrate.channel"; otherId?: string; channelId: string }
  | { kind: "celebrate.mode"; otherId?: string; mode: "public" | "private" }
  | { kind: "intro"; personId: string; menteeId?: string; why: string }
  | { kind: "intro.request"; otherId?: string; topic: string }
  | { kind: "usage"; problem: string; example: string }
  | { kind: "unknown"; word: string };

/**
 * Words with their place in the original text, so free text (a note, an
 * aspiration) keeps its line breaks and spacing when put back together.
 */
class Tokens {
  private constructor(
    private readonly source: string,
    private readonly items: ReadonlyArray<{ word: string; start: number; end: number }>,
  ) {}

  static of(text: string): Tokens {
    return new Tokens(
      text,
      [...text.matchAll(/\S+/g)].map((m) => ({
        word: m[0],
        start: m.index,
        end: m.index + m[0].length,
      })),
    );
  }

  get words(): string[] {
    return this.items.map((i) => i.word);
  }

  get length(): number {
    return this.items.length;
  }

  slice(start: number, end?: number): Tokens {
    return new Tokens(this.source, this.items.slice(start, end));
  }

  /** The original text from the first to the last token, line breaks included. */
  text(): string {
    const first = this.items[0];
    const last = this.items[this.items.length - 1];
    return first && last ? this.source.slice(first.start, last.end) : "";
  }
}

export function parseMentorCommand(text: string): MentorCommand {
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
      return { kind: "roadmap", ...selector(rest).picked };
    case "milestone":
    case "milestones":
      return parseMilestone(rest);
    case "log":
      return parseNote("log", tokens.slice(1));
    case "done":
      return parseNote("done", tokens.slice(1));
    case "checkin":
    case "checkins":
      return parseCheckin(rest);
    case "failures":
      return { kind: "failures" };
    case "celebrate":
    case "celebrations":
      return parseCelebrate(rest);
    case "intro":
    case "introduce":
      return parseIntro(tokens.slice(1));
    case "feedback":
      return parseFeedback(tokens.slice(1));
    default:
      return { kind: "unknown", word: first.slice(0, 40) };
  }
}

/** `/progress <n> <note>`: the short alias of `/mentor log`. */
export function parseProgressCommand(text: string): MentorCommand {
  return parseNote("log", Tokens.of(text));
}

function parsePair(args: string[]): MentorCommand {
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

function parseGoal(args: Tokens): MentorCommand {
  const { picked, tokens } = selectorIn(args);
  const { date, tokens: rest } = dueDateIn(tokens);
  return { kind: "goal", ...picked, text: rest.text(), ...(date ? { date } : {}) };
}

function parseMilestone(args: string[]): MentorCommand {
  const [action, ...rest] = args;
  const { picked, words } = selector(rest);
  switch (action?.toLowerCase()) {
    case "add": {
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
        return {
          kind: "usage",
          problem: "Give just the milestone's number.",
          example: "/mentor milestone remove 2",
        };
      }
      return { kind: "milestone.remove", ...picked, number: words[0] };
    }
    default:
      return {
        kind: "usage",
        problem: "Say what to do with the milestone: add, edit or remove.",
        example: "/mentor milestone add Finish the AWS certification by 2027-03-31",
      };
  }
}

function parseNote(kind: "log" | "done", args: Tokens): MentorCommand {
  const { picked, tokens } = selectorIn(args);
  const number = tokens.words[0];
  return { kind, ...picked, number, note: tokens.slice(1).text() };
}

function parseCheckin(args: string[]): MentorCommand {
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
  return {
    kind: "usage",
    problem:
      "Check-ins take: `every <weekly|biweekly|monthly> [mon..sun] [HH:MM]`, `pause`, `resume`, `skip` or `now`.",
    example: "/mentor checkin every weekly tue 09:30",
  };
}

function parseFeedback(args: Tokens): MentorCommand {
  const [first, second] = args.words;
  switch (first?.toLowerCase()) {
    case undefined:
      return {
        kind: "usage",
        problem: "Say what the feedback is about, and optionally when to ask and whom.",
        example: "/mentor feedback Quarterly demo in 2h",
      };
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
  // `from @person` and the time may come in either order at the end.
  for (let round = 0; round < 2; round++) {
    const w = rest.words.map((x) => x.toLowerCase());
    const n = w.length;
    if (n >= 2 && w[n - 2] === "from") {
      const id = parseMention(rest.words[n - 1] ?? "");
      if (!id)
        return {
          kind: "usage",
          problem: "Mention the person to ask with @.",
          example: "/mentor feedback Roadmap review from @alex",
        };
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
  return { kind: "feedback.request", topic: rest.text(), when, ...(fromId ? { fromId } : {}) };
}

/** `celebrate [in #channel | public | private] [@person]`. */
function parseCelebrate(args: string[]): MentorCommand {
  const { picked, words } = selector(args);
  const [action, ...rest] = words;
  switch (action?.toLowerCase()) {
    case undefined:
      return { kind: "celebrate.show", ...picked };
    case "public":
    case "private":
      if (rest.length > 0) break;
      return {
        kind: "celebrate.mode",
        ...picked,
        mode: action.toLowerCase() === "private" ? "private" : "public",
      };
    case "in": {
      const channelId = rest.length === 1 ? parseChannelMention(rest[0] ?? "") : null;
      if (channelId) return { kind: "celebrate.channel", ...picked, channelId };
      return {
        kind: "usage",
        problem: "Name one channel with #, so Slack turns it into a link.",
        example: "/mentor celebrate in #wins",
      };
    }
  }
  return {
    kind: "usage",
    problem: "Celebrations take: `in #channel`, `public` or `private` (or nothing, to see them).",
    example: "/mentor celebrate private",
  };
}

/** `intro @person [to @mentee] <why>`, or `intro request <topic> [@mentor]`. */
function parseIntro(args: Tokens): MentorCommand {
  const [first, second, third] = args.words;
  if (first?.toLowerCase() === "request") {
    const { picked, tokens } = selectorIn(args.slice(1));
    return { kind: "intro.request", ...picked, topic: tokens.text() };
  }
  const personId = first ? parseMention(first) : null;
  if (!personId) {
    return {
      kind: "usage",
      problem: "Start with the person to introduce, as an @mention, then say why they should meet.",
      example: "/mentor intro @olly She ran our AWS migration and can tell you about the exam",
    };
  }
  const menteeId = second?.toLowerCase() === "to" && third ? parseMention(third) : null;
  return {
    kind: "intro",
    personId,
    ...(menteeId ? { menteeId } : {}),
    why: args.slice(menteeId ? 3 : 1).text(),
  };
}

/** `selector` and `dueDate` over Tokens, for commands whose free text keeps its layout. */
function selectorIn(args: Tokens): { picked: { otherId?: string }; tokens: Tokens } {
  const { picked, words } = selector(args.words);
  const dropFirst = words.length < args.length && args.words[0] !== words[0] ? 1 : 0;
  return { picked, tokens: args.slice(dropFirst, dropFirst + words.length) };
}

function dueDateIn(args: Tokens): { date?: string; tokens: Tokens } {
  const { date, words } = dueDate(args.words);
  return { ...(date ? { date } : {}), tokens: args.slice(0, words.length) };
}

/** An optional `<@person>` first or last picks which relationship is meant. */
function selector(words: string[]): { picked: { otherId?: string }; words: string[] } {
  const first = words[0] ? parseMention(words[0]) : null;
  if (first) return { picked: { otherId: first }, words: words.slice(1) };
  const last = words.length > 0 ? parseMention(words[words.length - 1] ?? "") : null;
  if (last) return { picked: { otherId: last }, words: words.slice(0, -1) };
  return { picked: {}, words };
}

/**
 * A trailing `by <date>`. Only a date-like word counts ("by 2027-06-30", or a
 * mistyped "by 2027-6-31" that the rules then refuse); "lead by example"
 * stays part of the title.
 */
function dueDate(words: string[]): { date?: string; words: string[] } {
  const by = words[words.length - 2];
  const date = words[words.length - 1];
  if (by?.toLowerCase() === "by" && date && /^\d/.test(date)) {
    return { date, words: words.slice(0, -2) };
  }
  return { words };
}
