import type { CheckinService } from "../../domain/checkin.service.js";
import type { JobHandlers } from "../job-workers.js";

type CheckinJobs = Pick<
  JobHandlers,
  | "checkins.send"
  | "checkins.remind"
  | "checkins.answered"
  | "checkins.missed-streak"
  | "checkins.reflect"
>;

/** Thin handlers: each job names a check-in; the service reloads it and decides. */
export function checkinJobHandlers(checkins: CheckinService): CheckinJobs {
  return {
    "checkins.send": ({ checkinId }) => checkins.deliver(checkinId),
    "checkins.remind": ({ checkinId, remindAt }) => checkins.remind(checkinId, remindAt),
    "checkins.answered": ({ checkinId }) => checkins.announceAnswer(checkinId),
    "checkins.missed-streak": ({ checkinId }) => checkins.announceMissedStreak(checkinId),
    "checkins.reflect": ({ checkinId }) => checkins.sendOwedReflection(checkinId),
  };
}
