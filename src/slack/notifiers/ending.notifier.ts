import type { EndingNotifier } from "../../domain/ending.js";
import type { Relationship } from "../../domain/relationship.js";
import type { DirectMessenger } from "../direct-messenger.js";
import { closingMessage } from "../messages/ending.messages.js";

/** The closing DM, once per person per mentorship (its delivery key). */
export class SlackEndingNotifier implements EndingNotifier {
  constructor(private readonly messenger: DirectMessenger) {}

  async sendClosing(relationship: Relationship, userId: string): Promise<void> {
    await this.messenger.sendOnce(
      `relationship.closing:${relationship.id}:${userId}`,
      userId,
      closingMessage(relationship, userId),
    );
  }
}
