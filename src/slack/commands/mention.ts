import { FORMER_MEMBER } from "../../domain/forgetting.js";

/**
 * With `should_escape: true` Slack sends mentions as `<@U123|name>`; older
 * clients and hand-typed text may send `<@U123>`. Both mean user U123.
 */
const MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;

export function parseMention(token: string): string | null {
  return MENTION.exec(token.trim())?.[1] ?? null;
}

/**
 * Free text with each mention as the plain `@name` Slack showed when it was typed, so a stored
 * note reads naturally wherever it goes (DMs, App Home, the export) and can never ping anyone.
 * A mention Slack sent without a name (and the listener found none for: mention-names.ts)
 * reads "someone".
 */
const MENTION_IN_TEXT = /<@[UW][A-Z0-9]+(?:\|([^>]*))?>/g;

export function plainMentions(text: string): string {
  return text.replace(MENTION_IN_TEXT, (_whole, name?: string) =>
    name?.trim() ? `@${name.trim()}` : "someone",
  );
}

/** A forgotten person shows as "a former member" wherever they were named. */
export function mention(userId: string): string {
  return userId === FORMER_MEMBER ? "a former member" : `<@${userId}>`;
}
