import mongoose from "mongoose";

type Json = Record<string, unknown>;

/** A message as the playground keeps it: Slack's fields plus who may see it. */
export interface StoredMessage {
  channel: string;
  ts: string;
  /** Who wrote it: the bot's user id or a person's. */
  user: string;
  text: string;
  blocks?: unknown[];
  /** Set for "Only visible to you" messages. */
  ephemeralTo?: string;
  edited?: boolean;
  /** The message metadata it was posted with (the bot's delivery key). */
  metadata?: Json;
  /** Files shared with files.completeUploadExternal (their bytes: uploaded-files.ts). */
  files?: Array<{ id: string; name: string; title: string; size: number }>;
}

export interface OpenModal {
  id: string;
  view: Json;
  /** Its latest hash (view-hash.ts); absent on a modal stored before hashes were kept. */
  hash?: string;
  /** Field errors from `response_action: errors`, by block_id. */
  errors: Record<string, string>;
}

export interface Warning {
  at: Date;
  method: string;
  problems: string[];
}

export interface Surfaces {
  _id: string;
  home: Json | null;
  homeId: string | null;
  /** The Home tab's latest hash; absent on surfaces stored before hashes were kept. */
  homeHash?: string | null;
  modals: OpenModal[];
}

const MESSAGES = "playground_messages";
const SURFACES = "playground_surfaces";
const CONVERSATIONS = "playground_conversations";
const WARNINGS = "playground_warnings";
/** A conversation shows its latest messages; older ones stay in MongoDB. */
const PAGE = 100;

/**
 * The playground workspace in MongoDB, beside the bot's own data: messages, each person's
 * Home tab and open modals, group DMs, channels the app joined, and Slack-refused calls.
 * Every write bumps `version`, which the page polls to know when to redraw.
 */
export class WorkspaceStore {
  version = 0;
  private lastTsMicros = 0;
  private readonly surfaceLocks = new Map<string, Promise<void>>();

  private constructor(
    private readonly client: mongoose.mongo.MongoClient,
    /** The bot's database, which the playground's collections share. */
    readonly db: mongoose.mongo.Db,
  ) {}

  static async connect(uri: string): Promise<WorkspaceStore> {
    const client = new mongoose.mongo.MongoClient(uri);
    await client.connect();
    const db = client.db();
    await db.collection(MESSAGES).createIndex({ channel: 1, ts: 1 }, { unique: true });
    return new WorkspaceStore(client, db);
  }

  close(): Promise<void> {
    return this.client.close();
  }

  /** Slack's message timestamps: unique, increasing "seconds.micro" strings. */
  nextTs(now: Date): string {
    this.lastTsMicros = Math.max(this.lastTsMicros + 1, now.getTime() * 1000);
    const seconds = Math.floor(this.lastTsMicros / 1_000_000);
    return `${seconds}.${String(this.lastTsMicros % 1_000_000).padStart(6, "0")}`;
  }

  async addMessage(message: StoredMessage): Promise<void> {
    await this.messages().insertOne({ ...message });
    this.bump();
  }

  async findMessage(channel: string, ts: string): Promise<StoredMessage | null> {
    return (await this.messages().findOne(
      { channel, ts },
      { projection: { _id: 0 } },
    )) as StoredMessage | null;
  }

  async replaceMessage(channel: string, ts: string, change: Partial<StoredMessage>) {
    const set: Json = { ...change, edited: true };
    const unset: Record<string, ""> = {};
    if (change.blocks === undefined) {
      delete set.blocks;
      unset.blocks = "";
    }
    await this.messages().updateOne({ channel, ts }, { $set: set, $unset: unset });
    this.bump();
  }

  async deleteMessage(channel: string, ts: string): Promise<void> {
    await this.messages().deleteOne({ channel, ts });
    this.bump();
  }

  /** The latest messages of a conversation that `viewer` may see, oldest first. */
  async conversation(channel: string, viewer: string): Promise<StoredMessage[]> {
    const found = await this.messages()
      .find(
        { channel, $or: [{ ephemeralTo: null }, { ephemeralTo: viewer }] },
        { projection: { _id: 0 } },
      )
      .sort({ ts: -1 })
      .limit(PAGE)
      .toArray();
    return (found as unknown as StoredMessage[]).reverse();
  }

