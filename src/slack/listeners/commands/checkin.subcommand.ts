import { type Frequency, parseTime, weekdayFromName } from "../../../domain/cadence.js";
import { DomainError } from "../../../domain/errors.js";
import type { CommandOf } from "../../commands/parsed-command.js";
import {
  cadenceSetReply,
  checkinSendingReply,
  checkinSkippedReply,
  checkinsPausedReply,
  checkinsResumedReply,
  scheduleReply,
} from "../../messages/checkin-schedule.messages.js";
import type { SlackMessage } from "../../slack-message.js";
import type { SubcommandContext } from "./subcommand.js";

const FREQUENCIES: readonly Frequency[] = ["weekly", "biweekly", "monthly"];

/** `/mentor checkin …`: show, set the cadence, pause, resume, skip, or check in now. */
export async function checkinSubcommand(
  { services, actorId }: SubcommandContext,
  command: CommandOf<`checkin.${string}`>,
): Promise<SlackMessage> {
  const checkins = services.checkinSchedules;
  const target = command.otherId ? { otherId: command.otherId } : {};
  // Times are shown in the zone of whoever reads them.
  const reader = async () => ({ userId: actorId, zone: await checkins.zoneOf(actorId) });
  switch (command.kind) {
    case "checkin.show": {
      const schedule = await checkins.schedule(actorId, target);
      return scheduleReply(schedule, await reader());
    }
    case "checkin.every": {
      const schedule = await checkins.setCadence(actorId, target, parseEvery(command));
      return cadenceSetReply(schedule, await reader());
    }
    case "checkin.pause":
      await checkins.pause(actorId, target);
      return checkinsPausedReply;
    case "checkin.resume": {
      const { wasPaused, schedule } = await checkins.resume(actorId, target);
      return checkinsResumedReply(wasPaused, schedule, await reader());
    }
    case "checkin.skip": {
      const { skipped, schedule } = await checkins.skipNext(actorId, target);
      return checkinSkippedReply(skipped, schedule, await reader());
    }
    case "checkin.now":
      await checkins.sendNow(actorId, target);
      return checkinSendingReply;
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
