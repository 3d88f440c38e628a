import type { Collection, Connection } from "mongoose";

import type { OpenPair, ProgramStats, StatusCounts } from "../../domain/program.js";
import type { CalendarDate } from "../../domain/roadmap.js";

/**
 * ProgramStats from the collections that grow with the program, not with its
 * age (pairs, milestones, people): `$group` with `$sum` only, which MongoDB
 * and FerretDB 1.x both run. What grows with time is in the pairs' tallies.
 */
export class ProgramStatsRepository implements ProgramStats {
  constructor(private readonly connection: Connection) {}

  async statusCounts(): Promise<StatusCounts> {
    const counts: StatusCounts = { pending: 0, active: 0, paused: 0, ended: 0 };
    const groups = await this.collection("relationships")
      .aggregate<{ _id: keyof StatusCounts; n: number }>([
        { $group: { _id: "$status", n: { $sum: 1 } } },
      ])
      .toArray();
    for (const { _id, n } of groups) if (_id in counts) counts[_id] = n;
    return counts;
  }

  async openPairs(): Promise<OpenPair[]> {
    const docs = await this.collection("relationships")
      .find(
        { status: { $in: ["pending", "active", "paused"] } },
        {
          projection: {
            mentorId: 1,
            menteeId: 1,
            status: 1,
            createdAt: 1,
            activatedAt: 1,
          },
        },
      )
      .toArray();
    return docs.map((d) => ({
      relationshipId: String(d._id),
      mentorId: d.mentorId,
      menteeId: d.menteeId,
      status: d.status,
      createdAt: d.createdAt,
      activatedAt: d.activatedAt ?? null,
    }));
  }

  async overdueMilestones(today: CalendarDate): Promise<Map<string, number>> {
    const groups = await this.collection("milestones")
      .aggregate<{ _id: string; n: number }>([
        {
          $match: {
            removedAt: null,
            status: { $ne: "done" },
            dueDate: { $ne: null, $lt: today },
          },
        },
        { $group: { _id: "$relationshipId", n: { $sum: 1 } } },
      ])
      .toArray();
    return new Map(groups.map((g) => [g._id, g.n]));
  }

  async departed(userIds: readonly string[]): Promise<Set<string>> {
    const wanted = new Set(userIds);
    const docs = await this.collection("people")
      .find({ deleted: true }, { projection: { slackUserId: 1 } })
      .toArray();
    return new Set(docs.map((d) => String(d.slackUserId)).filter((id) => wanted.has(id)));
  }

  private collection(name: string): Collection {
    return this.connection.collection(name);
  }
}
