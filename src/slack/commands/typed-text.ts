/**
 * What a person typed, as Slack sends it in a slash command's `text` (and a message event's):
 * its three control characters escaped (`&amp;`, `&lt;`, `&gt;`), so that the mentions and
 * channel links Slack inserts (`<@U123|name>`, `<#C123|name>`) are unambiguous. Modal fields
 * arrive as typed. Reading the command's words back as typed keeps "R&D lead" one aspiration
 * wherever it came from (the builders escape it once on the way out), and a 2,000-character
 * limit counts characters typed, not entities.
 *
 * One pass, so a typed "&lt;" (sent as `&amp;lt;`) stays "&lt;". A hand-typed `<@U123>` then
 * reads as a mention, as Slack's older clients sent it (see mention.ts).
 */
const ENTITY = /&(amp|lt|gt);/g;
const CHARACTER: Record<string, string> = { amp: "&", lt: "<", gt: ">" };

export function asTyped(slackText: string): string {
  return slackText.replace(ENTITY, (_whole, name: string) => CHARACTER[name] ?? "");
}
