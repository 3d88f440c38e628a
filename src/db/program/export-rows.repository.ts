import { type Collection, type Connection, Types } from "mongoose";
import type { CheckinRow, ExportRows, MilestoneRow, PairRow } from "../../domain/export.js";
import type { OverdueWhereDue } from "../../domain/overdue-where-due.js";
import type { CalendarDate } from "../../domain/roadmap.js";
import type { PairTallyRepository } from "./pair-tally.repository.js";

// Raw documents from the driver: the fields read are those the schemas in db/ declare.
// biome-ignore lint/suspicious/noExplicitAny: rows are mapped field by field below.
type Doc = Record<string, any>;

/**
 * Pairs per round of tally reads. Milestone counts and names are read once, up front, for the
 * whole program (a few numbers a pair, a name a person): a batch's own would be `$in` queries,
 * which FerretDB answers by scanning the collection, once per batch.
 */
const BATCH = 200;

interface MilestoneCounts {
  done: number;
  total: number;
  overdue: number;
  /** Not-done due dates only the mentee's zone can judge: the pair's batch judges them. */
  near: CalendarDate[];
}

/**
 * ExportRows from cursors. pairs.csv takes its check-in figures from the
 * pairs' tallies (by `_id`, a batch at a time), never from the check-ins,
 * which grow with the program's age.
 */
export class ExportRowsRepository implements ExportRows {
  constructor(
    private readonly connection: Connection,
    private readonly tallies: PairTallyRepository,
  ) {}

  async *pairs(overdue: OverdueWhereDue): AsyncIterable<PairRow> {
    // Milestones and names in one pass each, up front: a few numbers a pair and
    // a name a person. Check-in figures come from the pairs' tallies, by `_id`.
    const [milestones, names] = await Promise.all([this.milestoneCounts(overdue), this.names()]);
    const cursor = this.collection("relationships").find({}).sort({ _id: 1 });
    let batch: Doc[] = [];
    for await (const doc of cursor) {
      batch.push(doc);
      if (batch.length === BATCH) {
        yield* await this.pairRows(batch, milestones, names, overdue);
        batch = [];
      }
    }
    if (batch.length > 0) yield* await this.pairRows(batch, milestones, names, overdue);
  }

  async *milestones(overdue: OverdueWhereDue): AsyncIterable<MilestoneRow> {
    const cursor = this.collection("milestones")
      .find({ removedAt: null })
      .sort({ relationshipId: 1, position: 1 });
    let pair = { id: "", mentorId: "", menteeId: "" };
    let number = 0;
    let page: MilestoneRow[] = [];
    for await (const m of cursor) {
      // Sorted by pair: one lookup per pair, not per milestone.
      if (pair.id !== m.relationshipId) {
        pair = await this.pairOf(m.relationshipId);
        number = 0;
      }
      number += 1;
      page.push({
        relationshipId: m.relationshipId,
        mentorId: pair.mentorId,
        menteeId: pair.menteeId,
        number,
        title: m.title,
        status: m.status,
        dueDate: m.dueDate ?? null,
        overdue: false, // Judged a page at a time, below.
        doneAt: m.doneAt ?? null,
        createdAt: m.createdAt,
      });
      if (page.length === BATCH) {
        yield* await judged(page, overdue);
        page = [];
      }
    }
    if (page.length > 0) yield* await judged(page, overdue);
  }

