import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { Logger } from "../../../logger.js";
import { DIRECT_MESSAGE_REPLY } from "../../messages/help.message.js";

interface ImMessage {
  channel?: string;
  channel_type?: string;
  subtype?: string;
  bot_id?: string;
  user?: string;
}

/**
 * A message typed in the bot's Messages tab (`help`, or anything else) gets a short
 * pointer to the commands and the Home tab. Edits, joins and other subtypes, bots (this
 * one included) and Slack's redeliveries (dropped by event id upstream) get nothing.
 */
export const directMessageListener =
  (logger: Logger) =>
  async ({
    event,
    client,
    context,
  }: SlackEventMiddlewareArgs<"message"> & AllMiddlewareArgs): Promise<void> => {
    const message = event as ImMessage;
    if (message.channel_type !== "im" || message.subtype || message.bot_id) return;
    if (!message.user || message.user === context.botUserId || !message.channel) return;
    try {
      await client.chat.postMessage({ channel: message.channel, text: DIRECT_MESSAGE_REPLY });
    } catch (err) {
      logger.warn({ err, user: message.user }, "could not answer a direct message");
    }
  };

export function registerDirectMessages(app: App, logger: Logger): void {
  app.event("message", directMessageListener(logger));
}
