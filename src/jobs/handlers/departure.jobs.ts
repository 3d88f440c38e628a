import type { DepartureService } from "../../domain/departure.service.js";
import type { JobHandlers } from "../job-workers.js";

export function departureJobHandlers(
  departures: DepartureService,
): Pick<JobHandlers, "people.left"> {
  return { "people.left": ({ userId }) => departures.announce(userId) };
}
