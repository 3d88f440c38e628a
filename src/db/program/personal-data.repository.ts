import { type Collection, type Connection, Types } from "mongoose";
import type { PersonalData, PersonalDataStore } from "../../domain/export.js";
import type { FormerPairs } from "../../domain/forgetting.js";

type Filter = Record<string, unknown>;

/**
 * Of a pair they no longer mentor, what was theirs too: who the mentee is and that they mentored
 * them. Its goal, roadmap and new mentor are the pair's of today.
 */
const FORMER_PAIR_FIELDS = {
  menteeId: 1,
  formerMentorIds: 1,
  status: 1,
  activatedAt: 1,
  createdAt: 1,
} as const;

/**
 * PersonalDataStore straight from the collections: every record keyed by the person, every
 * record of the pairs they are or were in, and their part of the pairs they mentored until a
 * reassignment. Raw documents, so a field added later is in the file without a change here.
 * Delivery ledger keys and failed jobs hold ids only and are left out.
 */
export class PersonalDataRepository implements PersonalDataStore {
  constructor(
    private readonly connection: Connection,
    private readonly formerPairIds: FormerPairs,
  ) {}

  async collect(userId: string, now: Date): Promise<PersonalData> {
    const id = String(userId);
    const [current, former] = await Promise.all([
      this.all("relationships", { $or: [{ mentorId: id }, { menteeId: id }] }),
      this.formerPairs(id),
    ]);
    const currentIds = new Set(current.map((r) => String(r._id)));
    const formerIds = former.map((r) => String(r._id)).filter((pair) => !currentIds.has(pair));
    const mentorships = [...current, ...former.filter((r) => !currentIds.has(String(r._id)))];
    const inPairs = { relationshipId: { $in: [...currentIds] } };
    // A pair they mentored until a reassignment is its new mentor's now: only their part of it.
    const inFormer = { relationshipId: { $in: formerIds } };
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
      this.all("milestones", {
        $or: [inPairs, { ...inFormer, $or: [{ createdBy: id }, { doneBy: id }] }],
      }),
      // With the notes they wrote in a pair since moved to another mentor.
      this.all("progress_entries", { $or: [inPairs, { authorId: id }] }),
      this.all("checkins", { $or: [inPairs, { ...inFormer, mentorId: id }] }),
      this.all("feedback_requests", { $or: [{ requesterId: id }, { giverId: id }] }),
      this.all("feedback_entries", { $or: [{ giverId: id }, { recipientId: id }] }),
      this.all("introductions", {
        $or: [{ mentorId: id }, { menteeId: id }, { personId: id }, inPairs],
      }),
      // Their own blocks only: a blocked person is never told who blocked them.
      this.all("blocks", { blockerId: id }),
      this.all("kickoffs", { $or: [inPairs, { ...inFormer, mentorId: id }] }),
      this.all("kickoff_steps", inPairs),
      this.all("exchanges", { $or: [inPairs, { authorId: id }] }),
      this.all("audit_log", {
        $or: [
          { actorId: id },
          { entityId: id },
          { entityId: { $in: [...currentIds] } },
          // Of a former pair, the entries naming them: its pairing and their reassignment.
          { entityId: { $in: formerIds }, "details.mentorId": id },
          { entityId: { $in: formerIds }, "details.fromMentorId": id },
        ],
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

  /**
   * The pairs they mentored until an admin moved them to someone else: the ones forgetting
   * finds, by the same rule (FormerPairs).
   */
  private async formerPairs(id: string): Promise<Array<Record<string, unknown>>> {
    const ids = (await this.formerPairIds.of(id)).flatMap((pair) =>
      Types.ObjectId.isValid(pair) ? [new Types.ObjectId(pair)] : [],
    );
    if (ids.length === 0) return [];
    return this.all("relationships", { _id: { $in: ids } }, FORMER_PAIR_FIELDS);
  }

  private async all(
    name: string,
    filter: Filter,
    projection?: Record<string, 1>,
  ): Promise<Array<Record<string, unknown>>> {
    return this.collection(name).find(filter, { projection }).toArray();
  }

  private async one(name: string, filter: Filter): Promise<Record<string, unknown> | null> {
    return this.collection(name).findOne(filter);
  }

  private collection(name: string): Collection {
    return this.connection.collection(name);
  }
}
