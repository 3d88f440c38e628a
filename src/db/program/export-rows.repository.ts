import { type Collection, type Connection, Types } from "mongoose";
import type { AnswerKind } from "../../domain/checkin.js";
import type { CheckinRow, ExportRows, MilestoneRow, PairRow } from "../../domain/export.js";
import type { CalendarDate } from "../../domain/roadmap.js";

// Raw documents from the driver: the fields read are those the schemas in db/ declare.
// biome-ignore lint/suspicious/noExplicitAny: rows are mapped field by field below.
type Doc = Record<string, any>;

/** Pairs per round of summary queries: memory holds one batch, never the program. */
const BATCH = 200;

/**
 * ExportRows from cursors. pairs.csv needs per-pair figures: each batch of
 * pairs gets them from a few `$group`s over that batch's ids (indexed on
 * relationshipId) and one sorted pass over its answered and missed check-ins.
 */
export class ExportRowsRepository implements ExportRows {
  constructor(private readonly connection: Connection) {}

  async *pairs(today: CalendarDate): AsyncIterable<PairRow> {
    const cursor = this.collection("relationships").find({}).sort({ _id: 1 });
    let batch: Doc[] = [];
    for await (const doc of cursor) {
      batch.push(doc);
      if (batch.length === BATCH) {
        yield* await this.pairRows(batch, today);
        batch = [];
      }
    }
    if (batch.length > 0) yield* await this.pairRows(batch, today);
  }

  async *milestones(today: CalendarDate): AsyncIterable<MilestoneRow> {
    const cursor = this.collection("milestones")
      .find({ removedAt: null })
      .sort({ relationshipId: 1, position: 1 });
    let pair = { id: "", mentorId: "", menteeId: "" };
    let number = 0;
    for await (const m of cursor) {
      // Sorted by pair: one lookup per pair, not per milestone.
      if (pair.id !== m.relationshipId) {
        pair = await this.pairOf(m.relationshipId);
        number = 0;
      }
      number += 1;
      yield {
        relationshipId: m.relationshipId,
        mentorId: pair.mentorId,
        menteeId: pair.menteeId,
        number,
        title: m.title,
        status: m.status,
        dueDate: m.dueDate ?? null,
        overdue: m.status !== "done" && typeof m.dueDate === "string" && m.dueDate < today,
        doneAt: m.doneAt ?? null,
        createdAt: m.createdAt,
      };
    }
  }

  async *checkins(): AsyncIterable<CheckinRow> {
    const cursor = this.collection("checkins")
      .find({ status: { $ne: "skipped" } })
      .sort({ relationshipId: 1, scheduledFor: 1 });
    for await (const c of cursor) {
      yield {
        relationshipId: c.relationshipId,
        mentorId: c.mentorId,
        menteeId: c.menteeId,
        scheduledFor: c.scheduledFor,
        sentAt: c.sentAt ?? null,
        status: c.status,
        answer: c.answer?.kind ?? null,
        answerNote: c.answer?.note ?? "",
        answeredAt: c.answer?.at ?? null,
      };
    }
  }

  private async pairRows(batch: Doc[], today: CalendarDate): Promise<PairRow[]> {
    const ids = batch.map((d) => String(d._id));
    const people = [...new Set(batch.flatMap((d) => [d.mentorId, d.menteeId]))];
    const [milestones, overdue, checkins, answers, names] = await Promise.all([
      this.groupCount("milestones", { relationshipId: { $in: ids }, removedAt: null }, true),
      this.groupCount(
        "milestones",
        {
          relationshipId: { $in: ids },
          removedAt: null,
          status: { $ne: "done" },
          dueDate: { $ne: null, $lt: today },
        },
        false,
      ),
      this.groupCount("checkins", { relationshipId: { $in: ids }, sentAt: { $ne: null } }, true),
      this.latestAnswers(ids),
      this.names(people),
    ]);
    return batch.map((d) => {
      const id = String(d._id);
      const total = milestones.get(id);
      const sent = checkins.get(id);
      return {
        relationshipId: id,
        mentorId: d.mentorId,
        mentorName: names.get(d.mentorId) ?? "",
        menteeId: d.menteeId,
        menteeName: names.get(d.menteeId) ?? "",
        status: d.status,
        started: d.activatedAt ?? null,
        ended: d.endedAt ?? null,
        aspiration: d.goal?.aspiration ?? "",
        milestonesDone: total?.get("done") ?? 0,
        milestonesTotal: sum(total),
        milestonesOverdue: sum(overdue.get(id)),
        checkinsSent: sum(sent),
        checkinsAnswered: sent?.get("answered") ?? 0,
        lastAnswer: answers.get(id)?.last ?? null,
        missedStreak: answers.get(id)?.streak ?? 0,
      };
    });
  }

  /** relationshipId → status → count (or → "all" → count without `byStatus`). */
  private async groupCount(
    name: string,
    match: Doc,
    byStatus: boolean,
  ): Promise<Map<string, Map<string, number>>> {
    const groups = await this.collection(name)
      .aggregate<{ _id: { r: string; s?: string }; n: number }>([
        { $match: match },
        {
          $group: {
            _id: byStatus ? { r: "$relationshipId", s: "$status" } : { r: "$relationshipId" },
            n: { $sum: 1 },
          },
        },
      ])
      .toArray();
    const out = new Map<string, Map<string, number>>();
    for (const { _id, n } of groups) {
      const inner = out.get(_id.r) ?? new Map<string, number>();
      inner.set(_id.s ?? "all", n);
      out.set(_id.r, inner);
    }
    return out;
  }

  /** Newest first per pair: the latest answer, and the misses before it. */
  private async latestAnswers(
    ids: string[],
  ): Promise<Map<string, { last: AnswerKind | null; streak: number }>> {
    const cursor = this.collection("checkins")
      .find(
        { relationshipId: { $in: ids }, status: { $in: ["answered", "missed"] } },
        { projection: { relationshipId: 1, status: 1, "answer.kind": 1 } },
      )
      .sort({ relationshipId: 1, scheduledFor: -1 });
    const out = new Map<string, { last: AnswerKind | null; streak: number; done: boolean }>();
    for await (const c of cursor) {
      const entry = out.get(c.relationshipId) ?? { last: null, streak: 0, done: false };
      out.set(c.relationshipId, entry);
      if (entry.done) continue;
      if (c.status === "missed") entry.streak += 1;
      else {
        entry.last = c.answer?.kind ?? null;
        entry.done = true;
      }
    }
    return out;
  }

  private async names(userIds: string[]): Promise<Map<string, string>> {
    const docs = await this.collection("people")
      .find({ slackUserId: { $in: userIds } }, { projection: { slackUserId: 1, displayName: 1 } })
      .toArray();
    return new Map(docs.map((d) => [String(d.slackUserId), String(d.displayName ?? "")]));
  }

  private async pairOf(id: string): Promise<{ id: string; mentorId: string; menteeId: string }> {
    const doc = Types.ObjectId.isValid(id)
      ? await this.collection("relationships").findOne(
          { _id: new Types.ObjectId(id) },
          { projection: { mentorId: 1, menteeId: 1 } },
        )
      : null;
    return { id, mentorId: doc?.mentorId ?? "", menteeId: doc?.menteeId ?? "" };
  }

  private collection(name: string): Collection {
    return this.connection.collection(name);
  }
}

function sum(counts: Map<string, number> | undefined): number {
  let total = 0;
  for (const n of counts?.values() ?? []) total += n;
  return total;
}
