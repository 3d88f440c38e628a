import type { Connection, Model } from "mongoose";
import type { Exchange, ExchangeStore, NewExchange } from "../../domain/exchange.js";
import type { PersonalDataHolder } from "../../domain/forgetting.js";
import { exchangeSchema } from "./exchange.schema.js";

type ExchangeDoc = NewExchange & { _id: unknown };

/** Offers and advice between the two people of a pair, newest first. */
export class ExchangeRepository implements ExchangeStore, PersonalDataHolder {
  private readonly model: Model<ExchangeDoc>;

  constructor(connection: Connection) {
    this.model = connection.model<ExchangeDoc>("Exchange", exchangeSchema);
  }

  async add(exchange: NewExchange): Promise<Exchange> {
    const doc = await this.model.create(exchange);
    return toExchange(doc.toObject() as ExchangeDoc);
  }

  async putOne(exchange: NewExchange): Promise<Exchange> {
    // By the pair (indexed equality); the few exchanges of one pair are filtered here.
    const docs = await this.model
      .find({ relationshipId: String(exchange.relationshipId) })
      .lean<ExchangeDoc[]>();
    const same = docs.find(
      (doc) =>
        doc.kind === exchange.kind &&
        doc.authorId === exchange.authorId &&
        doc.source === exchange.source,
    );
    if (!same) return this.add(exchange);
    if (same.text === exchange.text) return toExchange(same);
    await this.model.updateOne(
      { _id: same._id },
      { $set: { text: exchange.text, at: exchange.at } },
    );
    return toExchange({ ...same, text: exchange.text, at: exchange.at });
  }

  async findById(id: string): Promise<Exchange | null> {
    if (!/^[0-9a-f]{24}$/i.test(id)) return null;
    const doc = await this.model.findById(id).lean<ExchangeDoc>();
    return doc ? toExchange(doc) : null;
  }

  async recent(relationshipId: string, limit: number): Promise<Exchange[]> {
    const docs = await this.model
      .find({ relationshipId: String(relationshipId) })
      .sort({ at: -1 })
      .limit(limit)
      .lean<ExchangeDoc[]>();
    return docs.map(toExchange);
  }

  /** What they wrote is theirs: deleted. */
  async forgetPerson(userId: string): Promise<number> {
    return (await this.model.deleteMany({ authorId: String(userId) })).deletedCount;
  }

  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
  }
}

function toExchange(doc: ExchangeDoc): Exchange {
  return {
    id: String(doc._id),
    relationshipId: doc.relationshipId,
    authorId: doc.authorId,
    kind: doc.kind,
    source: doc.source,
    text: doc.text,
    at: doc.at,
  };
}
