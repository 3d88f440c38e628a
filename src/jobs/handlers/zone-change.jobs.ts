import type { CheckinScheduleService } from "../../domain/checkin-schedule.service.js";
import type { JobHandlers } from "../job-workers.js";

/** Thin handler: a mentee's schedule follows their new time zone. */
export function zoneChangeJobHandlers(
  schedules: CheckinScheduleService,
): Pick<JobHandlers, "people.zone-changed"> {
  return {
    "people.zone-changed": async ({ userId, from, to }) => {
      await schedules.followZone(userId, from, to);
    },
  };
}
