import type { Clock } from "../clock.js";
import type { JobEnqueuer } from "../jobs/registry.js";
import { DEFAULT_CADENCE, nextOccurrence, periodMs } from "./cadence.js";
import { type Checkin, MISSED_STREAK } from "./checkin.js";
import type { CheckinStore } from "./checkin.service.js";
import type { Relationship } from "./relationship.js";
import type { TimeZones } from "./time-zones.js";

export interface SchedulerRelationships {
  listDueForCheckin(now: Date, limit: number): Promise<Relationship[]>;
  advanceCheckin(
    id: string,
    expected: Date | null,
    next: Date | null,
    extra?: { skipNextCheckin?: boolean },
  ): Promise<boolean>;
}

export type SchedulerCheckins = Pick<CheckinStore, "createForSlot" | "transition" | "recent"> & {
  listByStatusDue(
    status: Checkin["status"],
    field: "scheduledFor" | "remindAt" | "missAt",
    now: Date,
    limit?: number,
  ): Promise<Checkin[]>;
};

export interface SweepResult {
  scheduled: number;
  created: number;
  skipped: number;
  caughtUp: number;
  resent: number;
  reminders: number;
  missed: number;
}

const BATCH = 500;
const PARALLEL = 8;
// ofMany answers for every id it is given; this only satisfies the type.
const DEFAULT_ZONE_IF_MISSING = "UTC";

/**
 * The heart of check-ins. MongoDB holds every pair's next check-in time; a
 * sweep turns what is due into jobs. Running it twice, on two replicas at
 * once, or after Redis lost everything, sends nothing twice and loses nothing:
 * the check-in of a slot is unique, the schedule advances by compare-and-set,
 * and job ids are deterministic.
 */
export class CheckinScheduler {
  constructor(
    private readonly deps: {
      relationships: SchedulerRelationships;
      checkins: SchedulerCheckins;
      zones: TimeZones;
      jobs: JobEnqueuer;
      clock: Clock;
    },
  ) {}

  async sweep(): Promise<SweepResult> {
    const now = this.deps.clock.now();
    const result: SweepResult = {
      scheduled: 0,
      created: 0,
      skipped: 0,
      caughtUp: 0,
      resent: 0,
      reminders: 0,
      missed: 0,
    };
    // Pairs are independent: a few at a time keeps the sweep latency-bound, not serial.
    const due = await this.deps.relationships.listDueForCheckin(now, BATCH);
    const zones = await this.deps.zones.ofMany(due.map((r) => r.menteeId));
    for (let i = 0; i < due.length; i += PARALLEL) {
      await Promise.all(
        due
          .slice(i, i + PARALLEL)
          .map((r) =>
            this.handleDue(r, zones.get(r.menteeId) ?? DEFAULT_ZONE_IF_MISSING, now, result),
          ),
      );
    }
    // Scheduled but never sent (a crash, or Redis lost the job): enqueue again; the id dedupes.
    for (const checkin of await this.deps.checkins.listByStatusDue(
      "scheduled",
      "scheduledFor",
      now,
    )) {
      await this.deps.jobs.enqueue("checkins.send", { checkinId: checkin.id });
      result.resent++;
    }
    for (const checkin of await this.deps.checkins.listByStatusDue("sent", "remindAt", now)) {
      await this.deps.jobs.enqueue("checkins.remind", {
        checkinId: checkin.id,
        remindAt: checkin.remindAt?.toISOString() ?? "",
      });
      result.reminders++;
    }
    for (const checkin of await this.deps.checkins.listByStatusDue("sent", "missAt", now)) {
      if (await this.deps.checkins.transition(checkin.id, ["sent"], "missed")) {
        result.missed++;
        await this.checkMissedStreak(checkin);
      }
    }
    return result;
  }

  private async handleDue(
    relationship: Relationship,
    zone: string,
    now: Date,
    result: SweepResult,
  ): Promise<void> {
    const cadence = relationship.cadence ?? DEFAULT_CADENCE;
    const slot = relationship.nextCheckinAt;
    // Never sends more than one check-in for one sweep, however late it is.
    const next = nextOccurrence(cadence, zone, now);
    if (!slot) {
      if (await this.deps.relationships.advanceCheckin(relationship.id, null, next))
        result.scheduled++;
      return;
    }
    if (relationship.skipNextCheckin) {
      if (
        await this.deps.relationships.advanceCheckin(relationship.id, slot, next, {
          skipNextCheckin: false,
        })
      ) {
        result.skipped++;
      }
      return;
    }
    if (now.getTime() - slot.getTime() > periodMs(cadence)) {
      // Down for more than a whole period: that slot is history; start afresh at the next.
      if (await this.deps.relationships.advanceCheckin(relationship.id, slot, next))
        result.caughtUp++;
      return;
    }
    const { checkin, created } = await this.deps.checkins.createForSlot({
      relationshipId: relationship.id,
      mentorId: relationship.mentorId,
      menteeId: relationship.menteeId,
      slot: slot.toISOString(),
      scheduledFor: slot,
      now,
    });
    if (created) result.created++;
    await this.deps.jobs.enqueue("checkins.send", { checkinId: checkin.id });
    await this.deps.relationships.advanceCheckin(relationship.id, slot, next);
  }

  private async checkMissedStreak(checkin: Pick<Checkin, "relationshipId">): Promise<void> {
    // Told once, when the run of misses reaches the streak: a fourth miss in a row says nothing new.
    const recent = await this.deps.checkins.recent(checkin.relationshipId, MISSED_STREAK + 1);
    const run = recent.slice(0, MISSED_STREAK);
    const streak =
      run.length === MISSED_STREAK &&
      run.every((c) => c.status === "missed") &&
      recent[MISSED_STREAK]?.status !== "missed";
    // Keyed on the newest of the run, whichever of them was marked last (a snoozed
    // one can be missed after a later one): the job id makes it once.
    const newest = run[0];
    if (streak && newest) {
      await this.deps.jobs.enqueue("checkins.missed-streak", { checkinId: newest.id });
    }
  }
}
