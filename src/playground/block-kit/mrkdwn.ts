/**
 * Slack's mrkdwn to HTML, for the playground page: *bold*, _italic_, ~strike~, `code`,
 * ```blocks```, > quotes, links, <@U…> mentions as names, <#C…> channels, and <!date^…>
 * in the reader's own time zone, as Slack shows them.
 */
import { asTyped } from "../../slack/commands/typed-text.js";

export interface RenderContext {
  /** IANA zone of the person looking at the page: `<!date^…>` is shown in it. */
  viewerTz: string;
  /** The bot's "now", for Slack's relative {date_pretty} words (today, yesterday…). */
  now: Date;
  userName(id: string): string;
  channelName(id: string): string;
  /** Everyone a users_select offers. */
  people: ReadonlyArray<{ id: string; name: string }>;
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/** Slack escapes &, < and > in message text; decode them (one pass) before escaping for HTML. */
const decodeSlack = asTyped;

const EMOJI: Record<string, string> = {
  tada: "🎉",
  white_check_mark: "✅",
  handshake: "🤝",
  wave: "👋",
  warning: "⚠️",
  trophy: "🏆",
  sos: "🆘",
  raised_hands: "🙌",
  calendar: "📅",
  white_circle: "⚪",
  thought_balloon: "💭",
  speech_balloon: "💬",
  rocket: "🚀",
  raising_hand: "🙋",
  memo: "📝",
  large_blue_circle: "🔵",
  gift: "🎁",
  double_vertical_bar: "⏸️",
  dart: "🎯",
  confetti_ball: "🎊",
  star: "⭐",
  heart: "❤️",
  sparkles: "✨",
  seedling: "🌱",
  clock3: "🕒",
  bulb: "💡",
  pray: "🙏",
  compass: "🧭",
  palm_tree: "🌴",
  information_source: "ℹ️",
  hourglass_flowing_sand: "⏳",
  desert_island: "🏝️",
  clipboard: "📋",
  checkered_flag: "🏁",
  beach_with_umbrella: "🏖️",
  arrows_counterclockwise: "🔄",
  alarm_clock: "⏰",
  airplane: "✈️",
};

/** The emoji names the page draws; any other `:name:` shows as typed, as in Slack. */
export const KNOWN_EMOJI: ReadonlySet<string> = new Set(Object.keys(EMOJI));

const emoji = (html: string): string =>
  html.replace(/:([a-z0-9_+-]+):/g, (whole, name: string) => EMOJI[name] ?? whole);

export function renderPlainText(text: string, withEmoji = true): string {
  const escaped = escapeHtml(text).replace(/\n/g, "<br>");
  return withEmoji ? emoji(escaped) : escaped;
}

export function renderMrkdwn(text: string, ctx: RenderContext): string {
  // Angle-bracket tokens and code are replaced by placeholders first, so formatting marks
  // inside a link label or a code span are left alone, as Slack does.
  const held: string[] = [];
  const hold = (html: string) => `\uE000${held.push(html) - 1}\uE000`;
  let out = text.replace(/```([\s\S]*?)```/g, (_, code: string) =>
    hold(`<pre class="bk-pre">${escapeHtml(decodeSlack(code.replace(/^\n/, "")))}</pre>`),
  );
  out = out.replace(/`([^`\n]+)`/g, (_, code: string) =>
    hold(`<code>${escapeHtml(decodeSlack(code))}</code>`),
  );
  out = out.replace(/<([^<>\n]+)>/g, (_, inner: string) => hold(angleToken(inner, ctx)));
  out = escapeHtml(decodeSlack(out));
  out = out
    .replace(/(^|[\s(])\*(?!\s)([^*\n]+?)\*(?=$|[\s.,!?:;)])/gm, "$1<b>$2</b>")
    .replace(/(^|[\s(])_(?!\s)([^_\n]+?)_(?=$|[\s.,!?:;)])/gm, "$1<i>$2</i>")
    .replace(/(^|[\s(])~(?!\s)([^~\n]+?)~(?=$|[\s.,!?:;)])/gm, "$1<s>$2</s>");
  out = out
    .split("\n")
    .map((line) =>
      line.startsWith("&gt;")
        ? `<blockquote>${line.slice(4).replace(/^ /, "")}</blockquote>`
        : `${line}<br>`,
    )
    .join("")
    .replace(/<br>$/, "");
  out = emoji(out);
  return out.replace(/\uE000(\d+)\uE000/g, (_, i: string) => held[Number(i)] ?? "");
}

function angleToken(inner: string, ctx: RenderContext): string {
  const [target = "", label] = splitOnce(inner, "|");
  if (target.startsWith("@")) {
    const id = target.slice(1);
    return `<span class="bk-mention" data-user="${escapeHtml(id)}">@${escapeHtml(ctx.userName(id))}</span>`;
  }
  if (target.startsWith("#")) {
    const id = target.slice(1);
    const name = label ?? ctx.channelName(id);
    return `<span class="bk-mention">#${escapeHtml(decodeSlack(name))}</span>`;
  }
  if (target.startsWith("!date^")) return renderDate(target, label, ctx);
  if (target.startsWith("!")) {
    const word = target.slice(1).split("^")[0] ?? "";
    return `<span class="bk-mention">@${escapeHtml(word)}</span>`;
  }
  const href = decodeSlack(target);
  if (!/^(https?:|mailto:)/.test(href)) return escapeHtml(decodeSlack(`<${inner}>`));
  const text = escapeHtml(decodeSlack(label ?? target));
  return `<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${text}</a>`;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/** `<!date^seconds^format[^link]|fallback>`, formatted in the viewer's zone. */
