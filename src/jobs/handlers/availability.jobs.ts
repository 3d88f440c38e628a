import type { AvailabilityService } from "../../domain/availability.service.js";
import type { JobHandlers } from "../job-workers.js";

/** Thin handler: the service reloads the pair and the person's calendar, and decides. */
export function availabilityJobHandlers(
  availability: AvailabilityService,
): Pick<JobHandlers, "availability.away-notice"> {
  return {
    "availability.away-notice": ({ relationshipId, userId, until }) =>
      availability.announceAway(relationshipId, userId, until),
  };
}
