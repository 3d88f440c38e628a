import type { Database } from "../../src/db/database.js";
import type { Relationship } from "../../src/domain/relationship.js";
import { uniqueName } from "./isolation.js";

/**
 * An active pair written straight through the repository, as an admin's pairing leaves it;
 * new people on both sides unless named.
 */
export function createActivePair(
  relationships: Database["relationships"],
  now: Date,
  people: { mentorId?: string; menteeId?: string } = {},
): Promise<Relationship> {
  return relationships.create({
    mentorId: people.mentorId ?? uniqueName("m").toUpperCase(),
    menteeId: people.menteeId ?? uniqueName("e").toUpperCase(),
    status: "active",
    createdBy: "UADMIN01",
    requestedBy: null,
    awaitingUserId: null,
    now,
  });
}
