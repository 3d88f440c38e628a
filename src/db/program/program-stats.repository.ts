import type { Collection, Connection } from "mongoose";

type Filter = Record<string, unknown>;

import type { ActivityCounts, OpenPair, ProgramStats, StatusCounts } from "../../domain/program.js";
import type { CalendarDate } from "../../domain/roadmap.js";

type Range = { $gte: Date; $lt?: Date };

/**
 * ProgramStats straight from the collections, with no counters to keep in
 * step: equality or range filters on indexed fields, and `$group` with `$sum`
 * only, which MongoDB and FerretDB 1.x both run. (FerretDB scans for ranges;
 * see the README for what that costs on a large program.)
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

  async activity(from: Date, to: Date): Promise<ActivityCounts> {
    const range: Range = { $gte: from, $lt: to };
    const [checkins, milestonesReached, feedbackAsked, feedbackGiven, introductionsMade] =
      await Promise.all([
        this.collection("checkins")
          .aggregate<{ _id: { status?: string; kind?: string | null }; n: number }>([
            { $match: { sentAt: range } },
            { $group: { _id: { status: "$status", kind: "$answer.kind" }, n: { $sum: 1 } } },
          ])
          .toArray(),
        this.count("milestones", { doneAt: range, status: "done", removedAt: null }),
        this.count("feedback_requests", { askedAt: range }),
        this.count("feedback_entries", { createdAt: range }),
        this.count("introductions", { kind: "introduction", createdAt: range }),
      ]);
    const sum = (keep: (g: (typeof checkins)[number]["_id"]) => boolean) =>
      checkins.filter((g) => keep(g._id)).reduce((total, g) => total + g.n, 0);
    return {
      checkinsSent: sum(() => true),
      checkinsAnswered: sum((g) => g.status === "answered"),
      onTrack: sum((g) => g.status === "answered" && g.kind === "on_track"),
      needHelp: sum((g) => g.status === "answered" && g.kind === "need_help"),
      milestonesReached,
      feedbackAsked,
      feedbackGiven,
      introductionsMade,
    };
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

  async missedStreaks(since: Date, min: number): Promise<Map<string, number>> {
    const cursor = this.collection("checkins")
      .find(
        { scheduledFor: { $gte: since }, status: { $in: ["answered", "missed"] } },
        { projection: { relationshipId: 1, status: 1 } },
      )
      .sort({ relationshipId: 1, scheduledFor: -1 });
    // Newest first within each pair: count misses until the first answer.
    const streaks = new Map<string, number>();
    let current = "";
    let run = 0;
    let broken = false;
    const close = () => {
      if (current && run >= min) streaks.set(current, run);
    };
    for await (const doc of cursor) {
      if (doc.relationshipId !== current) {
        close();
        current = doc.relationshipId;
        run = 0;
        broken = false;
      }
      if (broken) continue;
      if (doc.status === "missed") run += 1;
      else broken = true;
    }
    close();
    return streaks;
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

  async activeSince(since: Date): Promise<Set<string>> {
    const range: Range = { $gte: since };
    const sources: Array<[string, Filter]> = [
      ["checkins", { "answer.at": range }],
      ["progress_entries", { at: range }],
      ["milestones", { updatedAt: range }],
      ["feedback_entries", { createdAt: range }],
      ["introductions", { createdAt: range }],
    ];
    const groups = await Promise.all(
      sources.map(([name, match]) =>
        this.collection(name)
          .aggregate<{ _id: string }>([
            { $match: match },
            { $group: { _id: "$relationshipId", n: { $sum: 1 } } },
          ])
          .toArray(),
      ),
    );
    return new Set(groups.flat().map((g) => g._id));
  }

  async departed(userIds: readonly string[]): Promise<Set<string>> {
    const wanted = new Set(userIds);
    const docs = await this.collection("people")
      .find({ deleted: true }, { projection: { slackUserId: 1 } })
      .toArray();
    return new Set(docs.map((d) => String(d.slackUserId)).filter((id) => wanted.has(id)));
  }

  private count(name: string, filter: Filter): Promise<number> {
    return this.collection(name).countDocuments(filter);
  }

  private collection(name: string): Collection {
    return this.connection.collection(name);
  }
}
