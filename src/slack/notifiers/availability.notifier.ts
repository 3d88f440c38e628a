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
    since: Date,
  ): Promise<void> {
    const otherId =
      relationship.mentorId === awayId ? relationship.menteeId : relationship.mentorId;
    // Once per stretch of time off: a new `until` is news, the same one is not. Open-ended ones
    // share no date, so each is keyed by when it was first asked about.
    const absence = until ?? `open:${since.getTime()}`;
    await this.messenger.sendOnce(
      `availability.away:${relationship.id}:${awayId}:${absence}`,
      otherId,
      awayNoticeMessage(relationship, awayId, until, note),
    );
  }
}
