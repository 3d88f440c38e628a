import type { ParsedCommand } from "../../commands/parsed-command.js";
import type { TrailingMention } from "../../commands/tokens.js";

export type CommandParser = (text: string, trailing?: TrailingMention) => ParsedCommand;

/**
 * The line as the actor meant it. A mention after free text ("done 2 Great session, thanks
 * @olly") picks the pair only when it names one of the actor's own partners, as `intro` reads
 * one; otherwise it stays a word of the text. So an admin naming someone else's pair puts the
 * mention where nothing else could have meant it: first ("done @sam 2 Great session"), or after
 * nothing but the number ("done 2 @sam").
 */
export async function readAsMeant(
  text: string,
  parse: CommandParser,
  isPartner: (otherId: string) => Promise<boolean>,
): Promise<ParsedCommand> {
  const parsed = parse(text);
  if (!("pickedAtEnd" in parsed) || !parsed.pickedAtEnd || !parsed.otherId) return parsed;
  return (await isPartner(parsed.otherId)) ? parsed : parse(text, "text");
}
