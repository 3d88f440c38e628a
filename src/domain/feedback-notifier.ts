import type { FeedbackEntry, FeedbackRequest } from "./feedback.js";

/** The Slack side of feedback, as the domain needs it; every message is sent once. */
export interface FeedbackNotifier {
  /** Where the prompt went; null when the giver has left the workspace (nothing sent). */
  sendPrompt(request: FeedbackRequest): Promise<{ channel: string; ts: string } | null>;
  sendReminder(request: FeedbackRequest): Promise<void>;
  tellExpired(request: FeedbackRequest): Promise<void>;
  /** The feedback to the mentee, and the giver's prompt marked as sent. */
  deliver(entry: FeedbackEntry, request: FeedbackRequest | null): Promise<void>;
}
