import type { Redis } from "ioredis";
import type { DmChannelStore } from "../slack/dm-channel.js";

/**
 * Each person's DM channel id, in one Redis hash for every replica. Slack keeps a
 * DM's id for good, so conversations.open (Tier 3, about 50 a minute) runs once per
 * person, not once per message. Only a cache: if Redis loses it, the next DM reopens.
 */
export class RedisDmChannels implements DmChannelStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  get(users: string): Promise<string | null> {
    return this.redis.hget(this.key(), users);
  }

  async set(users: string, channel: string): Promise<void> {
    await this.redis.hset(this.key(), users, channel);
  }

  async forget(users: string): Promise<void> {
    await this.redis.hdel(this.key(), users);
  }

  private key(): string {
    return `${this.prefix}:dm-channels`;
  }
}
