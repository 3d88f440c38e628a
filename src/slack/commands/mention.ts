import { FORMER_MEMBER } from "../../domain/forgetting.js";

/**
 * With `should_escape: true` Slack sends mentions as `<@U123|name>`; older
 * clients and hand-typed text may send `<@U123>`. Both mean user U123.
 */
const MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;

export function parseMention(token: string): string | null {
  return MENTION.exec(token.trim())?.[1] ?? null;
}

/** A forgotten person shows as "a former member" wherever they were named. */
export function mention(userId: string): string {
  return userId === FORMER_MEMBER ? "a former member" : `<@${userId}>`;
}
