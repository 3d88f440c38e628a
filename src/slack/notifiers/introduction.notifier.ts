import type { Introduction, IntroductionNotifier } from "../../domain/introduction.js";
import type { DirectMessenger } from "../direct-messenger.js";
import {
  introductionPostMessage,
  introductionRequestMessage,
} from "../messages/introduction.messages.js";

/** Introductions over Slack, each sent once per introduction (its delivery key). */
export class SlackIntroductionNotifier implements IntroductionNotifier {
  constructor(private readonly messenger: DirectMessenger) {}

  async introduce(intro: Introduction): Promise<void> {
    // conversations.open with several users opens (or finds) their group DM.
    const users = [intro.mentorId, intro.menteeId, intro.personId ?? ""].filter(Boolean).join(",");
    await this.messenger.sendOnce(
      `introduction:${intro.id}`,
      users,
      introductionPostMessage(intro),
    );
  }

  async askMentor(request: Introduction): Promise<void> {
    await this.messenger.sendOnce(
      `introduction.request:${request.id}`,
      request.mentorId,
      introductionRequestMessage(request),
    );
  }
}
