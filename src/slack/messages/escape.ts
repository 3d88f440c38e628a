/**
 * The one way user text is echoed back into Slack, in mrkdwn blocks and in
 * the plain `text` fallback alike (the fallback is what notifications show).
 *
 * `&`, `<` and `>` are Slack's control characters: escaped, `<!channel>`,
 * `<@U123>` and a disguised link `<http://evil|google.com>` show as typed
 * instead of pinging or hiding where a link goes. A bare `@here`,
 * `@channel` or `@everyone` is only a mention where Slack parses names
 * (`link_names`), but a word joiner after the `@` keeps it text everywhere.
 */
const BROADCAST = /@(here|channel|everyone)\b/gi;
const WORD_JOINER = "\u2060";
/**
 * A mention Slack labelled (`<@U123|olly>`), kept in text stored before free text was saved as
 * plain `@name` (commands/mention.ts): shown as that `@olly`, not as escaped markup.
 */
const LABELLED_MENTION = /<@[UW][A-Z0-9]+\|([^>|]+)>/g;

export function escapeMrkdwn(text: string): string {
  return escapeControls(
    text.replace(LABELLED_MENTION, (_whole, name: string) => `@${name.trim()}`),
  ).replace(BROADCAST, `@${WORD_JOINER}$1`);
}

/** Slack's three control characters escaped, as Slack itself escapes what people type. */
export function escapeControls(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Typed input echoed in a code span (`` `someday` isn't a date``): short, unable to close the
 * span, and escaped like any other echo.
 */
export function clip(text: string | undefined, max = 40): string {
  return escapeMrkdwn((text ?? "").replace(/`/g, "'").slice(0, max));
}
