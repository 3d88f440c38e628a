/**
 * Slack's documented Block Kit limits, and the helpers that make text fit them.
 * Slack refuses a message or view that breaks any of these, for good (`invalid_blocks`,
 * `invalid_arguments`), so every builder fits them by construction.
 */
export const SLACK_LIMITS = {
  sectionText: 3_000,
  contextText: 3_000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2_000,
  optionText: 75,
  optionValue: 150,
  optionsPerSelect: 100,
  inputLabel: 2_000,
  placeholder: 150,
  blocksPerMessage: 50,
  blocksPerView: 100,
  modalTitle: 24,
  modalButton: 24,
  privateMetadata: 3_000,
  actionId: 255,
  blockId: 255,
} as const;

const ELLIPSIS = "…";

/**
 * Where a cut may fall in mrkdwn that is already escaped: never inside an entity
 * (`&amp;`), a `<…>` token (mention, link, date) or a surrogate pair (emoji).
 */
function safeCut(text: string, at: number): number {
  let cut = Math.max(0, Math.min(at, text.length));
  const amp = text.lastIndexOf("&", cut - 1);
  if (amp >= 0 && cut - amp < 6 && !text.slice(amp, cut).includes(";")) cut = amp;
  const open = text.lastIndexOf("<", cut - 1);
  if (open > text.lastIndexOf(">", cut - 1)) cut = open;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return cut;
}

/**
 * Cuts mrkdwn that is ALREADY ESCAPED (escaping can make a note five times longer)
 * to at most `max` characters, ending with an ellipsis and a pointer to the full text.
 */
export function fitMrkdwn(text: string, max: number, pointer = ""): string {
  if (text.length <= max) return text;
  const tail = `${ELLIPSIS}${pointer ? ` ${pointer}` : ""}`;
  return `${text.slice(0, safeCut(text, max - tail.length)).trimEnd()}${tail}`;
}

/** Cuts plain text (a button, an option, a title) to `max` characters with an ellipsis. */
export function fitPlain(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - ELLIPSIS.length;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut).trimEnd()}${ELLIPSIS}`;
}

/**
 * Splits escaped mrkdwn into pieces of at most `max` characters, at a line break
 * where possible, else at a space; a quoted line (`>`) stays quoted when split.
 */
export function splitMrkdwn(text: string, max: number = SLACK_LIMITS.sectionText): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    const newline = window.lastIndexOf("\n");
    const space = window.lastIndexOf(" ");
    const wanted = newline > max / 2 ? newline : space > max / 2 ? space : max;
    const safe = safeCut(rest, wanted);
    const cut = safe > 1 ? safe : max;
    const head = rest.slice(0, cut);
    pieces.push(head);
    const lineStart = head.lastIndexOf("\n") + 1;
    const quoted = head.startsWith(">", lineStart) && rest[cut] !== "\n";
    rest = rest.slice(cut).replace(/^[\n ]/, "");
    if (quoted && !rest.startsWith(">")) rest = `>${rest}`;
  }
  if (rest || pieces.length === 0) pieces.push(rest);
  return pieces;
}

/** The first `max` items, and how many more there are ("and N more"). */
export function page<T>(items: readonly T[], max: number): { shown: T[]; more: number } {
  if (items.length <= max) return { shown: [...items], more: 0 };
  return { shown: items.slice(0, max), more: items.length - max };
}

/**
 * The text a posted message (`chat.postMessage`, `chat.update`) may carry in its blocks, in all,
 * leaving room for its own words. Slack refuses more with `msg_blocks_too_long`: documented as
 * 12,000 characters for markdown blocks, and applied to every block (a reply to `response_url`
 * is not held to it). Only escaped user text gets near it (`&` is five characters escaped).
 */
export const POSTED_USER_TEXT = 10_000;

const CUT_FOR_SLACK = "_(too long for one Slack message: `/mentor my data` has all of it)_";

/**
 * Escaped user texts of one posted message, each cut only as far as needed for all of them to
 * fit `budget` together: a text shorter than its share leaves the rest to the others.
 */
export function fitTogether(texts: readonly string[], budget = POSTED_USER_TEXT): string[] {
  const total = texts.reduce((sum, t) => sum + t.length, 0);
  if (total <= budget) return [...texts];
  const shares = new Map<number, number>();
  let left = budget;
  const byLength = texts
    .map((t, i) => ({ i, length: t.length }))
    .sort((a, b) => a.length - b.length);
  for (const [k, { i, length }] of byLength.entries()) {
    const share = Math.floor(left / (byLength.length - k));
    shares.set(i, Math.min(length, share));
    left -= Math.min(length, share);
  }
  return texts.map((t, i) => fitMrkdwn(t, shares.get(i) ?? t.length, CUT_FOR_SLACK));
}
