import type { WorkplaceNotifier } from "../../domain/workplace.js";
import type { DirectMessenger } from "../direct-messenger.js";
import { workplacePromptMessage } from "../messages/exchange.messages.js";

/** The monthly prompt to the mentor, once per pair and due time. */
export class SlackWorkplaceNotifier implements WorkplaceNotifier {
  constructor(private readonly messenger: DirectMessenger) {}

  async prompt(relationshipId: string, mentorId: string, menteeId: string, dueAt: Date) {
    await this.messenger.sendOnce(
      `workplace.prompt:${relationshipId}:${dueAt.toISOString()}`,
      mentorId,
      workplacePromptMessage(relationshipId, menteeId),
    );
  }
}
