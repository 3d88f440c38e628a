import type { PairingNotifier, PairingStore } from "../../domain/relationship.js";
import type { JobHandlers } from "../job-workers.js";

type PairingJobs = Pick<
  JobHandlers,
  "pairing.introduce" | "pairing.ask" | "pairing.accepted" | "pairing.declined"
>;

/**
 * Thin handlers: reload the relationship, check the message is still due,
 * send it once (the notifier's delivery keys make retries and duplicates harmless).
 */
export function pairingJobHandlers(deps: {
  relationships: Pick<PairingStore, "findById">;
  notifier: PairingNotifier;
}): PairingJobs {
  const { relationships, notifier } = deps;
  const introduceBoth = async (relationshipId: string) => {
    const relationship = await relationships.findById(relationshipId);
    if (relationship?.status !== "active") return;
    for (const userId of [relationship.mentorId, relationship.menteeId]) {
      await notifier.introduce(relationship, userId);
    }
  };
  return {
    "pairing.introduce": (payload) => introduceBoth(payload.relationshipId),
    "pairing.ask": async ({ relationshipId }) => {
      const relationship = await relationships.findById(relationshipId);
      if (relationship?.status !== "pending" || !relationship.awaitingUserId) return;
      await notifier.askInvitee(relationship, relationship.awaitingUserId);
    },
    // An accepted request: both are introduced, the requester's DM saying it was accepted.
    "pairing.accepted": (payload) => introduceBoth(payload.relationshipId),
    "pairing.declined": async ({ relationshipId }) => {
      const relationship = await relationships.findById(relationshipId);
      if (!relationship?.requestedBy || relationship.endReason !== "declined") return;
      await notifier.tellDeclined(relationship, relationship.requestedBy);
    },
  };
}
