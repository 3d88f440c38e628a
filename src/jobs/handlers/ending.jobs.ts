import type { EndingNotifier, EndingStore } from "../../domain/ending.js";
import { FORMER_MEMBER } from "../../domain/forgetting.js";
import type { JobHandlers } from "../job-workers.js";

/** Thin handler: reload the pair; only an ended one gets its closing DMs (once each). */
export function endingJobHandlers(deps: {
  relationships: Pick<EndingStore, "findById">;
  notifier: EndingNotifier;
}): Pick<JobHandlers, "relationship.closing"> {
  return {
    "relationship.closing": async ({ relationshipId }) => {
      const relationship = await deps.relationships.findById(relationshipId);
      if (relationship?.status !== "ended") return;
      for (const userId of [relationship.mentorId, relationship.menteeId]) {
        if (userId === FORMER_MEMBER) continue;
        await deps.notifier.sendClosing(relationship, userId);
      }
    },
  };
}
