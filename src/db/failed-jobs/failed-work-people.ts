import type { FailedJob, FailedWorkPeople } from "../../domain/failed-work.js";
import type { Database } from "../database.js";

type Repos = Pick<
  Database,
  | "relationships"
  | "checkins"
  | "feedbackRequests"
  | "feedbackEntries"
  | "milestones"
  | "introductions"
>;

/**
 * Who a failed job was for, read from the ids its payload carries (payloads hold ids
 * only). One `_id` lookup, two for a milestone; an id that no longer resolves names nobody.
 */
export class FailedWorkPeopleLookup implements FailedWorkPeople {
  constructor(private readonly db: Repos) {}

  async peopleFor(work: FailedJob): Promise<string[]> {
    const id = (key: string) => (typeof work.data[key] === "string" ? String(work.data[key]) : "");
    const pair = (r: { mentorId: string; menteeId: string } | null) =>
      r ? [r.menteeId, r.mentorId] : [];
    if (id("checkinId")) {
      const checkin = await this.db.checkins.findById(id("checkinId"));
      if (!checkin) return [];
      // A check-in and its reminder go to the mentee, the answer and a reflection prompt to the
      // mentor; a streak note to both.
      if (work.name === "checkins.answered" || work.name === "checkins.reflect") {
        return [checkin.mentorId];
      }
      if (work.name === "checkins.missed-streak") return pair(checkin);
      return [checkin.menteeId];
    }
    if (id("requestId")) {
      const request = await this.db.feedbackRequests.findById(id("requestId"));
      return request ? [request.giverId, request.requesterId] : [];
    }
    if (id("entryId")) {
      const entry = await this.db.feedbackEntries.findById(id("entryId"));
      return entry ? [entry.recipientId, entry.giverId] : [];
    }
    if (id("introductionId")) {
      const intro = await this.db.introductions.findById(id("introductionId"));
      return intro
        ? [intro.menteeId, intro.mentorId, ...(intro.personId ? [intro.personId] : [])]
        : [];
    }
    if (id("milestoneId")) {
      const milestone = await this.db.milestones.findById(id("milestoneId"));
      if (!milestone) return [];
      return pair(await this.db.relationships.findById(milestone.relationshipId));
    }
    if (id("relationshipId"))
      return pair(await this.db.relationships.findById(id("relationshipId")));
    if (id("userId")) return [id("userId")];
    return [];
  }
}
