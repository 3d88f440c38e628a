/**
 * With `should_escape: true` Slack sends a channel as `<#C123|name>`; a
 * private one may arrive as `<#C123|>`, older clients send `<#C123>`.
 */
const CHANNEL = /^<#([CG][A-Z0-9]+)(?:\|[^>]*)?>$/;

export function parseChannelMention(token: string): string | null {
  return CHANNEL.exec(token.trim())?.[1] ?? null;
}