  /**
   * A conversation's messages after `oldest` and before `before` (Slack ts strings, which
   * compare as text), newest first, ephemeral ones left out as Slack keeps none.
   */
  async history(
    channel: string,
    range: { oldest: string; before?: string | undefined; limit: number },
  ): Promise<StoredMessage[]> {
    const ts = { $gt: range.oldest, ...(range.before ? { $lt: range.before } : {}) };
    return (await this.messages()
      .find({ channel, ephemeralTo: null, ts }, { projection: { _id: 0 } })
      .sort({ ts: -1 })
      .limit(range.limit)
      .toArray()) as unknown as StoredMessage[];
  }

  /** Timestamp of the latest message per conversation, for unread dots. */
  async latestByChannel(channels: string[], viewer: string): Promise<Map<string, string>> {
    const latest = new Map<string, string>();
    for (const channel of channels) {
      const [last] = await this.messages()
        .find({ channel, $or: [{ ephemeralTo: null }, { ephemeralTo: viewer }] })
        .sort({ ts: -1 })
        .limit(1)
        .toArray();
      if (last) latest.set(channel, String(last.ts));
    }
    return latest;
  }

  async surfaces(userId: string): Promise<Surfaces> {
    const found = await this.db.collection<Surfaces>(SURFACES).findOne({ _id: userId });
    return found ?? { _id: userId, home: null, homeId: null, modals: [] };
  }

  /**
   * Changes one person's Home tab and modal stack. Changes for one person run one at a time:
   * the bot's views.publish after a submission and the next views.open must not undo each
   * other (a whole-document read-modify-write would).
   */
  changeSurfaces<T>(userId: string, change: (surfaces: Surfaces) => T): Promise<T> {
    const previous = this.surfaceLocks.get(userId) ?? Promise.resolve();
    const next = previous.then(async () => {
      const surfaces = await this.surfaces(userId);
      const result = change(surfaces);
      await this.db
        .collection<Surfaces>(SURFACES)
        .replaceOne({ _id: userId }, surfaces, { upsert: true });
      this.bump();
      return result;
    });
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.surfaceLocks.set(userId, settled);
    void settled.then(() => {
      if (this.surfaceLocks.get(userId) === settled) this.surfaceLocks.delete(userId);
    });
    return next;
  }

  /** Every person's surfaces: views.update may name a view by id or external_id only. */
  async allSurfaces(): Promise<Surfaces[]> {
    return this.db.collection<Surfaces>(SURFACES).find({}).toArray();
  }

  async groupDm(id: string): Promise<string[] | null> {
    const found = await this.db
      .collection<{ _id: string; members: string[] }>(CONVERSATIONS)
      .findOne({ _id: id });
    return found?.members ?? null;
  }

  async saveGroupDm(id: string, members: string[]): Promise<void> {
    await this.db
      .collection<{ _id: string; members: string[] }>(CONVERSATIONS)
      .updateOne({ _id: id }, { $set: { members } }, { upsert: true });
    this.bump();
  }

  async groupDmsOf(userId: string): Promise<Array<{ id: string; members: string[] }>> {
    const found = await this.db
      .collection<{ _id: string; members: string[] }>(CONVERSATIONS)
      .find({ members: userId })
      .toArray();
    return found.map((c) => ({ id: c._id, members: c.members }));
  }

  async hasJoined(channel: string): Promise<boolean> {
    const joined = this.db.collection<{ _id: string }>(CONVERSATIONS);
    return (await joined.countDocuments({ _id: `joined:${channel}` })) > 0;
  }

  async join(channel: string): Promise<void> {
    await this.db
      .collection<{ _id: string }>(CONVERSATIONS)
      .updateOne({ _id: `joined:${channel}` }, { $set: { joined: true } }, { upsert: true });
  }

  async warn(warning: Warning): Promise<void> {
    await this.db.collection<Warning>(WARNINGS).insertOne({ ...warning });
    this.bump();
  }

  async warnings(limit = 5): Promise<Warning[]> {
    return this.db
      .collection<Warning>(WARNINGS)
      .find({}, { projection: { _id: 0 } })
      .sort({ at: -1 })
      .limit(limit)
      .toArray();
  }

  /** Starts the workspace afresh (the bot's own data is left alone). */
  async clear(): Promise<void> {
    await Promise.all(
      [MESSAGES, SURFACES, CONVERSATIONS, WARNINGS].map((name) =>
        this.db.collection(name).deleteMany({}),
      ),
    );
    this.bump();
  }

  private messages() {
    // Loosely typed: `ephemeralTo: null` also matches messages without the field.
    return this.db.collection<Json>(MESSAGES);
  }

  private bump(): void {
    this.version += 1;
  }
}
