import type {
  Celebration,
  CelebrationNotifier,
  ChannelPostResult,
  Congratulation,
  ShoutOutOutcome,
  UnsharedOutcome,
} from "../../domain/celebration.js";
import type { ChannelPoster } from "../channel-poster.js";
import type { DirectMessenger } from "../direct-messenger.js";
import {
  congratulationMessage,
  mentorMilestoneMessage,
  nextAspirationMessage,
  shareQuestionMessage,
  shoutOutFailedMessage,
  shoutOutMessage,
  unsharedMessage,
} from "../messages/celebration.messages.js";

/**
 * Celebrations over Slack. Every message has its own delivery key, per
 * milestone: `celebration:<milestoneId>` is the channel shout-out, so it is
 * posted once whatever happens to the milestone or its jobs afterwards.
 */
export class SlackCelebrationNotifier implements CelebrationNotifier {
  constructor(
    private readonly messenger: DirectMessenger,
    private readonly poster: ChannelPoster,
  ) {}

  async postShoutOut(channelId: string, c: Celebration): Promise<ChannelPostResult> {
    const posted = await this.poster.postOnce(
      `celebration:${c.milestone.id}`,
      channelId,
      shoutOutMessage(c),
    );
    return posted.ok ? { ok: true } : { ok: false, reason: posted.reason };
  }

  async askMentee(c: Celebration, channelId: string): Promise<void> {
    await this.messenger.sendOnce(
      `celebration.ask:${c.milestone.id}`,
      c.menteeId,
      shareQuestionMessage(c, channelId),
    );
  }

  async tellMentor(c: Celebration, outcome: ShoutOutOutcome): Promise<void> {
    await this.messenger.sendOnce(
      `celebration.mentor:${c.milestone.id}`,
      c.mentorId,
      mentorMilestoneMessage(c, outcome),
    );
  }

  async askForNextAspiration(c: Celebration): Promise<void> {
    await this.messenger.sendOnce(
      `celebration.next-aspiration:${c.milestone.id}`,
      c.menteeId,
      nextAspirationMessage(c),
    );
  }

  async tellMentee(c: Celebration, outcome: UnsharedOutcome): Promise<void> {
    await this.messenger.sendOnce(
      `celebration.mentee:${c.milestone.id}:${outcome.kind}`,
      c.menteeId,
      unsharedMessage(c, outcome),
    );
  }

  async tellAdmins(
    c: Celebration,
    failure: { channelId: string; reason: string; toldId: string },
    adminIds: readonly string[],
  ): Promise<void> {
    for (const adminId of adminIds) {
      await this.messenger.sendOnce(
        `celebration.admin:${c.milestone.id}:${adminId}`,
        adminId,
        shoutOutFailedMessage(c, failure),
      );
    }
  }

  async sendCongratulation(input: Congratulation): Promise<void> {
    await this.messenger.sendOnce(
      `celebration.congratulation:${input.submissionId}`,
      input.menteeId,
      congratulationMessage(input),
    );
  }
}
