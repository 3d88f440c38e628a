import type { Redis } from "ioredis";
import type mongoose from "mongoose";
import { moveSharedClock, sharedClockOffset } from "../cache/shared-clock.js";
import { systemClock } from "../clock.js";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** How long "to the next check-in" waits for the bot to plan a new pair's first check-in. */
const PLAN_WAIT_MS = 8_000;

export type Advance = "hour" | "day" | "next-checkin";

/**
 * The playground's side of the shared clock: it moves the offset the bot's SharedClock reads
 * (Redis), and finds the next planned check-in in the bot's MongoDB to jump to it.
 */
export class PlaygroundClock {
  private offsetMs = 0;

  private constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly db: mongoose.mongo.Db,
  ) {}

  static async connect(redis: Redis, prefix: string, db: mongoose.mongo.Db) {
    const clock = new PlaygroundClock(redis, prefix, db);
    // The offset survives restarts: the bot's data may already be "in the future".
    clock.offsetMs = await sharedClockOffset(redis, prefix);
    return clock;
  }

  /** The time the bot uses. */
  now(): Date {
    return new Date(systemClock.now().getTime() + this.offsetMs);
  }

  /**
   * Moves the bot's time forward; returns the new time, or null when nothing is planned.
   * "next-checkin" goes to the earliest one, or to `menteeId`'s when given.
   */
  async advance(kind: Advance, menteeId?: string): Promise<Date | null> {
    if (kind === "hour") return this.moveBy(HOUR_MS);
    if (kind === "day") return this.moveBy(DAY_MS);
    const next = await this.nextCheckin(menteeId ? { menteeId } : {});
    if (!next) return null;
    // A second past the slot, so the bot's sweep finds it due.
    return this.moveBy(Math.max(0, next.getTime() - this.now().getTime()) + 1_000);
  }

  private async moveBy(ms: number): Promise<Date> {
    this.offsetMs += ms;
    return moveSharedClock(this.redis, this.prefix, this.offsetMs);
  }

  /**
   * The earliest planned check-in of an active pair. Pairs made moments ago have none yet: the
   * bot plans them on its next sweep, so nudge one (a clock "move" by 0) and wait until every
   * pair is planned; otherwise a later pair's slot would be picked and the new pair's first
   * check-in planned past it.
   */
  private async nextCheckin(pair: { menteeId?: string }): Promise<Date | null> {
    const relationships = this.db.collection("relationships");
    const active = { ...pair, status: "active", checkinsPaused: { $ne: true } };
    const deadline = systemClock.now().getTime() + PLAN_WAIT_MS;
    let nudged = false;
    while (
      (await relationships.countDocuments({ ...active, nextCheckinAt: null })) > 0 &&
      systemClock.now().getTime() < deadline
    ) {
      if (!nudged) await moveSharedClock(this.redis, this.prefix, this.offsetMs);
      nudged = true;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const [planned] = await relationships
      .find({ ...active, nextCheckinAt: { $ne: null } })
      .sort({ nextCheckinAt: 1 })
      .limit(1)
      .toArray();
    return planned?.nextCheckinAt instanceof Date ? planned.nextCheckinAt : null;
  }
}
