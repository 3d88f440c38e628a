import type { Clock } from "../clock.js";
import type { CalendarSource } from "./calendars.js";
import dayjs from "./dayjs.js";
import type { JobEnqueuer } from "./jobs.js";
import type { Relationship } from "./relationship.js";
import { isWorkingTime, nextTimeIn } from "./working-hours.js";
import type { WorkplaceNotifier, WorkplaceScheduleStore } from "./workplace.js";

export interface WorkplaceDeps {
  relationships: { findById(id: string): Promise<Relationship | null> };
  schedules: WorkplaceScheduleStore;
  calendars: CalendarSource;
  notifier: WorkplaceNotifier;
  jobs: JobEnqueuer;
  clock: Clock;
}

const BATCH = 500;

/**
 * The monthly "Navigating the workplace" prompt. MongoDB holds each pair's next prompt; the
 * sweep sends what is due inside the mentor's working hours, and the schedule moves on only
 * after the prompt went out (so a lost job is sent by the next sweep, and never twice).
 */
export class WorkplacePrompts {
  constructor(private readonly deps: WorkplaceDeps) {}

  /** A pair became active: its first prompt is a month later. */
  async plan(relationshipId: string): Promise<void> {
    const relationship = await this.deps.relationships.findById(relationshipId);
    if (relationship?.status !== "active") return;
    const from = relationship.activatedAt ?? this.deps.clock.now();
    await this.deps.schedules.createOnce(relationshipId, monthAfter(from));
  }

  async sweep(): Promise<number> {
    const now = this.deps.clock.now();
    const due = await this.deps.schedules.listDue(now, BATCH);
    const relationships = await Promise.all(
      due.map((s) => this.deps.relationships.findById(s.relationshipId)),
    );
    const active = relationships.filter((r): r is Relationship => r?.status === "active");
    const calendars = await this.deps.calendars.ofMany(active.map((r) => r.mentorId));
    let enqueued = 0;
    for (const [i, schedule] of due.entries()) {
      const relationship = relationships[i];
      if (!schedule.nextAt) continue;
      if (relationship?.status === "paused") {
        // Nothing while paused, but the monthly rhythm goes on: prompts resume with the pair.
        await this.deps.schedules.advance(relationship.id, schedule.nextAt, monthAfter(now));
        continue;
      }
      if (relationship?.status !== "active") {
        // Ended (or gone): no more prompts.
        await this.deps.schedules.advance(schedule.relationshipId, schedule.nextAt, null);
        continue;
      }
      const calendar = calendars.get(relationship.mentorId);
      if (calendar && !isWorkingTime(calendar, now)) {
        // Inside the mentor's own working hours, never at night or on a day off.
        const later = nextTimeIn(calendar, now);
        if (later) await this.deps.schedules.advance(relationship.id, schedule.nextAt, later);
        continue;
      }
      await this.deps.jobs.enqueue("workplace.prompt", {
        relationshipId: relationship.id,
        dueAt: schedule.nextAt.toISOString(),
      });
      enqueued++;
    }
    return enqueued;
  }

  /** Job `workplace.prompt`: the prompt for `dueAt`, once; then next month's is planned. */
  async prompt(relationshipId: string, dueAt: string): Promise<void> {
    const schedule = await this.deps.schedules.find(relationshipId);
    if (schedule?.nextAt?.toISOString() !== dueAt) return;
    const relationship = await this.deps.relationships.findById(relationshipId);
    if (relationship?.status !== "active") return;
    const at = new Date(dueAt);
    await this.deps.notifier.prompt(
      relationship.id,
      relationship.mentorId,
      relationship.menteeId,
      at,
    );
    await this.deps.schedules.advance(relationship.id, at, monthAfter(at));
  }
}

function monthAfter(at: Date): Date {
  return dayjs(at).add(1, "month").toDate();
}
