import type { Collection, Connection, Model } from "mongoose";
import type { PersonalDataHolder } from "../../domain/forgetting.js";
import type { Person, PersonCache } from "../../domain/people.js";
import { bulkWriteInChunks } from "../bulk-write.js";
import { personSchema } from "./person.schema.js";

type PersonDoc = Person & { _id: unknown };

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
    const doc = await this.model.findOne({ slackUserId: String(slackUserId) }).lean<PersonDoc>();
    return doc ? toPerson(doc) : null;
  }

  async findMany(slackUserIds: readonly string[]): Promise<Person[]> {
    // One person (every DM asks whether its recipient has left) by equality: FerretDB 1.x
    // serves that from the index, but scans the whole collection for any `$in`.
    const filter =
      slackUserIds.length === 1
        ? { slackUserId: String(slackUserIds[0]) }
        : { slackUserId: { $in: slackUserIds.map(String) } };
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
    const doc = await this.model
      .findOneAndUpdate(
        { slackUserId: person.slackUserId },
        { $set: person },
        { upsert: true, returnDocument: "after" },
      )
      .lean<PersonDoc>();
    return toPerson(doc ?? { ...person, _id: null });
  }

  /**
   * BULK_WRITE_CHUNK upserts a command, one command at a time (a sweep page of new profiles
   * in 20 commands instead of 500). Never one bulkWrite of a whole page, nor dozens at once:
   * FerretDB 1.24 on PostgreSQL hangs on either (see bulk-write.ts).
   */
  async upsertMany(people: readonly Person[]): Promise<void> {
    await bulkWriteInChunks(people, (chunk) =>
      this.model.bulkWrite(
        chunk.map((person) => ({
          updateOne: {
            filter: { slackUserId: person.slackUserId },
            update: { $set: person },
            upsert: true,
          },
        })),
        { ordered: false },
      ),
    );
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
