import type { EndingNotifier, EndingStore } from "../../domain/ending.js";
import { FORMER_MEMBER } from "../../domain/forgetting.js";
import type { JobHandlers } from "../job-workers.js";

/**
 * Thin handler: reload the pair; only an ended one that began gets its closing DMs (once each):
 * a pairing request that ended unanswered (withdrawn by a forgetting) was no mentorship.
 */
export function endingJobHandlers(deps: {
  relationships: Pick<EndingStore, "findById">;
  notifier: EndingNotifier;
}): Pick<JobHandlers, "relationship.closing"> {
  return {
    "relationship.closing": async ({ relationshipId }) => {
      const relationship = await deps.relationships.findById(relationshipId);
      if (relationship?.status !== "ended" || !relationship.activatedAt) return;
      for (const userId of [relationship.mentorId, relationship.menteeId]) {
        if (userId === FORMER_MEMBER) continue;
        await deps.notifier.sendClosing(relationship, userId);
      }
    },
  };
}