  async *checkins(): AsyncIterable<CheckinRow> {
    const cursor = this.collection("checkins")
      .find({ status: { $ne: "skipped" } })
      .sort({ relationshipId: 1, sequence: 1 }); // The unique index's order: no sort in memory.
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

  private async pairRows(
    batch: Doc[],
    milestones: Map<string, MilestoneCounts>,
    names: Map<string, string>,
    overdue: OverdueWhereDue,
  ): Promise<PairRow[]> {
    const [tallies, nearOverdue] = await Promise.all([
      this.tallies.forPairs(batch.map((d) => String(d._id))),
      nearOverdueOf(batch, milestones, overdue),
    ]);
    return batch.map((d) => {
      const id = String(d._id);
      const counts = milestones.get(id);
      const tally = tallies.get(id);
      return {
        relationshipId: id,
        mentorId: d.mentorId,
        mentorName: names.get(d.mentorId) ?? "",
        menteeId: d.menteeId,
        menteeName: names.get(d.menteeId) ?? "",
        status: pairStatus(d),
        started: d.activatedAt ?? null,
        ended: d.endedAt ?? null,
        aspiration: d.goal?.aspiration ?? "",
        milestonesDone: counts?.done ?? 0,
        milestonesTotal: counts?.total ?? 0,
        milestonesOverdue: (counts?.overdue ?? 0) + (nearOverdue.get(id) ?? 0),
        checkinsSent: tally?.checkinsSent ?? 0,
        checkinsAnswered: tally?.checkinsAnswered ?? 0,
        lastAnswer: tally?.lastAnswerKind ?? null,
        missedStreak: tally?.missedStreak ?? 0,
      };
    });
  }

  /** Done, total and overdue-in-every-zone milestones of every pair, in one pass. */
  private async milestoneCounts(overdue: OverdueWhereDue): Promise<Map<string, MilestoneCounts>> {
    const out = new Map<string, MilestoneCounts>();
    const cursor = this.collection("milestones").find(
      { removedAt: null },
      { projection: { relationshipId: 1, status: 1, dueDate: 1 } },
    );
    for await (const m of cursor) {
      const counts = out.get(m.relationshipId) ?? { done: 0, total: 0, overdue: 0, near: [] };
      out.set(m.relationshipId, counts);
      counts.total += 1;
      if (m.status === "done") counts.done += 1;
      else if (typeof m.dueDate === "string") {
        if (m.dueDate < overdue.everywhereBefore) counts.overdue += 1;
        else if (overdue.zoneDecides(m.dueDate)) counts.near.push(m.dueDate);
      }
    }
    return out;
  }

  private async names(): Promise<Map<string, string>> {
    const docs = this.collection("people").find(
      {},
      { projection: { slackUserId: 1, displayName: 1 } },
    );
    const out = new Map<string, string>();
    for await (const d of docs) out.set(String(d.slackUserId), String(d.displayName ?? ""));
    return out;
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

/** A batch's near-due milestones overdue where each pair's mentee is, per pair: one zone read. */
async function nearOverdueOf(
  batch: Doc[],
  milestones: Map<string, MilestoneCounts>,
  overdue: OverdueWhereDue,
): Promise<Map<string, number>> {
  const near = batch.flatMap((d) =>
    (milestones.get(String(d._id))?.near ?? []).map((dueDate) => ({
      relationshipId: String(d._id),
      menteeId: String(d.menteeId),
      dueDate,
    })),
  );
  const verdicts = await overdue.judge(near);
  const out = new Map<string, number>();
  near.forEach((m, i) => {
    if (verdicts[i]) out.set(m.relationshipId, (out.get(m.relationshipId) ?? 0) + 1);
  });
  return out;
}

/** A page of milestones.csv with "overdue" as the mentee's roadmap says it: one zone read. */
async function judged(page: MilestoneRow[], overdue: OverdueWhereDue): Promise<MilestoneRow[]> {
  const open = page.flatMap((row) =>
    row.status !== "done" && row.dueDate !== null ? [{ row, dueDate: row.dueDate }] : [],
  );
  const verdicts = await overdue.judge(
    open.map(({ row, dueDate }) => ({ menteeId: row.menteeId, dueDate })),
  );
  open.forEach(({ row }, i) => {
    row.overdue = verdicts[i] ?? false;
  });
  return page;
}

/**
 * A pair's status as the program report counts it: paused check-ins make it "paused"; a request
 * that ended before it began was "declined" (or "withdrawn", when someone's data was forgotten).
 */
function pairStatus(d: Doc): PairRow["status"] {
  if (d.status === "active" && d.checkinsPaused === true) return "paused";
  if (d.status === "ended" && !d.activatedAt) {
    return d.endReason === "declined" ? "declined" : "withdrawn";
  }
  return d.status;
}
