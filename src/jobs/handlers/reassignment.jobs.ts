import type { KickoffScheduleService } from "../../domain/kickoff.service.js";
import type { ReassignmentService } from "../../domain/reassignment.service.js";
import type { JobHandlers } from "../job-workers.js";

/**
 * Thin handler: the service reloads the pair and sends what is still due; then the pair's
 * kickoff follows it to the new mentor (after the introductions, so they come first).
 */
export function reassignmentJobHandlers(
  reassignments: ReassignmentService,
  kickoffs: Pick<KickoffScheduleService, "followReassignment">,
): Pick<JobHandlers, "relationship.reassigned"> {
  return {
    "relationship.reassigned": async ({ relationshipId, fromMentorId, at }) => {
      await reassignments.announce(relationshipId, fromMentorId, at);
      await kickoffs.followReassignment(relationshipId);
    },
  };
}
