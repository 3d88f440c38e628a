import type { Collection, Connection } from "mongoose";
import type { PersonalData, PersonalDataStore } from "../../domain/export.js";

type Filter = Record<string, unknown>;

/**
 * PersonalDataStore straight from the collections: every record keyed by the
 * person, and every record of the pairs they are or were in. Raw documents,
 * so a field added later is in the file without a change here. Delivery
 * ledger keys and failed jobs hold ids only and are left out.
 */
export class PersonalDataRepository implements PersonalDataStore {
  constructor(private readonly connection: Connection) {}

  async collect(userId: string, now: Date): Promise<PersonalData> {
    const id = String(userId);
    const mentorships = await this.all("relationships", {
      $or: [{ mentorId: id }, { menteeId: id }],
    });
    const pairIds = mentorships.map((r) => String(r._id));
    const inPairs = { relationshipId: { $in: pairIds } };
    const [
      profile,
      availability,
      admin,
      milestones,
      progressNotes,
      checkins,
      feedbackRequests,
      feedback,
      introductions,
      blocks,
      kickoffs,
      kickoffSteps,
      exchanges,
      auditEntries,
    ] = await Promise.all([
      this.one("people", { slackUserId: id }),
      this.one("availability", { userId: id }),
      this.one("program_admins", { _id: id }),
      this.all("milestones", inPairs),
      // With the notes they wrote in a pair since moved to another mentor.
      this.all("progress_entries", { $or: [inPairs, { authorId: id }] }),
      this.all("checkins", inPairs),
      this.all("feedback_requests", { $or: [{ requesterId: id }, { giverId: id }] }),
      this.all("feedback_entries", { $or: [{ giverId: id }, { recipientId: id }] }),
      this.all("introductions", {
        $or: [{ mentorId: id }, { menteeId: id }, { personId: id }, inPairs],
      }),
      // Their own blocks only: a blocked person is never told who blocked them.
      this.all("blocks", { blockerId: id }),
      this.all("kickoffs", inPairs),
      this.all("kickoff_steps", inPairs),
      this.all("exchanges", inPairs),
      this.all("audit_log", {
        $or: [{ actorId: id }, { entityId: id }, { entityId: { $in: pairIds } }],
      }),
    ]);
    return {
      person: id,
      exportedAt: now,
      profile,
      availability,
      admin,
      mentorships,
      milestones,
      progressNotes,
      checkins,
      feedbackRequests,
      feedback,
      introductions,
      blocks,
      kickoffs,
      kickoffSteps,
      exchanges,
      auditEntries,
    };
  }

  private async all(name: string, filter: Filter): Promise<Array<Record<string, unknown>>> {
    return this.collection(name).find(filter).toArray();
  }

  private async one(name: string, filter: Filter): Promise<Record<string, unknown> | null> {
    return this.collection(name).findOne(filter);
  }

  private collection(name: string): Collection {
    return this.connection.collection(name);
  }
}
