import { type AnyBulkWriteOperation, type Collection, type Connection, Types } from "mongoose";
import { FORMER_MEMBER } from "../../domain/forgetting.js";
import type { RelationshipStatus } from "../../domain/relationship.js";
import { deleteCollectionPage } from "../paged-delete.js";

/** The condition a change was written under, besides the pair's `_id`. */
export interface ChangeCondition {
  status?: RelationshipStatus[];
  mentorId?: string;
}

/** One change a person made to a pair, as written: plain field names, no operators. */
export interface RelationshipChange {
  when: ChangeCondition;
  set: Record<string, unknown>;
  /**
   * Fields set inside a subdocument, its other fields kept: `{ settings: { celebrate } }` is
   * written as `settings.celebrate`. Kept nested in the record: FerretDB refuses a stored key
   * with a dot in it.
   */
  setWithin?: Record<string, Record<string, unknown>>;
}

/** `relationship_changes`: one document a change, indexed by its pair. */
interface ChangeDoc extends RelationshipChange {
  _id: Types.ObjectId;
  relationshipId: string;
  at: Date;
}

/** A pair as a sweep read it: the last recorded change its document showed (null: none). */
export interface PairAsRead {
  id: string;
  lastChange: string | null;
}

/** What to write again on one pair, and the last change it writes. */
export interface UnshownChanges {
  id: string;
  latest: string;
  statement: AnyBulkWriteOperation;
}

/**
 * A person's changes to a pair (ending it, a reassignment, its check-in schedule, the mentee's
 * aspiration, its settings), as inserts no other write can undo. On FerretDB two updates of one
 * pair at once can lose one (it writes back the whole document each read): the sweep's schedule
 * advance, read before a person ended or paused the pair and written after, brought it back
 * active or unpaused (or without the aspiration just saved), and re-reading it
 * afterwards does not help (the other write lands after the read). So each change is recorded
 * before it is written, and the pair's document names the last one it shows (`lastChange`).
 * After writing a page, the sweep asks in one read which of its pairs have a change its read
 * did not show, and writes those again, in order, under their own conditions.
 */
export class RelationshipChanges {
  constructor(private readonly connection: Connection) {}

  /** Records a change to `relationshipId`, before it is written; returns its id. */
  async record(relationshipId: string, change: RelationshipChange, at: Date): Promise<string> {
    const _id = new Types.ObjectId();
    await this.changes().insertOne({ _id, relationshipId, at, ...change });
    return _id.toString();
  }

  /** A change that did not happen (its condition no longer held): no sweep may write it. */
  async forget(id: string): Promise<void> {
    await this.changes().deleteOne({ _id: new Types.ObjectId(id) });
  }

  /**
   * What the pairs, as read, did not show, to write again: one statement a pair, the changes
   * after its `lastChange` merged in the order they were made, under the first one's condition
   * (the one that held for the pair as read). One read for all the pairs.
   */
  async unshown(pairs: readonly PairAsRead[]): Promise<UnshownChanges[]> {
    if (pairs.length === 0) return [];
    const seen = new Map(pairs.map((p) => [p.id, p.lastChange]));
    const found = await this.changes()
      .find({ relationshipId: { $in: [...seen.keys()] } })
      .toArray();
    const byPair = new Map<string, ChangeDoc[]>();
    for (const change of found.sort(inOrderMade)) {
      const list = byPair.get(change.relationshipId) ?? [];
      list.push(change);
      byPair.set(change.relationshipId, list);
    }
    const unshown: UnshownChanges[] = [];
    for (const [id, changes] of byPair) {
      // Those before the one the pair showed were shown too. If it is gone (purged after a day,
      // or deleted with a forgotten person), the later ones are those recorded after it: record
      // ids grow with time (a purge leaves only those; a deletion leaves older ones too).
      const last = seen.get(id);
      const shown = changes.findIndex((c) => c._id.toString() === last);
      const later =
        shown >= 0 || !last
          ? changes.slice(shown + 1)
          : changes.filter((c) => c._id.toString() > last);
      const [first] = later;
      const latest = later.at(-1)?._id.toString();
      if (!first || !latest) continue;
      const set = Object.assign({}, ...later.map(setOf));
      const statement = {
        updateOne: {
          filter: { _id: new Types.ObjectId(id), ...conditionFilter(first.when) },
          update: { $set: { ...set, lastChange: latest } },
        },
      };
      unshown.push({ id, latest, statement });
    }
    return unshown;
  }

