import type { WebClient } from "@slack/web-api";
import type {
  CheckinNotifier,
  CheckinPair,
  CheckinWithholder,
  MissedStreakRefusal,
  NumberedOpenMilestone,
} from "../../domain/checkin.js";
import { type Checkin, MISSED_STREAK } from "../../domain/checkin.js";
import type { Relationship } from "../../domain/relationship.js";
import type { DirectMessenger } from "../direct-messenger.js";
import {
  answeredMessage,
  checkinMessage,
  helpUnheardMessage,
  mentorAnswerMessage,
  missedStreakMessage,
  reflectionMessage,
  reminderMessage,
} from "../messages/checkin.messages.js";
import { permanentSlackError } from "../slack-errors.js";

/** Check-in messages over Slack; every DM goes through the once-only messenger. */
export class SlackCheckinNotifier implements CheckinNotifier, CheckinWithholder {
  constructor(
    private readonly messenger: DirectMessenger,
    private readonly client: WebClient,
  ) {}

  async sendCheckin(
    checkin: Checkin,
    milestones: readonly NumberedOpenMilestone[],
    pair: CheckinPair = {},
  ) {
    const sent = await this.messenger.deliver(
      checkinKey(checkin),
      checkin.menteeId,
      checkinMessage(checkin, milestones, pair),
      { present: pair.menteePresent ?? false },
    );
    return sent && { channel: sent.channel, ts: sent.ts, sentNow: sent.recorded };
  }

  /** The check-in's delivery key, taken for good before any send claims it (see DirectMessenger.withhold). */
  withhold(checkin: Checkin): Promise<boolean> {
    return this.messenger.withhold(checkinKey(checkin));
  }

  async sendReflectionPrompt(checkin: Checkin): Promise<void> {
    await this.messenger.sendOnce(
      `checkin.reflection:${checkin.id}`,
      checkin.mentorId,
      reflectionMessage(checkin),
    );
  }

  async sendReminder(checkin: Checkin): Promise<void> {
    const key = `checkin.reminder:${checkin.id}:${checkin.remindAt?.toISOString()}`;
    await this.messenger.sendOnce(key, checkin.menteeId, reminderMessage(checkin));
  }

  async showAnswered(
    checkin: Checkin,
    pair: { mentorLeft: boolean; noAdmins?: boolean },
  ): Promise<void> {
    if (!checkin.message) return;
    try {
      // chat.update sets the same content however often it runs: safe to retry.
      await this.client.chat.update({
        channel: checkin.message.channel,
        ts: checkin.message.ts,
        ...answeredMessage(checkin, pair),
      });
    } catch (error) {
      // Refused for good (the message deleted, the mentee gone): the buttons stay, and answer
      // "already answered". Not worth failing the announcement, which the mentor has had.
      if (!permanentSlackError(error)) throw error;
    }
  }

  async tellMentor(checkin: Checkin): Promise<void> {
    await this.messenger.sendOnce(
      `checkin.answer:${checkin.id}`,
      checkin.mentorId,
      mentorAnswerMessage(checkin),
    );
  }

  async tellMissedStreak(
    checkin: Checkin,
    relationship: Relationship,
    adminIds: readonly string[],
  ): Promise<MissedStreakRefusal[]> {
    const audiences: Array<[string, "mentee" | "mentor" | "admin"]> = [
      [relationship.menteeId, "mentee"],
      [relationship.mentorId, "mentor"],
      ...adminIds.map((id): [string, "admin"] => [id, "admin"]),
    ];
    const refused: MissedStreakRefusal[] = [];
    for (const [userId, audience] of audiences) {
      try {
        await this.messenger.sendOnce(
          `checkin.missed-streak:${checkin.id}:${userId}`,
          userId,
          missedStreakMessage(checkin, audience, MISSED_STREAK),
        );
      } catch (error) {
        // Slack's final word for this one (cannot_dm_bot, …): a retry would hear it again, every
        // week, and hold the others' alarm and the run's mark back with it. Done for them.
        const code = permanentSlackError(error);
        if (!code) throw error;
        refused.push({ userId, code });
      }
    }
    return refused;
  }

  async tellAdminsHelpUnheard(checkin: Checkin, adminIds: readonly string[]): Promise<void> {
    for (const adminId of adminIds) {
      await this.messenger.sendOnce(
        `checkin.help-unheard:${checkin.id}:${adminId}`,
        adminId,
        helpUnheardMessage(checkin),
      );
    }
  }
}

/** The delivery key of a check-in's DM: its send and its withholding race on it. */
const checkinKey = (checkin: Checkin) => `checkin:${checkin.id}`;
