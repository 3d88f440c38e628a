import type { Relationship } from "../../domain/relationship.js";
import type { DirectMessenger } from "../../slack/direct-messenger.js";
import {
  introductionMessage,
  pairingRequestMessage,
  requestAcceptedMessage,
  requestDeclinedMessage,
} from "../../slack/messages/pairing.messages.js";
import type { JobHandlers } from "../job-workers.js";

export interface PairingJobDeps {
  relationships: { findById(id: string): Promise<Relationship | null> };
  messenger: DirectMessenger;
}

type PairingJobs = Pick<
  JobHandlers,
  "pairing.introduce" | "pairing.ask" | "pairing.accepted" | "pairing.declined"
>;

/**
 * Thin handlers: reload the relationship, check the message is still due,
 * send it once (the delivery key makes retries and duplicates harmless).
 */
export function pairingJobHandlers({ relationships, messenger }: PairingJobDeps): PairingJobs {
  const load = (id: string) => relationships.findById(id);
  return {
    "pairing.introduce": async ({ relationshipId }) => {
      const relationship = await load(relationshipId);
      if (relationship?.status !== "active") return;
      for (const userId of [relationship.mentorId, relationship.menteeId]) {
        await messenger.sendOnce(
          `pairing.introduce:${relationship.id}:${userId}`,
          userId,
          introductionMessage(relationship, userId),
        );
      }
    },
    "pairing.ask": async ({ relationshipId }) => {
      const relationship = await load(relationshipId);
      if (relationship?.status !== "pending" || !relationship.awaitingUserId) return;
      await messenger.sendOnce(
        `pairing.ask:${relationship.id}`,
        relationship.awaitingUserId,
        pairingRequestMessage(relationship),
      );
    },
    "pairing.accepted": async ({ relationshipId }) => {
      const relationship = await load(relationshipId);
      if (!relationship?.requestedBy || !relationship.activatedAt) return;
      await messenger.sendOnce(
        `pairing.accepted:${relationship.id}`,
        relationship.requestedBy,
        requestAcceptedMessage(relationship),
      );
    },
    "pairing.declined": async ({ relationshipId }) => {
      const relationship = await load(relationshipId);
      if (!relationship?.requestedBy || relationship.endReason !== "declined") return;
      await messenger.sendOnce(
        `pairing.declined:${relationship.id}`,
        relationship.requestedBy,
        requestDeclinedMessage(relationship),
      );
    },
  };
}
