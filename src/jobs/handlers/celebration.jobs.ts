import type { CelebrationService } from "../../domain/celebration.service.js";
import type { JobHandlers } from "../job-workers.js";

/** Thin handlers: each job names a milestone; the service reloads it and decides. */
export function celebrationJobHandlers(
  celebrations: CelebrationService,
): Pick<JobHandlers, "celebrations.post" | "celebrations.share"> {
  return {
    "celebrations.post": ({ milestoneId }) => celebrations.celebrate(milestoneId),
    "celebrations.share": ({ milestoneId }) => celebrations.shareAfterAsking(milestoneId),
  };
}
