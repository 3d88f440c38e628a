import type { RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { type DmChannelStore, inDmChannel } from "../../dm-channel.js";

/**
 * Says something only the person who pressed a button sees. A button on a message has a
 * response_url (Bolt's `respond`); a button on the Home tab or in a modal has none, so the
 * note goes, ephemeral, into their DM with the bot.
 */
export async function tellActor(
  client: WebClient,
  dms: DmChannelStore,
  userId: string,
  respond: RespondFn | undefined,
  text: string,
): Promise<void> {
  if (respond) {
    await respond({ response_type: "ephemeral", replace_original: false, text });
    return;
  }
  // The DM channel remembered for DirectMessenger: conversations.open runs once per person.
  await inDmChannel(client, dms, userId, (channel) =>
    client.chat.postEphemeral({ channel, user: userId, text }),
  );
}