export function renderDate(target: string, fallback: string | undefined, ctx: RenderContext) {
  const [, seconds = "", format = ""] = target.split("^");
  const at = new Date(Number(seconds) * 1000);
  if (!/^\d+$/.test(seconds) || Number.isNaN(at.getTime())) {
    return escapeHtml(decodeSlack(fallback ?? ""));
  }
  const text = format.replace(
    /\{(\w+)\}/g,
    (whole, token: string) => formatToken(token, at, ctx) ?? whole,
  );
  return `<time datetime="${at.toISOString()}" title="${escapeHtml(ctx.viewerTz)}">${escapeHtml(text)}</time>`;
}

function formatToken(token: string, at: Date, ctx: RenderContext): string | undefined {
  const tz = ctx.viewerTz;
  const part = (opts: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat("en-US", { timeZone: tz, ...opts }).format(at);
  const day = Number(part({ day: "numeric" }));
  const long = `${part({ month: "long" })} ${day}${ordinal(day)}, ${part({ year: "numeric" })}`;
  const short = part({ month: "short", day: "numeric", year: "numeric" });
  const weekdayLong = `${part({ weekday: "long" })}, ${long}`;
  const relative = () => {
    const key = (d: Date) =>
      new Intl.DateTimeFormat("en-CA", { timeZone: tz, dateStyle: "short" }).format(d);
    const dayMs = 86_400_000;
    if (key(at) === key(ctx.now)) return "today";
    if (key(at) === key(new Date(ctx.now.getTime() - dayMs))) return "yesterday";
    if (key(at) === key(new Date(ctx.now.getTime() + dayMs))) return "tomorrow";
    return undefined;
  };
  switch (token) {
    case "date_num":
      return new Intl.DateTimeFormat("en-CA", { timeZone: tz, dateStyle: "short" }).format(at);
    case "date":
      return long;
    case "date_short":
      return short;
    case "date_long":
      return weekdayLong;
    case "date_pretty":
      return relative() ?? long;
    case "date_short_pretty":
      return relative() ?? short;
    case "date_long_pretty":
      return relative() ?? weekdayLong;
    case "time":
      return part({ hour: "numeric", minute: "2-digit" });
    case "time_secs":
      return part({ hour: "numeric", minute: "2-digit", second: "2-digit" });
    default:
      return undefined;
  }
}

function ordinal(day: number): string {
  if (day % 100 >= 11 && day % 100 <= 13) return "th";
  return ["th", "st", "nd", "rd"][day % 10] ?? "th";
}
