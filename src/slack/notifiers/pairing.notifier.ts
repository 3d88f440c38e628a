import type { PairingNotifier, Relationship } from "../../domain/relationship.js";
import type { DirectMessenger } from "../direct-messenger.js";
import {
  introductionMessage,
  pairingRequestMessage,
  requestDeclinedMessage,
} from "../messages/pairing.messages.js";

/** Pairing over Slack: each DM once per pair and person (its delivery key). */
export class SlackPairingNotifier implements PairingNotifier {
  constructor(
    private readonly messenger: DirectMessenger,
    /** The program admins, named in a decline so the requester knows whom to ask next. */
    private readonly admins: () => Promise<readonly string[]>,
  ) {}

  async introduce(relationship: Relationship, userId: string): Promise<void> {
    await this.messenger.sendOnce(
      `pairing.introduce:${relationship.id}:${userId}`,
      userId,
      introductionMessage(relationship, userId),
    );
  }

  async askInvitee(relationship: Relationship, inviteeId: string): Promise<void> {
    await this.messenger.sendOnce(
      `pairing.ask:${relationship.id}`,
      inviteeId,
      pairingRequestMessage(relationship),
    );
  }

  async tellDeclined(relationship: Relationship, requesterId: string): Promise<void> {
    await this.messenger.sendOnce(
      `pairing.declined:${relationship.id}`,
      requesterId,
      requestDeclinedMessage(relationship, await this.admins()),
    );
  }
}