  /**
   * A forgotten person's pairs: no change keeps their words or their id, as on the pair. In the
   * pairs they are one of the two of, an ending's reason is cleared and a reassignment (its pair
   * key names both people) goes; in a pair they mentored until a reassignment, that record stays
   * for the sweep to write again if need be, without them. An aspiration of a pair they were the
   * mentee of is emptied (written again, it clears it), and one they typed for someone else
   * names a former member.
   */
  async forgetPerson(
    userId: string,
    pairs: { all: readonly string[]; asMember: readonly string[]; asMentee: readonly string[] },
  ): Promise<void> {
    if (pairs.all.length === 0) return;
    const inPairs = { relationshipId: { $in: [...pairs.all] } };
    const inOwnPairs = { relationshipId: { $in: [...pairs.asMember] } };
    await this.changes().deleteMany({ ...inOwnPairs, "set.mentorId": { $exists: true } });
    await this.changes().updateMany(
      { ...inPairs, "set.formerMentorIds": String(userId) },
      { $pull: { "set.formerMentorIds": String(userId) } },
    );
    // Its condition named them as the mentor it moved from, as the pair now names a former
    // member: written again, it still finds the pair it was made for.
    await this.changes().updateMany(
      { ...inPairs, "when.mentorId": String(userId) },
      { $set: { "when.mentorId": FORMER_MEMBER } },
    );
    await this.changes().updateMany(
      { ...inOwnPairs, "set.endReason": { $exists: true } },
      { $set: { "set.endReason": null } },
    );
    await this.changes().updateMany(
      { relationshipId: { $in: [...pairs.asMentee] }, "set.goal": { $exists: true } },
      { $set: { "set.goal": null } },
    );
    await this.changes().updateMany(
      { ...inPairs, "set.goal.updatedBy": String(userId) },
      { $set: { "set.goal.updatedBy": FORMER_MEMBER } },
    );
  }

  /** Drops changes older than `cutoff`: by then every sweep that read a pair before has written it. */
  async purgeOlderThan(cutoff: Date, limit: number): Promise<number> {
    return deleteCollectionPage(this.changes(), { at: { $lt: cutoff } }, limit);
  }

  async ensureIndexes(): Promise<void> {
    await this.changes().createIndex({ relationshipId: 1 });
    await this.changes().createIndex({ at: 1 });
  }

  private changes(): Collection<ChangeDoc> {
    return this.connection.collection<ChangeDoc>("relationship_changes");
  }
}

/** A change as the fields of one `$set`. */
export function setOf(change: RelationshipChange): Record<string, unknown> {
  const within = Object.entries(change.setWithin ?? {}).flatMap(([field, values]) =>
    Object.entries(values).map(([key, value]) => [`${field}.${key}`, value]),
  );
  return { ...change.set, ...Object.fromEntries(within) };
}

/** A change's condition as a query. */
export function conditionFilter(when: ChangeCondition): Record<string, unknown> {
  return {
    ...(when.status ? { status: { $in: when.status } } : {}),
    ...(when.mentorId !== undefined ? { mentorId: when.mentorId } : {}),
  };
}

/** By the writer's clock, then by id (ids made by one process count up). */
function inOrderMade(a: ChangeDoc, b: ChangeDoc): number {
  return a.at.getTime() - b.at.getTime() || a._id.toString().localeCompare(b._id.toString());
}
