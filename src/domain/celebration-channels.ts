import type { Clock } from "../clock.js";
import type { AdminDirectory } from "./admin.js";
import type { Auditor } from "./audit-trail.js";
import { DomainError } from "./errors.js";

/** Channels program admins allowed for shout-outs, kept in MongoDB. */
export interface CelebrationChannelStore {
  /** False if it was already allowed. */
  add(channelId: string, addedBy: string, now: Date): Promise<boolean>;
  /** False if it was not allowed. */
  remove(channelId: string): Promise<boolean>;
  has(channelId: string): Promise<boolean>;
  list(): Promise<string[]>;
}

/**
 * Where shout-outs may go: the program's channel (CELEBRATION_CHANNEL_ID) or
 * a channel an admin allowed. A pair can't send its milestones to #general.
 */
export class CelebrationChannels {
  constructor(
    private readonly deps: {
      store: CelebrationChannelStore;
      admins: AdminDirectory;
      audit: Auditor;
      clock: Clock;
      defaultChannelId: string | undefined;
    },
  ) {}

  get defaultChannelId(): string | undefined {
    return this.deps.defaultChannelId;
  }

  async isAllowed(channelId: string): Promise<boolean> {
    return channelId === this.deps.defaultChannelId || this.deps.store.has(channelId);
  }

  /** Every channel a pair may pick, the program's own first. */
  async list(): Promise<string[]> {
    const allowed = await this.deps.store.list();
    const own = this.deps.defaultChannelId;
    return own ? [own, ...allowed.filter((id) => id !== own)] : allowed;
  }

  async allow(actorId: string, channelId: string): Promise<boolean> {
    await this.requireAdmin(actorId);
    const added = await this.deps.store.add(channelId, actorId, this.deps.clock.now());
    if (added) await this.deps.audit.record(actorId, "celebration_channel.allowed", channelId);
    return added;
  }

  /** Pairs that picked it fall back to the program's channel (none when CELEBRATION_CHANNEL_ID is unset). */
  async remove(actorId: string, channelId: string): Promise<boolean> {
    await this.requireAdmin(actorId);
    const removed = await this.deps.store.remove(channelId);
    if (removed) await this.deps.audit.record(actorId, "celebration_channel.removed", channelId);
    return removed;
  }

  private async requireAdmin(actorId: string): Promise<void> {
    if (!(await this.deps.admins.isAdmin(actorId))) throw new DomainError("admins_only");
  }
}
