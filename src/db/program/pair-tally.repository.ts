import type { Collection, Connection } from "mongoose";
import type { AnswerKind } from "../../domain/checkin.js";
import {
  type DayTally,
  emptyTally,
  type PairTally,
  type ProgramTally,
  staleDays,
  type TallyEvent,
  type TallyEventKind,
  type TallyReader,
  tallyChange,
} from "../../domain/program-tally.js";
import type { Purgeable } from "../../domain/retention.js";
import { bulkWriteInChunks } from "../bulk-write.js";
import { InsertCoalescer } from "../insert-coalescer.js";
import { isDuplicateKeyError, refusedByUniqueIndex } from "../mongo-errors.js";
import { deleteCollectionPage } from "../paged-delete.js";
import { WriteLanes } from "../write-batches.js";
import { SENT_KINDS, type SentTally, splitSent, withSent } from "./sent-tallies.js";

/** `pair_tallies`: one document a pair, `_id` = the relationship's id as a string. */
interface TallyDoc {
  _id: string;
  days?: Record<string, DayTally>;
  checkinsSent?: number;
  checkinsAnswered?: number;
  lastAnswerKind?: AnswerKind | null;
  missedStreak?: number;
  lastActivityAt?: Date | null;
}

/** `pair_sent_tallies`: what the bot sent a pair, `_id` = the relationship's (see sent-tallies.ts). */
interface SentDoc {
  _id: string;
  days?: Record<string, DayTally>;
  checkinsSent?: number;
}

/** One count to apply to a pair's tally. */
interface TallyUpdate {
  _id: string;
  update: Record<string, unknown>;
}

/** `tally_marks`: one document an event counted, `_id` = "<kind>:<source id>". */
interface MarkDoc {
  _id: string;
  at?: Date;
}

/** Events counted once for good: their marks are never purged. */
const ONCE_EVER: ReadonlySet<TallyEventKind> = new Set<TallyEventKind>(["milestone_reached"]);

/** Tallies by `_id`, the one lookup FerretDB 1.x serves from an index. */
export class PairTallyRepository implements ProgramTally, TallyReader, Purgeable {
  /**
   * Marks inserted together when events come at once (each still refused alone by `_id`): one
   * command for many `/mentor log`s under load.
   */
  private readonly markInserts = new InsertCoalescer<MarkDoc>(() => this.marks());
  /** Counts written together when they come at once (see recordFirst), a pair's in one lane. */
  private readonly firsts = new WriteLanes<TallyUpdate>(
    (counts) => this.writeFirsts(this.tallies(), latestActivityOnly(counts)),
    (count) => count._id,
  );
  /** The same for what the bot sent, in the pair's other document (see sent-tallies.ts). */
  private readonly sents = new WriteLanes<TallyUpdate>(
    (counts) => this.writeFirsts(this.sentTallies(), counts),
    (count) => count._id,
  );

  constructor(private readonly connection: Connection) {}

  async record(event: TallyEvent): Promise<void> {
    const update = updateOf(event);
    // An event that only moves the pair's last activity forward (a progress note) leaves the
    // same tally however often it is applied: it needs no mark to count once, and costs one
    // command (shared with others at once) instead of two in a row.
    if (update && onlyActivity(update)) {
      return this.firsts.add({ _id: event.relationshipId, update });
    }
    // A milestone is reached once, however often it is reopened and done again: its mark has
    // no age, so the retention purge (by `at`) keeps it. One small mark per milestone reached.
    const at = ONCE_EVER.has(event.kind) ? {} : { at: event.at };
    try {
      await this.markInserts.insert({ _id: `${event.kind}:${event.sourceId}`, ...at });
    } catch (error) {
      if (isDuplicateKeyError(error)) return; // Counted already: a retry or a second press.
      throw error;
    }
    await this.recordFirst(event);
  }

