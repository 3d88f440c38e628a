import type { Introduction, IntroductionNotifier } from "../../domain/introduction.js";
import type { DirectMessenger } from "../direct-messenger.js";
import {
  introductionPostMessage,
  introductionRequestMessage,
} from "../messages/introduction.messages.js";

/** Introductions over Slack, each sent once per introduction (its delivery key). */
export class SlackIntroductionNotifier implements IntroductionNotifier {
  constructor(private readonly messenger: DirectMessenger) {}

  async introduce(intro: Introduction): Promise<boolean> {
    // conversations.open with several users opens (or finds) their group DM.
    const users = [intro.mentorId, intro.menteeId, intro.personId ?? ""].filter(Boolean).join(",");
    const sent = await this.messenger.sendOnce(
      `introduction:${intro.id}`,
      users,
      introductionPostMessage(intro),
    );
    return sent !== null;
  }

  async askMentor(request: Introduction): Promise<boolean> {
    const sent = await this.messenger.sendOnce(
      `introduction.request:${request.id}`,
      request.mentorId,
      introductionRequestMessage(request),
    );
    return sent !== null;
  }
}
