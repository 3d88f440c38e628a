import type { AvailabilityNotifier } from "../../domain/availability.js";
import type { Relationship } from "../../domain/relationship.js";
import type { CalendarDate } from "../../domain/roadmap.js";
import type { DirectMessenger } from "../direct-messenger.js";
import { awayNoticeMessage } from "../messages/availability.messages.js";

/** Time-off notes over Slack, through the once-only messenger. */
export class SlackAvailabilityNotifier implements AvailabilityNotifier {
  constructor(private readonly messenger: DirectMessenger) {}

  async tellAway(
    relationship: Relationship,
    awayId: string,
    until: CalendarDate | null,
    note: string,
  ): Promise<void> {
    const otherId =
      relationship.mentorId === awayId ? relationship.menteeId : relationship.mentorId;
    // Once per stretch of time off: a new `until` is news, the same one is not.
    await this.messenger.sendOnce(
      `availability.away:${relationship.id}:${awayId}:${until ?? "open"}`,
      otherId,
      awayNoticeMessage(relationship, awayId, until, note),
    );
  }
}
