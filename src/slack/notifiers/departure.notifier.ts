import type { DepartureNotifier } from "../../domain/people.js";
import { otherPerson, type Relationship } from "../../domain/relationship.js";
import type { DirectMessenger } from "../direct-messenger.js";
import { partnerLeftMessage } from "../messages/departure.messages.js";

export class SlackDepartureNotifier implements DepartureNotifier {
  constructor(private readonly messenger: DirectMessenger) {}

  async tellPartner(relationship: Relationship, leaverId: string): Promise<void> {
    await this.messenger.sendOnce(
      `person.left:${relationship.id}:${leaverId}`,
      otherPerson(relationship, leaverId),
      partnerLeftMessage(relationship, leaverId),
    );
  }
}
