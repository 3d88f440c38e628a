import type { Connection, Model } from "mongoose";
import type { BlockStore } from "../../domain/blocking.js";
import type { PersonalDataHolder } from "../../domain/forgetting.js";
import { isDuplicateKeyError } from "../mongo-errors.js";
import { blockSchema } from "./block.schema.js";

interface BlockDoc {
  _id: string;
  blockerId: string;
  blockedId: string;
  createdAt: Date;
}

const idOf = (blockerId: string, blockedId: string) => `${blockerId}:${blockedId}`;

/** Who blocked whom. */
export class BlockRepository implements BlockStore, PersonalDataHolder {
  private readonly model: Model<BlockDoc>;

  constructor(connection: Connection) {
    this.model = connection.model<BlockDoc>("Block", blockSchema);
  }

  async add(blockerId: string, blockedId: string, now: Date): Promise<boolean> {
    try {
      await this.model.create({
        _id: idOf(blockerId, blockedId),
        blockerId,
        blockedId,
        createdAt: now,
      });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async remove(blockerId: string, blockedId: string): Promise<boolean> {
    const result = await this.model.deleteOne({ _id: idOf(String(blockerId), String(blockedId)) });
    return result.deletedCount === 1;
  }

  async has(blockerId: string, blockedId: string): Promise<boolean> {
    return (await this.model.exists({ _id: idOf(String(blockerId), String(blockedId)) })) !== null;
  }

  /**
   * Forgetting a person deletes the blocks they made. Blocks others made of them stay: they are
   * the blocker's protection, and hold only the forgotten person's Slack id.
   */
  async forgetPerson(userId: string): Promise<number> {
    return (await this.model.deleteMany({ blockerId: String(userId) })).deletedCount;
  }

  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
  }
}
