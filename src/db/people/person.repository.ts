import type { Collection, Connection, Model, Types } from "mongoose";
import type { PersonalDataHolder } from "../../domain/forgetting.js";
import type { Person, PersonCache } from "../../domain/people.js";
import { bulkWriteInChunks } from "../bulk-write.js";
import { isDuplicateKeyError, refusedByUniqueIndex } from "../mongo-errors.js";
import { personSchema } from "./person.schema.js";

type PersonDoc = Person & { _id: unknown };
/** A person as stored: keyed by ObjectId if cached before `_id` was the Slack user id. */
type StoredPerson = { _id: Types.ObjectId | string; slackUserId: string } & Record<string, unknown>;

/**
 * One document, found by `_id`: when a users.list walk last found each person's cached profile
 * unchanged, as `seen.<slackUserId>`. Read projected to the people asked about.
 */
interface ListingDoc {
  _id: string;
  seen?: Record<string, Date>;
}
const LISTING = "users.list";
/** A Slack user id, safe as a field name (never a dot or a dollar). */
const FIELD_SAFE_ID = /^[A-Z0-9]+$/i;

export class PersonRepository implements PersonCache, PersonalDataHolder {
  private readonly model: Model<Person>;

  constructor(connection: Connection) {
    this.model = connection.model<Person>("Person", personSchema);
  }

  async find(slackUserId: string): Promise<Person | null> {
    const doc = await this.model.findOne({ _id: String(slackUserId) }).lean<PersonDoc>();
    return doc ? toPerson(doc) : null;
  }

  async findMany(slackUserIds: readonly string[]): Promise<Person[]> {
    // By `_id`, which FerretDB 1.x serves from its index for `$in` too (on any other field an
    // `$in` scans the whole collection: 2 s a sweep page among 20,000 people).
    const filter =
      slackUserIds.length === 1
        ? { _id: String(slackUserIds[0]) }
        : { _id: { $in: slackUserIds.map(String) } };
    // All of them in the first reply, the cursor closed (the server's default is 101, then a
    // getMore each, and one more to find the end): one person per id at most.
    const most = Math.max(new Set(slackUserIds).size, 1);
    const docs = await this.model.find(filter).limit(most).batchSize(most).lean<PersonDoc[]>();
    return docs.map(toPerson);
  }

  /** Everyone known to have left the workspace (once, on an upgrade: it scans on FerretDB). */
  async listLeft(): Promise<string[]> {
    const docs = await this.model
      .find({ deleted: true }, { slackUserId: 1 })
      .lean<Array<{ slackUserId: string }>>();
    return docs.map((doc) => doc.slackUserId);
  }

  async upsert(person: Person): Promise<Person> {
    const write = () =>
      this.model
        .findOneAndUpdate(
          { _id: person.slackUserId },
          { $set: person },
          { upsert: true, returnDocument: "after" },
        )
        .lean<PersonDoc>();
    const doc = await write().catch(async (error: unknown) => {
      if (!isDuplicateKeyError(error)) throw error;
      await this.dropOldKeyed([person.slackUserId]);
      return write();
    });
    return toPerson(doc ?? { ...person, _id: null });
  }

  /**
   * BULK_WRITE_CHUNK upserts a command, one command at a time (a sweep page of new profiles
   * in 20 commands instead of 500). Never one bulkWrite of a whole page, nor dozens at once:
   * FerretDB 1.24 on PostgreSQL hangs on either (see bulk-write.ts).
   */
  async upsertMany(people: readonly Person[]): Promise<void> {
    const write = (chunk: Person[]) =>
      this.model.bulkWrite(
        chunk.map((person) => ({
          updateOne: {
            filter: { _id: person.slackUserId },
            update: { $set: person },
            upsert: true,
          },
        })),
        { ordered: false },
      );
    await bulkWriteInChunks(people, (chunk) =>
      write(chunk).catch(async (error: unknown) => {
        // Anything but the unique index is thrown again. FerretDB may stop at the first refusal
        // of an unordered write, so the whole chunk goes again (an upsert twice is one).
        refusedByUniqueIndex(error);
        await this.dropOldKeyed(chunk.map((person) => person.slackUserId));
        return write(chunk);
      }),
    );
  }

