import type { Clock } from "../clock.js";
import type { Auditor } from "./audit-trail.js";
import { DomainError } from "./errors.js";

/**
 * A person's own block list: whom they don't want pairing requests,
 * feedback requests or introductions from. The blocked person is never told;
 * their request is refused like any request the bot can't pass on.
 */
export interface BlockStore {
  /** False if `blockedId` was already blocked (a unique key arbitrates racing blocks). */
  add(blockerId: string, blockedId: string, now: Date): Promise<boolean>;
  /** False if `blockedId` was not blocked. */
  remove(blockerId: string, blockedId: string): Promise<boolean>;
  has(blockerId: string, blockedId: string): Promise<boolean>;
}

/** What services ask before passing a request from one person to another. */
export interface BlockChecker {
  hasBlocked(blockerId: string, blockedId: string): Promise<boolean>;
}

/** Refuses, without saying why, a request from `fromId` to `toId` who blocked them. */
export async function requireNotBlocked(
  blocks: BlockChecker,
  toId: string,
  fromId: string,
): Promise<void> {
  if (await blocks.hasBlocked(toId, fromId)) {
    throw new DomainError("request_refused", { userId: toId });
  }
}

/**
 * Refuses pairing two people directly (an admin's pairing or reassignment) when either has
 * blocked the other. The reply names both and says no more, so it does not tell who blocked whom.
 */
export async function requireNeitherBlocked(
  blocks: BlockChecker,
  oneId: string,
  otherId: string,
): Promise<void> {
  const [oneBlocked, otherBlocked] = await Promise.all([
    blocks.hasBlocked(oneId, otherId),
    blocks.hasBlocked(otherId, oneId),
  ]);
  if (oneBlocked || otherBlocked) {
    throw new DomainError("request_refused", { userId: oneId, withId: otherId });
  }
}

export class BlockService implements BlockChecker {
  constructor(private readonly deps: { store: BlockStore; audit: Auditor; clock: Clock }) {}

  /** Returns false when they were already blocked (the reply is the same either way). */
  async block(actorId: string, userId: string): Promise<boolean> {
    if (actorId === userId) throw new DomainError("self_block");
    const added = await this.deps.store.add(actorId, userId, this.deps.clock.now());
    if (added) await this.deps.audit.record(actorId, "person.blocked", actorId, { userId });
    return added;
  }

  async unblock(actorId: string, userId: string): Promise<boolean> {
    const removed = await this.deps.store.remove(actorId, userId);
    if (removed) await this.deps.audit.record(actorId, "person.unblocked", actorId, { userId });
    return removed;
  }

  hasBlocked(blockerId: string, blockedId: string): Promise<boolean> {
    return this.deps.store.has(blockerId, blockedId);
  }
}
