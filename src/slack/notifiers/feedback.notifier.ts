import type { WebClient } from "@slack/web-api";
import type { FeedbackEntry, FeedbackNotifier, FeedbackRequest } from "../../domain/feedback.js";
import type { DirectMessenger } from "../direct-messenger.js";
import {
  feedbackExpiredMessage,
  feedbackPromptMessage,
  feedbackReceivedMessage,
  feedbackReminderMessage,
  feedbackSentMessage,
  feedbackWithdrawnMessage,
} from "../messages/feedback.messages.js";

/** Feedback messages over Slack; every DM goes through the once-only messenger. */
export class SlackFeedbackNotifier implements FeedbackNotifier {
  constructor(
    private readonly messenger: DirectMessenger,
    private readonly client: WebClient,
  ) {}

  sendPrompt(request: FeedbackRequest) {
    return this.messenger.sendOnce(
      `feedback.prompt:${request.id}`,
      request.giverId,
      feedbackPromptMessage(request),
    );
  }

  async sendReminder(request: FeedbackRequest): Promise<void> {
    const key = `feedback.reminder:${request.id}:${request.remindAt?.toISOString()}`;
    await this.messenger.sendOnce(key, request.giverId, feedbackReminderMessage(request));
  }

  async tellExpired(request: FeedbackRequest): Promise<void> {
    await this.messenger.sendOnce(
      `feedback.expired:${request.id}`,
      request.requesterId,
      feedbackExpiredMessage(request),
    );
  }

  async tellWithdrawn(request: FeedbackRequest): Promise<void> {
    await this.messenger.sendOnce(
      `feedback.withdrawn:${request.id}`,
      request.requesterId,
      feedbackWithdrawnMessage(request),
    );
  }

  async deliver(entry: FeedbackEntry, request: FeedbackRequest | null): Promise<void> {
    await this.messenger.sendOnce(
      `feedback.deliver:${entry.id}`,
      entry.recipientId,
      feedbackReceivedMessage(entry),
    );
    if (request?.message) {
      // chat.update writes the same content however often it runs: safe to retry.
      await this.client.chat.update({
        channel: request.message.channel,
        ts: request.message.ts,
        ...feedbackSentMessage(request),
      });
    }
  }
}
