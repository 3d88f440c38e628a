import { parseMention } from "./mention.js";

/**
 * Words with their place in the original text, so free text (a note, an
 * aspiration) keeps its line breaks and spacing when put back together.
 */
export class Tokens {
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

/**
 * How a mention at the end of free text is read ("done 2 Great session, thanks @olly"): first
 * as the pair meant (`picks`); the listener reads the line again with `text` when it names none
 * of the actor's partners, so it stays a word of the note.
 */
export type TrailingMention = "picks" | "text";

/** `selector` and `dueDate` over Tokens, for commands whose free text keeps its layout. */
export function selectorIn(
  args: Tokens,
  trailing: TrailingMention = "picks",
): { picked: { otherId?: string }; tokens: Tokens; atEnd: boolean } {
  const { picked, words, atEnd } = selector(args.words, trailing);
  const dropFirst = picked.otherId && !atEnd ? 1 : 0;
  return { picked, tokens: args.slice(dropFirst, dropFirst + words.length), atEnd };
}

export function dueDateIn(args: Tokens): { date?: string; tokens: Tokens } {
  const { date, words } = dueDate(args.words);
  return { ...(date ? { date } : {}), tokens: args.slice(0, words.length) };
}

/**
 * An optional `<@person>` first or last picks which relationship is meant; with `trailing` as
 * `text`, only the first. `atEnd`: the pick was the last word, after others (free text may have
 * meant it).
 */
export function selector(
  words: string[],
  trailing: TrailingMention = "picks",
): { picked: { otherId?: string }; words: string[]; atEnd: boolean } {
  const first = words[0] ? parseMention(words[0]) : null;
  if (first) return { picked: { otherId: first }, words: words.slice(1), atEnd: false };
  const last = words.length > 0 ? parseMention(words[words.length - 1] ?? "") : null;
  if (last && trailing === "picks") {
    return { picked: { otherId: last }, words: words.slice(0, -1), atEnd: words.length > 1 };
  }
  return { picked: {}, words, atEnd: false };
}

/**
 * A trailing `by <date>`. Only a date-like word counts ("by 2027-06-30", or a
 * mistyped "by 2027-6-31" that the rules then refuse); "lead by example"
 * stays part of the title.
 */
export function dueDate(words: string[]): { date?: string; words: string[] } {
  const by = words[words.length - 2];
  const date = words[words.length - 1];
  if (by?.toLowerCase() === "by" && date && /^\d/.test(date)) {
    return { date, words: words.slice(0, -2) };
  }
  return { words };
}
