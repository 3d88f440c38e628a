import type { Collection, Connection } from "mongoose";

import type { NearMilestone, OpenPair, ProgramStats, StatusCounts } from "../../domain/program.js";
import type { CalendarDate } from "../../domain/roadmap.js";

/**
 * ProgramStats from the collections that grow with the program, not with its
 * age (pairs, milestones, people): `$group` with `$sum` only, which MongoDB
 * and FerretDB 1.x both run. What grows with time is in the pairs' tallies.
 */
export class ProgramStatsRepository implements ProgramStats {
  constructor(private readonly connection: Connection) {}

  /**
   * Pairs by status as an admin means it: an active pair whose check-ins are paused
   * (`/mentor checkin pause`) counts as paused, and "ended" counts mentorships that once
   * ran, not pairing requests declined (or withdrawn) before they began.
   */
  async statusCounts(): Promise<StatusCounts> {
    const counts: StatusCounts = { pending: 0, active: 0, paused: 0, ended: 0 };
    const pairs = this.collection("relationships");
    const [groups, checkinsPaused, neverBegun] = await Promise.all([
      pairs
        .aggregate<{ _id: keyof StatusCounts; n: number }>([
          { $group: { _id: "$status", n: { $sum: 1 } } },
        ])
        .toArray(),
      pairs.countDocuments({ status: "active", checkinsPaused: true }),
      pairs.countDocuments({ status: "ended", activatedAt: null }),
    ]);
    for (const { _id, n } of groups) if (_id in counts) counts[_id] = n;
    counts.active -= checkinsPaused;
    counts.paused += checkinsPaused;
    counts.ended -= neverBegun;
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
            checkinsPaused: 1,
          },
        },
      )
      .toArray();
    return docs.map((d) => ({
      relationshipId: String(d._id),
      mentorId: d.mentorId,
      menteeId: d.menteeId,
      // Paused check-ins make a pair quiet on purpose: the report treats it as paused.
      status: d.status === "active" && d.checkinsPaused === true ? "paused" : d.status,
      createdAt: d.createdAt,
      activatedAt: d.activatedAt ?? null,
    }));
  }

  async overdueMilestones(
    before: CalendarDate,
    through: CalendarDate,
  ): Promise<{ before: Map<string, number>; near: NearMilestone[] }> {
    const milestones = this.collection("milestones");
    const open = { removedAt: null, status: { $ne: "done" } };
    const [groups, near] = await Promise.all([
      milestones
        .aggregate<{ _id: string; n: number }>([
          { $match: { ...open, dueDate: { $ne: null, $lt: before } } },
          { $group: { _id: "$relationshipId", n: { $sum: 1 } } },
        ])
        .toArray(),
      // Two days' due dates: few, whatever the program's size.
      milestones
        .find(
          { ...open, dueDate: { $gte: before, $lte: through } },
          { projection: { _id: 0, relationshipId: 1, dueDate: 1 } },
        )
        .toArray(),
    ]);
    return {
      before: new Map(groups.map((g) => [g._id, g.n])),
      near: near.map((m) => ({ relationshipId: String(m.relationshipId), dueDate: m.dueDate })),
    };
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
