import type { CheckinScheduleService } from "../../domain/checkin-schedule.service.js";
import type { KickoffScheduleService } from "../../domain/kickoff.service.js";
import type { JobHandlers } from "../job-workers.js";

/** Thin handler: a person's check-ins, and kickoffs that no longer fit, follow their new zone. */
export function zoneChangeJobHandlers(
  schedules: CheckinScheduleService,
  kickoffs: Pick<KickoffScheduleService, "refit">,
): Pick<JobHandlers, "people.zone-changed"> {
  return {
    "people.zone-changed": async ({ userId, from, to }) => {
      await schedules.followZone(userId, from, to);
      await kickoffs.refit(userId, to);
    },
  };
}
