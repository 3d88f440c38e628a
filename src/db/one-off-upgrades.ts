import type { Collection, Connection } from "mongoose";
import { isDuplicateKeyError } from "./mongo-errors.js";

/**
 * Start-up upgrades that one replica runs once (recount the tallies, fill a new index), each
 * claimed by a unique insert, which is what arbitrates between replicas on FerretDB too.
 *
 * A claim is only a promise to finish: an upgrade killed part-way (a deploy's SIGTERM, an
 * OOM, a liveness probe while a big fill runs) must run again, or what it fills stays
 * unfilled for good. So the runner keeps its claim fresh while it works and marks it done
 * after; a claim not refreshed for a lease is taken over by the next start (or the hourly
 * housekeeping, for a start that came back within the lease), through a unique insert of its
 * next attempt, so two starts never take over the same attempt. Every upgrade is
 * written to be run again safely (it recounts, or fills what is missing). One that fails gives
 * its claim back at once, so the next start tries again.
 *
 * Claims from before this (`{ _id: "once:<key>" }` alone) were taken when their upgrade began;
 * they count as done, as they always did. Claims carry no `at`: the tally marks' purge, which
 * shares the collection, leaves them.
 */
const LEASE_MS = 5 * 60_000;
const HEARTBEAT_MS = 60_000;

interface ClaimDoc {
  _id: string;
  state?: "running" | "done";
  attempt?: number;
  claimedAt?: Date;
}

export class OneOffUpgrades {
  constructor(
    private readonly connection: Connection,
    private readonly now: () => Date,
    private readonly timing = { leaseMs: LEASE_MS, heartbeatMs: HEARTBEAT_MS },
  ) {}

  /** Runs `upgrade` unless it is done or another start is running it; true if it ran here. */
  async runOnce(key: string, upgrade: () => Promise<unknown>): Promise<boolean> {
    const id = `once:${key}`;
    const attempt = await this.claim(id);
    if (attempt === null) return false;
    const heartbeat = setInterval(() => {
      void this.claims()
        .updateOne({ _id: id, attempt }, { $set: { claimedAt: this.now() } })
        .catch(() => undefined);
    }, this.timing.heartbeatMs);
    heartbeat.unref();
    try {
      await upgrade();
    } catch (error) {
      clearInterval(heartbeat);
      await this.claims()
        .updateOne({ _id: id, attempt }, { $set: { claimedAt: new Date(0) } })
        .catch(() => undefined);
      throw error;
    }
    clearInterval(heartbeat);
    await this.claims().updateOne({ _id: id }, { $set: { state: "done" } });
    return true;
  }

  /** The attempt this start now holds, or null when the upgrade is done or held elsewhere. */
  private async claim(id: string): Promise<number | null> {
    const existing = await this.claims().findOne({ _id: id });
    if (!existing) {
      const fresh = { _id: id, state: "running" as const, attempt: 1, claimedAt: this.now() };
      return (await this.insertFirst(this.claims(), fresh)) ? 1 : null;
    }
    if (existing.state !== "running") return null;
    const held = this.now().getTime() - (existing.claimedAt?.getTime() ?? 0);
    if (held < this.timing.leaseMs) return null;
    const attempt = (existing.attempt ?? 1) + 1;
    if (!(await this.insertFirst(this.claims(), { _id: `${id}#${attempt}` }))) return null;
    await this.claims().updateOne({ _id: id }, { $set: { attempt, claimedAt: this.now() } });
    return attempt;
  }

  private async insertFirst(collection: Collection<ClaimDoc>, doc: ClaimDoc): Promise<boolean> {
    try {
      await collection.insertOne(doc);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  /** Kept beside the tally marks, where the first claims were made. */
  private claims(): Collection<ClaimDoc> {
    return this.connection.collection<ClaimDoc>("tally_marks");
  }
}