  /**
   * Keys the people cached before `_id` was their Slack user id (an upgrade), a page at a time:
   * each page deleted, then inserted again under its new key. A person read in between is not
   * found, so their profile is asked of Slack again and cached under the new key (the page's
   * insert then leaves that one alone). Returns how many were keyed again.
   */
  async keyBySlackUserId(): Promise<number> {
    const people = this.stored();
    let moved = 0;
    for (;;) {
      const page = await people
        .find({ _id: { $type: "objectId" } })
        .limit(500)
        .toArray();
      if (page.length === 0) return moved;
      await people.deleteMany({ _id: { $in: page.map((doc) => doc._id) } });
      const keyed = page.map((doc) => ({ ...doc, _id: String(doc.slackUserId) }));
      await people.insertMany(keyed, { ordered: false }).catch(refusedByUniqueIndex);
      moved += page.length;
    }
  }

  async confirmListed(slackUserIds: readonly string[], at: Date): Promise<void> {
    const ids = slackUserIds.filter((id) => FIELD_SAFE_ID.test(id));
    if (ids.length === 0) return;
    await this.listings().updateOne(
      { _id: LISTING },
      { $set: Object.fromEntries(ids.map((id) => [`seen.${id}`, at])) },
      { upsert: true },
    );
  }

  async listedAt(slackUserIds: readonly string[]): Promise<Map<string, Date>> {
    const ids = slackUserIds.filter((id) => FIELD_SAFE_ID.test(id));
    if (ids.length === 0) return new Map();
    const doc = await this.listings().findOne(
      { _id: LISTING },
      { projection: Object.fromEntries(ids.map((id) => [`seen.${id}`, 1])) },
    );
    return new Map(
      Object.entries(doc?.seen ?? {}).filter(
        (entry): entry is [string, Date] => entry[1] instanceof Date,
      ),
    );
  }

  /** Their cached Slack profile, and when a listing last saw it. */
  async forgetPerson(userId: string): Promise<number> {
    if (FIELD_SAFE_ID.test(userId)) {
      await this.listings().updateOne({ _id: LISTING }, { $unset: { [`seen.${userId}`]: "" } });
    }
    return (await this.model.deleteOne({ slackUserId: String(userId) })).deletedCount;
  }

  /**
   * A person cached under the old key (written by a replica from before the upgrade, or not yet
   * keyed again) refuses their new `_id` by the unique `slackUserId`: it goes, and the write is
   * tried again. Rare (a scan on FerretDB), so only on that refusal.
   */
  private async dropOldKeyed(slackUserIds: readonly string[]): Promise<void> {
    if (slackUserIds.length === 0) return;
    await this.stored().deleteMany({
      slackUserId: { $in: [...slackUserIds] },
      _id: { $nin: [...slackUserIds] },
    });
  }

  /** The collection as stored: `_id` an ObjectId in people cached before the upgrade. */
  private stored(): Collection<StoredPerson> {
    return this.model.db.collection<StoredPerson>("people");
  }

  private listings(): Collection<ListingDoc> {
    return this.model.db.collection<ListingDoc>("people_listings");
  }

  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
  }
}

function toPerson(doc: PersonDoc): Person {
  return {
    slackUserId: doc.slackUserId,
    displayName: doc.displayName,
    realName: doc.realName,
    timezone: doc.timezone ?? null,
    isBot: doc.isBot,
    deleted: doc.deleted,
    status: doc.status
      ? { emoji: doc.status.emoji, text: doc.status.text, expiresAt: doc.status.expiresAt ?? null }
      : null,
    refreshedAt: doc.refreshedAt,
  };
}
