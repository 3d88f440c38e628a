import { addDays, todayIn } from "./calendar-date.js";
import type { CalendarDate } from "./roadmap.js";
import type { TimeZones } from "./time-zones.js";

/** A not-done milestone with a due date, and the mentee whose today decides if it is past. */
export interface DueMilestone {
  menteeId: string;
  dueDate: CalendarDate;
}

/**
 * "Overdue" as the pair's own roadmap says it: due before today where the mentee is. Every
 * zone's today is within a day of UTC's, so a date before UTC's yesterday is overdue in all of
 * them and a date after UTC's today in none: only those two days need anyone's zone, read for a
 * page of milestones at once. The program report and the export both judge by this.
 */
export class OverdueWhereDue {
  /** Due before this: overdue in every zone. */
  readonly everywhereBefore: CalendarDate;
  /** Due after this: overdue in no zone. */
  readonly nowhereAfter: CalendarDate;

  constructor(
    private readonly zones: Pick<TimeZones, "ofMany">,
    private readonly now: Date,
  ) {
    this.nowhereAfter = todayIn("UTC", now);
    this.everywhereBefore = addDays(this.nowhereAfter, -1);
  }

  /** Whether only the mentee's zone can tell if a milestone due then is overdue. */
  zoneDecides(dueDate: CalendarDate): boolean {
    return dueDate >= this.everywhereBefore && dueDate <= this.nowhereAfter;
  }

  /** For each milestone, in order, whether it is overdue where its mentee is. */
  async judge(milestones: readonly DueMilestone[]): Promise<boolean[]> {
    const near = milestones.filter((m) => this.zoneDecides(m.dueDate));
    const zones = near.length > 0 ? await this.zones.ofMany(near.map((m) => m.menteeId)) : null;
    return milestones.map((m) => {
      if (m.dueDate < this.everywhereBefore) return true;
      if (!this.zoneDecides(m.dueDate)) return false;
      return m.dueDate < todayIn(zones?.get(m.menteeId) ?? "UTC", this.now);
    });
  }
}
