import { parseChannelMention } from "../channel-mention.js";
import { parseMention } from "../mention.js";
import type { ParsedCommand } from "../parsed-command.js";
import { selector, selectorIn, type Tokens } from "../tokens.js";

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
      return {
        kind: "usage",
        problem: "Say `on` to name your aspiration in shout-outs, or `off` to keep it out.",
        example: "/mentor celebrate aspiration on",
      };
    }
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
export function parseIntro(args: Tokens): ParsedCommand {
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
