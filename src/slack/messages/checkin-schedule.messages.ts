import type { Schedule } from "../../domain/checkin-schedule.service.js";
import dayjs from "../../domain/dayjs.js";
import { isMember, otherPerson } from "../../domain/relationship.js";
import { wallClock } from "../../domain/zoned-time.js";
import { mention } from "../commands/mention.js";
import type { SlackMessage } from "../slack-message.js";
import { describeCadence } from "./cadence.messages.js";
import { slackDate } from "./slack-date.js";

/** Who reads the schedule, and their time zone: times are shown in it. */
export interface ScheduleReader {
  userId: string;
  zone: string;
}

/** "Check-ins with @maria: weekly on Monday at 10:00, your time (Europe/Paris). Next: …" */
export function scheduleText(schedule: Schedule, reader: ScheduleReader): string {
  const { relationship, cadence, zone, nextCheckinAt, arrivesAt } = schedule;
  // An admin reading someone else's schedule sees both names.
  const pair = isMember(relationship, reader.userId)
    ? mention(otherPerson(relationship, reader.userId))
    : `${mention(relationship.mentorId)} and ${mention(relationship.menteeId)}`;
  const whose =
    reader.userId === relationship.menteeId
      ? "your time"
      : `${mention(relationship.menteeId)}'s time`;
  const rhythm = `Check-ins with ${pair}: ${describeCadence(cadence)}, ${whose} (${zone}).`;
  if (relationship.checkinsPaused) return `${rhythm} They are paused.`;
  if (!nextCheckinAt) return rhythm;
  const next = `${rhythm} Next: ${inReaderZone(nextCheckinAt, reader.zone)}`;
  if (!arrivesAt) return `${next}.`;
  const hours =
    reader.userId === relationship.menteeId ? "your" : `${mention(relationship.menteeId)}'s`;
  return `${next}, outside ${hours} working hours: it arrives ${inReaderZone(arrivesAt, reader.zone)}.`;
}

/** "Mon 30 Nov 2026, 05:30 (America/New_York)", in the reader's zone, with Slack's own rendering too. */
export function inReaderZone(at: Date, zone: string): string {
  const local = dayjs.utc(wallClock(at, zone)).format("ddd D MMM YYYY, HH:mm");
  return `${slackDate(at, "{date_short_pretty} at {time}")} (${local}, ${zone})`;
}

export const scheduleReply = (schedule: Schedule, reader: ScheduleReader): SlackMessage => ({
  text: scheduleText(schedule, reader),
});

export const cadenceSetReply = (schedule: Schedule, reader: ScheduleReader): SlackMessage => ({
  text: `Check-in schedule updated. ${scheduleText(schedule, reader)}`,
});

export const checkinsPausedReply: SlackMessage = {
  text: "Check-ins are paused. `/mentor checkin resume` starts them again.",
};

export const checkinsResumedReply = (
  wasPaused: boolean,
  schedule: Schedule,
  reader: ScheduleReader,
): SlackMessage => ({
  text: wasPaused
    ? `Check-ins are back on. ${scheduleText(schedule, reader)}`
    : `Check-ins weren't paused, so nothing changed. ${scheduleText(schedule, reader)}`,
});

export function checkinSkippedReply(
  skipped: Date | null,
  schedule: Schedule,
  reader: ScheduleReader,
): SlackMessage {
  if (!skipped) return { text: "There's no check-in scheduled to skip." };
  return {
    text: `Skipped the check-in of ${inReaderZone(skipped, reader.zone)}. ${scheduleText(schedule, reader)}`,
  };
}

export const checkinSendingReply: SlackMessage = { text: "Sending a check-in right now." };
