import { parseMention, plainMentions } from "./mention.js";

/**
 * A word, or a mention with the name after it whole: `<@U1|Olly Smith>` is one word (a display
 * name the listener filled in for a nameless mention, mention-names.ts, may hold spaces), so the
 * selectors still see the person.
 */
const WORD = /\S*<@[UW][A-Z0-9]+\|[^>]*>\S*|\S+/g;

/**
 * Words with their place in the original text, so free text (a note, an
 * aspiration) keeps its line breaks and spacing when put back together.
 */
export class Tokens {
  private constructor(
    private readonly source: string,
    private readonly items: ReadonlyArray<{ word: string; at: number; start: number; end: number }>,
  ) {}

  static of(text: string): Tokens {
    return new Tokens(
      text,
      [...text.matchAll(WORD)].map((m, at) => ({
        word: m[0],
        at,
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

  /** These tokens without those from `start` to `end` (a `by <date>` inside the text). */
  without(start: number, end: number): Tokens {
    return new Tokens(this.source, [...this.items.slice(0, start), ...this.items.slice(end)]);
  }

  /**
   * The original text from the first to the last token, line breaks included; where tokens
   * were taken out between two, one space joins them. A mention left in the text reads `@name`
   * (mention.ts): the words still carry it for the selectors, the stored text does not.
   */
  text(): string {
    return plainMentions(this.original());
  }

  private original(): string {
    return this.items
      .map((item, i) => {
        const before = this.items[i - 1];
        if (!before) return item.word;
        return (
          (item.at === before.at + 1 ? this.source.slice(before.end, item.start) : " ") + item.word
        );
      })
      .join("");
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
  const found = dueDateAt(args.words);
  if (!found) return { tokens: args };
  return { date: found.date, tokens: args.without(found.at, found.at + 2) };
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
  const found = dueDateAt(words);
  if (!found) return { words };
  return { date: found.date, words: [...words.slice(0, found.at), ...words.slice(found.at + 2)] };
}

/**
 * Where `by <date>` is: last, or just before a last-word mention that stayed part of the text
 * ("Ship it by 2027-01-01 @olly", olly no partner), which keeps its date.
 */
function dueDateAt(words: string[]): { date: string; at: number } | null {
  const last = words[words.length - 1];
  const end = last && parseMention(last) ? words.length - 1 : words.length;
  const by = words[end - 2];
  const date = words[end - 1];
  if (by?.toLowerCase() === "by" && date && /^\d/.test(date)) return { date, at: end - 2 };
  return null;
}
