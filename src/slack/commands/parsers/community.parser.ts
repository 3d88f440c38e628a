import { parseChannelMention } from "../channel-mention.js";
import { parseMention } from "../mention.js";
import type { ParsedCommand } from "../parsed-command.js";
import { selector, selectorIn, type Tokens, type TrailingMention } from "../tokens.js";
import { usage } from "../usage-problem.js";

/** `celebrate [in #channel | public | private] [@person]`. */
export function parseCelebrate(args: string[]): ParsedCommand {
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
    case "aspiration": {
      const value = rest.length === 1 ? rest[0]?.toLowerCase() : undefined;
      if (value === "on" || value === "off") {
        return { kind: "celebrate.aspiration", ...picked, share: value === "on" };
      }
      return usage("aspiration_switch_unknown");
    }
    case "in": {
      const channelId = rest.length === 1 ? parseChannelMention(rest[0] ?? "") : null;
      if (channelId) return { kind: "celebrate.channel", ...picked, channelId };
      return usage("channel_mention_needed", { command: "celebrate in" });
    }
  }
  return usage("celebrate_action_unknown");
}

/** `intro @person [to @mentee] <why> [@mentee]`, or `intro request <topic> [@mentor]`. */
export function parseIntro(args: Tokens, trailing?: TrailingMention): ParsedCommand {
  const [first, second, third] = args.words;
  if (first?.toLowerCase() === "request") {
    const { picked, tokens, atEnd } = selectorIn(args.slice(1), trailing);
    const topic = tokens.text();
    return { kind: "intro.request", ...picked, ...(atEnd ? { pickedAtEnd: true } : {}), topic };
  }
  const personId = first ? parseMention(first) : null;
  if (!personId) {
    return usage("intro_person_missing");
  }
  const menteeId = second?.toLowerCase() === "to" && third ? parseMention(third) : null;
  const why = args.slice(menteeId ? 3 : 1);
  // As other commands take one: a mention at the end may pick the mentee (the service decides).
  const last = why.words.length > 1 ? parseMention(why.words[why.words.length - 1] ?? "") : null;
  return {
    kind: "intro",
    personId,
    ...(menteeId ? { menteeId } : {}),
    why: why.text(),
    ...(!menteeId && last
      ? { trailing: { menteeId: last, why: why.slice(0, why.words.length - 1).text() } }
      : {}),
  };
}
