import { type Collection, type Connection, Types } from "mongoose";
import type { AnswerKind } from "../../domain/checkin.js";
import type { CheckinRow, ExportRows, MilestoneRow, PairRow } from "../../domain/export.js";
import type { CalendarDate } from "../../domain/roadmap.js";

// Raw documents from the driver: the fields read are those the schemas in db/ declare.
// biome-ignore lint/suspicious/noExplicitAny: rows are mapped field by field below.
type Doc = Record<string, any>;

/** Pairs read from the cursor at a time: memory holds one batch, never the program. */
const BATCH = 200;
/** Pairs whose figures are queried at once. */
const PARALLEL = 8;

/**
 * ExportRows from cursors. pairs.csv needs per-pair figures: each pair's
 * milestones and check-ins are read with an indexed equality query on
 * relationshipId (a few fields each), so memory holds one pair's history.
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
    const people = [...new Set(batch.flatMap((d) => [d.mentorId, d.menteeId]))];
    const names = await this.names(people);
    const rows: PairRow[] = [];
    // A few pairs at a time, each two indexed equality queries (relationshipId): FerretDB
    // answers those from its index, where a $in or a range over the batch would scan.
    for (let i = 0; i < batch.length; i += PARALLEL) {
      const slice = batch.slice(i, i + PARALLEL);
      rows.push(...(await Promise.all(slice.map((d) => this.pairRow(d, names, today)))));
    }
    return rows;
  }

  private async pairRow(d: Doc, names: Map<string, string>, today: CalendarDate): Promise<PairRow> {
    const id = String(d._id);
    const [milestones, checkins] = await Promise.all([
      this.collection("milestones")
        .find({ relationshipId: id }, { projection: { status: 1, dueDate: 1, removedAt: 1 } })
        .toArray(),
      this.collection("checkins")
        .find(
          { relationshipId: id },
          { projection: { status: 1, sentAt: 1, scheduledFor: 1, "answer.kind": 1 } },
        )
        .sort({ scheduledFor: -1 })
        .toArray(),
    ]);
    const kept = milestones.filter((m) => !m.removedAt);
    const sent = checkins.filter((c) => c.sentAt);
    // Newest first: the misses before the latest answer are the streak.
    const latest = checkins.findIndex((c) => c.status === "answered");
    const closed = checkins.filter((c) => c.status === "answered" || c.status === "missed");
    const streakEnd = closed.findIndex((c) => c.status === "answered");
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
      milestonesDone: kept.filter((m) => m.status === "done").length,
      milestonesTotal: kept.length,
      milestonesOverdue: kept.filter(
        (m) => m.status !== "done" && typeof m.dueDate === "string" && m.dueDate < today,
      ).length,
      checkinsSent: sent.length,
      checkinsAnswered: sent.filter((c) => c.status === "answered").length,
      lastAnswer:
        latest === -1 ? null : ((checkins[latest]?.answer?.kind ?? null) as AnswerKind | null),
      missedStreak: streakEnd === -1 ? closed.length : streakEnd,
    };
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
