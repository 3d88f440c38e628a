import {
  describeCadence,
  type Frequency,
  parseTime,
  weekdayFromName,
} from "../../../domain/cadence.js";
import type { Schedule } from "../../../domain/checkin-schedule.service.js";
import dayjs from "../../../domain/dayjs.js";
import { DomainError } from "../../../domain/errors.js";
import { isMember, otherPerson } from "../../../domain/relationship.js";
import { mention } from "../../commands/mention.js";
import type { CommandOf } from "../../commands/parsed-command.js";
import type { SlackMessage } from "../../direct-messenger.js";
import { slackDate } from "../../messages/slack-date.js";
import type { Services } from "../../services.js";
import type { SubcommandContext } from "./subcommand.js";

type CheckinCommand = CommandOf<`checkin.${string}`>;

const FREQUENCIES: readonly Frequency[] = ["weekly", "biweekly", "monthly"];

/** `/mentor checkin …`: show, set the cadence, pause, resume, skip, or check in now. */
export async function checkinSubcommand(
  { services, actorId }: SubcommandContext,
  command: CheckinCommand,
): Promise<SlackMessage> {
  const checkins = services.checkinSchedules;
  const target = command.otherId ? { otherId: command.otherId } : {};
  switch (command.kind) {
    case "checkin.show":
      return { text: await describe(services, actorId, await checkins.schedule(actorId, target)) };
    case "checkin.every": {
      const change = parseEvery(command);
      const schedule = await checkins.setCadence(actorId, target, change);
      return { text: `Check-in schedule updated. ${await describe(services, actorId, schedule)}` };
    }
    case "checkin.pause":
      await checkins.pause(actorId, target);
      return { text: "Check-ins are paused. `/mentor checkin resume` starts them again." };
    case "checkin.resume": {
      const schedule = await checkins.resume(actorId, target);
      return { text: `Check-ins are back on. ${await describe(services, actorId, schedule)}` };
    }
    case "checkin.skip": {
      const { skipped, schedule } = await checkins.skipNext(actorId, target);
      if (!skipped) return { text: "There's no check-in scheduled to skip." };
      return {
        text: `Skipped the check-in of ${await inReaderZone(services, actorId, skipped)}. ${await describe(services, actorId, schedule)}`,
      };
    }
    case "checkin.now": {
      await checkins.sendNow(actorId, target);
      return { text: "Sending a check-in right now." };
    }
  }
}

function parseEvery(command: CommandOf<"checkin.every">) {
  const frequency = command.frequency as Frequency;
  if (!FREQUENCIES.includes(frequency)) {
    throw new DomainError("cadence_frequency_unknown", { choices: FREQUENCIES.join(",") });
  }
  const weekday = command.weekday ? weekdayFromName(command.weekday) : undefined;
  if (weekday === null) {
    throw new DomainError("cadence_weekday_unknown", { text: command.weekday ?? "" });
  }
  const time = command.time ? parseTime(command.time) : undefined;
  if (time === null) throw new DomainError("cadence_time_unknown", { text: command.time ?? "" });
  if (command.extra.length > 0) {
    throw new DomainError("cadence_extra_words", { text: command.extra.join(" ") });
  }
  return { frequency, ...(weekday ? { weekday } : {}), ...(time ? { time } : {}) };
}

async function describe(services: Services, readerId: string, schedule: Schedule): Promise<string> {
  const { relationship, cadence, zone, nextCheckinAt } = schedule;
  // An admin reading someone else's schedule sees both names.
  const pair = isMember(relationship, readerId)
    ? mention(otherPerson(relationship, readerId))
    : `${mention(relationship.mentorId)} and ${mention(relationship.menteeId)}`;
  const whose =
    readerId === relationship.menteeId ? "your time" : `${mention(relationship.menteeId)}'s time`;
  const rhythm = `Check-ins with ${pair}: ${describeCadence(cadence)}, ${whose} (${zone}).`;
  if (relationship.checkinsPaused) return `${rhythm} They are paused.`;
  if (!nextCheckinAt) return rhythm;
  return `${rhythm} Next: ${await inReaderZone(services, readerId, nextCheckinAt)}.`;
}

/** "Mon 30 Nov 2026, 05:30 (America/New_York)", in the reader's zone, with Slack's own rendering too. */
async function inReaderZone(services: Services, readerId: string, at: Date): Promise<string> {
  const zone = await services.checkinSchedules.zoneOf(readerId);
  const local = dayjs(at).tz(zone).format("ddd D MMM YYYY, HH:mm");
  return `${slackDate(at, "{date_short_pretty} at {time}")} (${local}, ${zone})`;
}
