import type { Reassignment, ReassignmentNotifier } from "../../domain/reassignment.js";
import type { DirectMessenger } from "../direct-messenger.js";
import {
  menteeReassignedMessage,
  newMentorMessage,
  oldMentorMessage,
} from "../messages/reassignment.messages.js";

/** A reassignment's three DMs; the keys carry its time, so a later move back is told again. */
export class SlackReassignmentNotifier implements ReassignmentNotifier {
  constructor(private readonly messenger: DirectMessenger) {}

  async tellOldMentor(r: Reassignment): Promise<void> {
    await this.messenger.sendOnce(
      `reassigned.old:${r.relationship.id}:${r.at}`,
      r.fromMentorId,
      oldMentorMessage(r),
    );
  }

  async introduceNewMentor(r: Reassignment): Promise<void> {
    await this.messenger.sendOnce(
      `reassigned.new:${r.relationship.id}:${r.at}`,
      r.relationship.mentorId,
      newMentorMessage(r),
    );
  }

  async tellMentee(r: Reassignment): Promise<void> {
    await this.messenger.sendOnce(
      `reassigned.mentee:${r.relationship.id}:${r.at}`,
      r.relationship.menteeId,
      menteeReassignedMessage(r),
    );
  }
}
