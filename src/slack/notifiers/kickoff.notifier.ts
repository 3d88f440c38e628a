import type {
  Kickoff,
  KickoffAnswers,
  KickoffNotifier,
  KickoffRole,
} from "../../domain/kickoff.js";
import { startsAtFor } from "../../domain/kickoff.js";
import type { DirectMessenger } from "../direct-messenger.js";
import {
  kickoffAnswersMessage,
  kickoffAnswersSentMessage,
  kickoffConfirmedMessage,
  kickoffConfirmMessage,
  kickoffInviteMessage,
  kickoffMovedMessage,
  kickoffReminderMessage,
  kickoffReplannedMessage,
  kickoffSuggestedMessage,
  kickoffSuggestionSentMessage,
} from "../messages/kickoff.messages.js";

/** Kickoff DMs through the once-only messenger; each key names what makes a message new. */
export class SlackKickoffNotifier implements KickoffNotifier {
  constructor(private readonly messenger: DirectMessenger) {}

  async invite(kickoff: Kickoff, role: KickoffRole): Promise<void> {
    await this.messenger.sendOnce(
      // Per mentor: after a reassignment, the new pair's invitations are new messages.
      `kickoff.invite:${kickoff.relationshipId}:${role}:${kickoff.mentorId}`,
      idOf(kickoff, role),
      kickoffInviteMessage(kickoff, role),
    );
  }

  async answers(kickoff: Kickoff, answers: KickoffAnswers): Promise<void> {
    await this.messenger.sendOnce(
      `kickoff.answers:${kickoff.id}:${answers.at.toISOString()}:${kickoff.mentorId}`,
      kickoff.mentorId,
      kickoffAnswersMessage(kickoff, answers),
    );
    // Not per mentor: a reassignment sends the answers again, but the mentee sent them once.
    await this.messenger.sendOnce(
      `kickoff.answers.sent:${kickoff.id}:${answers.at.toISOString()}`,
      kickoff.menteeId,
      kickoffAnswersSentMessage(kickoff),
    );
  }

  async remind(kickoff: Kickoff, role: KickoffRole): Promise<void> {
    // A moved kickoff gets reminders of its own.
    await this.messenger.sendOnce(
      `kickoff.remind:${kickoff.id}:${role}:${startsAtFor(kickoff, role).toISOString()}`,
      idOf(kickoff, role),
      kickoffReminderMessage(kickoff, role),
    );
  }

  async moved(kickoff: Kickoff, movedBy: string): Promise<void> {
    const other = kickoff.mentorId === movedBy ? kickoff.menteeId : kickoff.mentorId;
    // Per move: a kickoff moved back to a time told before is told again.
    await this.messenger.sendOnce(
      `kickoff.moved:${kickoff.id}:${kickoff.at?.toISOString() ?? ""}:${kickoff.moves}`,
      other,
      kickoffMovedMessage(kickoff, movedBy),
    );
  }

  async replanned(kickoff: Kickoff, changed: readonly string[]): Promise<void> {
    for (const role of ["mentor", "mentee"] as const) {
      // Per move and new start: a later replan (or a move back) is told again.
      await this.messenger.sendOnce(
        `kickoff.replanned:${kickoff.id}:${role}:${startsAtFor(kickoff, role).toISOString()}:${kickoff.moves}`,
        idOf(kickoff, role),
        kickoffReplannedMessage(kickoff, role, changed),
      );
    }
  }

  async suggested(kickoff: Kickoff, count: number): Promise<void> {
    await this.messenger.sendOnce(
      `kickoff.suggested:${kickoff.id}`,
      kickoff.menteeId,
      kickoffSuggestedMessage(kickoff, count),
    );
    await this.messenger.sendOnce(
      `kickoff.suggested.sent:${kickoff.id}`,
      kickoff.mentorId,
      kickoffSuggestionSentMessage(kickoff, count),
    );
  }

  async askToConfirm(kickoff: Kickoff): Promise<void> {
    await this.messenger.sendOnce(
      `kickoff.confirm:${kickoff.id}`,
      kickoff.menteeId,
      kickoffConfirmMessage(kickoff),
    );
  }

  async confirmed(kickoff: Kickoff): Promise<void> {
    await this.messenger.sendOnce(
      `kickoff.confirmed:${kickoff.id}`,
      kickoff.mentorId,
      kickoffConfirmedMessage(kickoff),
    );
  }
}

const idOf = (kickoff: Kickoff, role: KickoffRole) =>
  role === "mentor" ? kickoff.mentorId : kickoff.menteeId;
