import type { RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";

/**
 * Says something only the person who pressed a button sees. A button on a message has a
 * response_url (Bolt's `respond`); a button on the Home tab or in a modal has none, so the
 * note goes, ephemeral, into their DM with the bot.
 */
export async function tellActor(
  client: WebClient,
  userId: string,
  respond: RespondFn | undefined,
  text: string,
): Promise<void> {
  if (respond) {
    await respond({ response_type: "ephemeral", replace_original: false, text });
    return;
  }
  const opened = await client.conversations.open({ users: userId });
  const channel = opened.channel?.id;
  if (channel) await client.chat.postEphemeral({ channel, user: userId, text });
}
