import type { DepartureNotifier } from "./people.js";
import { otherPerson, type Relationship, type RelationshipStatus } from "./relationship.js";

/**
 * Someone's Slack account was deactivated. They get no more DMs (the
 * messenger checks every recipient), the program report lists their pairs
 * under "Needs attention" (from the person's `deleted` flag), and the other
 * person of each of their mentorships is told, once.
 */
export class DepartureService {
  constructor(
    private readonly deps: {
      relationships: {
        listForUser(
          userId: string,
          statuses: readonly RelationshipStatus[],
        ): Promise<Relationship[]>;
      };
      notifier: DepartureNotifier;
    },
  ) {}

  /** Job: the person has left; tell each partner. */
  async announce(leaverId: string): Promise<void> {
    const open = await this.deps.relationships.listForUser(leaverId, ["active", "paused"]);
    for (const relationship of open) {
      if (otherPerson(relationship, leaverId) === leaverId) continue;
      await this.deps.notifier.tellPartner(relationship, leaverId);
    }
  }
}
