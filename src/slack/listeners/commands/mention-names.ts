import { escapeControls } from "../../messages/escape.js";

/**
 * Slack sends a mention in a command's text as `<@U123|name>`, but sometimes as `<@U123>`, no
 * name. Free text keeps a mention as the plain `@name` (mention.ts), so a nameless one gets the
 * name the profile cache already holds, as Slack would have sent it (escaped: the parser reads
 * the text back as typed). Only the cache is read: naming someone in a note asks Slack nothing
 * and stores no stranger's profile; someone the bot never met reads "someone".
 */
const NAMELESS = /<@([UW][A-Z0-9]+)>/g;

export type KnownNames = (userIds: readonly string[]) => Promise<Map<string, string>>;

export async function withMentionNames(slackText: string, knownNames: KnownNames): Promise<string> {
  const ids = [...new Set([...slackText.matchAll(NAMELESS)].map((m) => m[1] ?? ""))];
  if (ids.length === 0) return slackText;
  const names = await knownNames(ids);
  return slackText.replace(NAMELESS, (whole, id: string) => {
    const name = names.get(id);
    // A profile with no name at all holds the id as its name: that would read as an id.
    return name && name !== id ? `<@${id}|${escapeControls(name)}>` : whole;
  });
}
