import type { ReassignmentService } from "../../domain/reassignment.service.js";
import type { JobHandlers } from "../job-workers.js";

/** Thin handler: the service reloads the pair and sends what is still due. */
export function reassignmentJobHandlers(
  reassignments: ReassignmentService,
): Pick<JobHandlers, "relationship.reassigned"> {
  return {
    "relationship.reassigned": ({ relationshipId, fromMentorId, at }) =>
      reassignments.announce(relationshipId, fromMentorId, at),
  };
}