  /**
   * Counts written with those of other callers of this process under way at the same moment
   * (see WriteBatches): the check-ins a worker sends at once cost a command together, not one
   * each. Resolves once this count is written. Each event comes here once (the ledger said so), and a command is
   * never sent twice, so a count may be lost to a failure but never doubled.
   */
  recordFirst(event: TallyEvent): Promise<void> {
    const update = updateOf(event);
    if (!update) return Promise.resolve();
    const lanes = SENT_KINDS.has(event.kind) ? this.sents : this.firsts;
    return lanes.add({ _id: event.relationshipId, update });
  }

  private async writeFirsts(
    tallies: Collection<{ _id: string }>,
    counts: readonly TallyUpdate[],
  ): Promise<void> {
    const write = (some: readonly TallyUpdate[]) =>
      tallies.bulkWrite(
        some.map(({ _id, update }) => ({ updateOne: { filter: { _id }, update, upsert: true } })),
        { ordered: false },
      );
    try {
      await write(counts);
    } catch (error) {
      // Two first counts of a pair at once: both upserts insert, one loses and wrote nothing.
      // Now the pair's tally exists: those go again (any other failure is thrown from here).
      const refused = refusedByUniqueIndex(error);
      await write(counts.filter((_, i) => refused.has(i)));
    }
  }

  /** The tallies of these pairs, by `_id`, their sent counts added: missing ones are empty. */
  async forPairs(relationshipIds: readonly string[]): Promise<Map<string, PairTally>> {
    const ids = { _id: { $in: [...relationshipIds] } };
    const [docs, sent] = await Promise.all([
      this.tallies().find(ids).toArray(),
      this.sentTallies().find(ids).toArray(),
    ]);
    return merged(docs, sent);
  }

  /**
   * Every tally, its sent counts added: the report reads two small documents a pair. Both
   * collections are streamed in `_id` order and joined as they go, so memory holds a batch of
   * each, however many pairs there are.
   */
  async *all(): AsyncIterable<PairTally> {
    const sent = this.sentTallies().find({}).sort({ _id: 1 })[Symbol.asyncIterator]();
    try {
      let nextSent = await sent.next();
      for await (const doc of this.tallies().find({}).sort({ _id: 1 })) {
        // Pairs the bot sent something to but nobody did anything for yet: no tally of theirs.
        while (!nextSent.done && nextSent.value._id < doc._id) {
          yield withSent(emptyTally(nextSent.value._id), toSent(nextSent.value));
          nextSent = await sent.next();
        }
        const own = !nextSent.done && nextSent.value._id === doc._id ? nextSent.value : undefined;
        yield withSent(toTally(doc), own && toSent(own));
        if (own) nextSent = await sent.next();
      }
      for (; !nextSent.done; nextSent = await sent.next()) {
        yield withSent(emptyTally(nextSent.value._id), toSent(nextSent.value));
      }
    } finally {
      await sent.return?.();
    }
  }

  /** Replaces every tally with one rebuilt from the history (see TallyRebuild). */
  async replaceAll(tallies: Iterable<PairTally>, pageSize = 500): Promise<number> {
    let page: PairTally[] = [];
    let written = 0;
    const flush = async () => {
      if (page.length === 0) return;
      const split = page.map((t) => ({ _id: t.relationshipId, ...splitSent(t) }));
      await Promise.all([
        bulkWriteInChunks(
          split.map(({ _id, done }) => ({
            replaceOne: { filter: { _id }, replacement: toDoc(done), upsert: true },
          })),
          (chunk) => this.tallies().bulkWrite(chunk, { ordered: false }),
        ),
        bulkWriteInChunks(
          split.map(({ _id, sent }) => ({
            replaceOne: { filter: { _id }, replacement: sent, upsert: true },
          })),
          (chunk) => this.sentTallies().bulkWrite(chunk, { ordered: false }),
        ),
      ]);
      written += page.length;
      page = [];
    };
    for (const tally of tallies) {
      page.push(tally);
      if (page.length === pageSize) await flush();
    }
    await flush();
    return written;
  }

  /**
   * Drops marks of events older than `cutoff`, a page at a time: long after any retry could
   * come. The one-off upgrades' claims (one-off-upgrades.ts) carry no `at` and stay.
   */
  async purgeOlderThan(cutoff: Date, limit: number): Promise<number> {
    return deleteCollectionPage(this.marks(), { at: { $lt: cutoff } }, limit);
  }

  private tallies(): Collection<TallyDoc> {
    return this.connection.collection<TallyDoc>("pair_tallies");
  }

  private sentTallies(): Collection<SentDoc> {
    return this.connection.collection<SentDoc>("pair_sent_tallies");
  }

  private marks(): Collection<MarkDoc> {
    return this.connection.collection<MarkDoc>("tally_marks");
  }
}

function toTally(doc: TallyDoc): PairTally {
  return {
    relationshipId: doc._id,
    days: doc.days ?? {},
    checkinsSent: doc.checkinsSent ?? 0,
    checkinsAnswered: doc.checkinsAnswered ?? 0,
    lastAnswerKind: doc.lastAnswerKind ?? null,
    missedStreak: doc.missedStreak ?? 0,
    lastActivityAt: doc.lastActivityAt ?? null,
  };
}

function toSent(doc: SentDoc): SentTally {
  return { days: doc.days ?? {}, checkinsSent: doc.checkinsSent ?? 0 };
}

/** Each pair's tally with its sent counts added, whichever of its two documents exist. */
function merged(docs: readonly TallyDoc[], sent: readonly SentDoc[]): Map<string, PairTally> {
  const out = new Map(docs.map((doc) => [doc._id, toTally(doc)]));
  for (const doc of sent) {
    out.set(doc._id, withSent(out.get(doc._id) ?? emptyTally(doc._id), toSent(doc)));
  }
  return out;
}

function toDoc(tally: PairTally): Omit<TallyDoc, "_id"> {
  const { relationshipId: _id, ...fields } = tally;
  return fields;
}

/** An update that only moves the last activity forward: the same however often applied. */
function onlyActivity(update: Record<string, unknown>): boolean {
  return Object.keys(update).every((op) => op === "$max");
}

/**
 * The updates of a batch, with those that only move a pair's last activity forward merged into
 * one a pair, the latest (what applying each would leave): many notes on one pair at once cost
 * one statement, not one each on the same document.
 */
function latestActivityOnly(counts: readonly TallyUpdate[]): TallyUpdate[] {
  const latest = new Map<string, TallyUpdate>();
  const others: TallyUpdate[] = [];
  for (const count of counts) {
    if (!onlyActivity(count.update)) {
      others.push(count);
      continue;
    }
    const at = activityOf(count);
    const kept = latest.get(count._id);
    if (!kept || at > activityOf(kept)) latest.set(count._id, count);
  }
  return [...others, ...latest.values()];
}

const activityOf = (count: TallyUpdate): number =>
  (count.update.$max as { lastActivityAt?: Date } | undefined)?.lastActivityAt?.getTime() ?? 0;

/** Everything `event` changes in its pair's tally, as one update (null: nothing). */
function updateOf(event: TallyEvent): Record<string, unknown> | null {
  const change = tallyChange(event);
  const inc: Record<string, number> = {};
  for (const field of change.counters) inc[`days.${change.day}.${field}`] = 1;
  for (const [field, n] of Object.entries(change.totals)) inc[field] = n;
  const set: Record<string, unknown> = {};
  if (change.answered) {
    set.lastAnswerKind = change.answered.kind;
    set.missedStreak = 0;
    delete inc.missedStreak;
  }
  const update: Record<string, unknown> = {};
  if (Object.keys(inc).length > 0) update.$inc = inc;
  if (change.counters.length > 0) {
    update.$unset = Object.fromEntries(staleDays(change.day).map((d) => [`days.${d}`, ""]));
  }
  if (Object.keys(set).length > 0) update.$set = set;
  if (change.activityAt) update.$max = { lastActivityAt: change.activityAt };
  return Object.keys(update).length > 0 ? update : null;
}
